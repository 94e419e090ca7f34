/**
 * The server side of a route: the Spring WebSocket handler that carries frames between the socket and the route's handler, the sweeper that finds stuck sends, and graceful shutdown.
 */
@NullMarked
package dev.gofr.ws.server;

import org.jspecify.annotations.NullMarked;
