/**
 * Message interceptors: a chain around each route's handler that can pass, transform, reply, reject or close, and the built-in ones (rate limit, authorization, validation).
 */
@NullMarked
package dev.gofr.ws.interceptor;

import org.jspecify.annotations.NullMarked;
