/**
 * The cluster benchmark: broadcast latency and throughput across two gofr-ws nodes relaying
 * through Redis.
 */
@NullMarked
package dev.gofr.ws.bench.cluster;

import org.jspecify.annotations.NullMarked;
