/**
 * The gofr-ws server under test: the sample's setup (Actuator, Prometheus, heartbeat, metrics)
 * with an echo route, the same echo written as an annotated controller, a fan-out route, the
 * broadcast trigger and the sample's chat route.
 */
@NullMarked
package dev.gofr.ws.bench.gofr;

import org.jspecify.annotations.NullMarked;
