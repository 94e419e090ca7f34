/**
 * Heartbeat settings, the rule that decides when a quiet peer is pinged or given up on
 * ({@link dev.gofr.ws.heartbeat.HeartbeatSettings}), and the listeners that hear pongs and
 * timeouts. The pings and the reaping are done by the server's sweeper ({@code dev.gofr.ws.server})
 * and by the reconnecting client.
 */
@NullMarked
package dev.gofr.ws.heartbeat;

import org.jspecify.annotations.NullMarked;
