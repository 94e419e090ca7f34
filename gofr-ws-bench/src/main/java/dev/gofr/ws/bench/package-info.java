/**
 * Benchmarks of gofr-ws against a plain Spring WebSocket application and Node's {@code ws}:
 * the servers, the load generator and the runner that drives them side by side.
 */
@NullMarked
package dev.gofr.ws.bench;

import org.jspecify.annotations.NullMarked;
