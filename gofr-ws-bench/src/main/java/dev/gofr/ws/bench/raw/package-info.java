/**
 * The baseline: the same server written with plain Spring WebSocket, the way a Spring user would
 * without gofr-ws.
 */
@NullMarked
package dev.gofr.ws.bench.raw;

import org.jspecify.annotations.NullMarked;
