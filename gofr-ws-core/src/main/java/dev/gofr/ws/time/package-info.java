/**
 * Time as gofr-ws reads it: a {@link dev.gofr.ws.time.Ticker} that production code takes instead of
 * calling {@link System#nanoTime()}, and a {@link dev.gofr.ws.time.ManualTicker} for tests.
 */
@NullMarked
package dev.gofr.ws.time;

import org.jspecify.annotations.NullMarked;
