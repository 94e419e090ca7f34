/**
 * The server side of a route: the connection and its life ({@link dev.gofr.ws.server.ServerConnection}),
 * the transport port it runs over ({@link dev.gofr.ws.server.ConnectionTransport}), the Spring
 * WebSocket handler of each route that adapts the container's sessions to it
 * ({@link dev.gofr.ws.server.RouteWebSocketHandler}), the routes of a node by name
 * ({@link dev.gofr.ws.server.Routes}), what they share ({@link dev.gofr.ws.server.NodeServices}),
 * where each route's handler runs ({@link dev.gofr.ws.server.HandlerExecution}, and each
 * connection's mailbox when it runs on an executor), the sweeper that finds silent peers and stuck
 * sends, and graceful shutdown.
 */
@NullMarked
package dev.gofr.ws.server;

import org.jspecify.annotations.NullMarked;
