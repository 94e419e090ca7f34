/**
 * The cluster benchmark: broadcast latency and throughput across two gofr-ws nodes relaying
 * through Redis, to a route and to a room, and recovery across nodes after a reconnect storm.
 */
@NullMarked
package dev.gofr.ws.bench.cluster;

import org.jspecify.annotations.NullMarked;
