/**
 * Testing utilities for gofr-ws applications: a WebSocket client with bounded waits that records
 * every frame it receives.
 */
@NullMarked
package dev.gofr.ws.test;

import org.jspecify.annotations.NullMarked;
