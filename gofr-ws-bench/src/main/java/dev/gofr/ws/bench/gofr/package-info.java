/**
 * The gofr-ws server under test: the sample's setup (Actuator, Prometheus, heartbeat, metrics)
 * with an echo route, a fan-out route and the broadcast trigger.
 */
@NullMarked
package dev.gofr.ws.bench.gofr;

import org.jspecify.annotations.NullMarked;
