/**
 * Limits: connections per node, per route and per address, the accept throttle
 * ({@link dev.gofr.ws.limit.ConnectionLimiter}, a handshake check), and per-connection message rates
 * ({@link dev.gofr.ws.limit.RateLimitInterceptor}, the first message interceptor of a limited route).
 */
@NullMarked
package dev.gofr.ws.limit;

import org.jspecify.annotations.NullMarked;
