/**
 * Message interceptors: a chain around each route's handler that can pass, transform, reply, reject
 * or close, and the built-in ones for authorization and validation (the rate limit is in
 * {@link dev.gofr.ws.limit}, beside the other limits).
 */
@NullMarked
package dev.gofr.ws.interceptor;

import org.jspecify.annotations.NullMarked;
