/**
 * The load generator: a one-thread NIO WebSocket client that holds thousands of connections, and
 * the scenarios it plays against a server.
 */
@NullMarked
package dev.gofr.ws.bench.client;

import org.jspecify.annotations.NullMarked;
