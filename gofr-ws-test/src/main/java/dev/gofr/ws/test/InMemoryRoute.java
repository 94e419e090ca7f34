package dev.gofr.ws.test;

import java.security.Principal;

import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.server.ServerConnection;
import org.jspecify.annotations.Nullable;

/**
 * One route of an {@link InMemoryServer}: connecting to it opens an
 * {@link InMemoryConnection} whose received messages run through the route's interceptors and
 * handler as on a socket. Behind it is the route's {@link RouteWebSocketHandler}, which opens and
 * ends the connections of a socket the same way.
 */
public final class InMemoryRoute {

	private final InMemoryServer server;

	private final RouteWebSocketHandler handler;

	InMemoryRoute(InMemoryServer server, RouteWebSocketHandler handler) {
		this.server = server;
		this.handler = handler;
	}

	/**
	 * A route on a node of its own with the default settings, for a handler that needs nothing
	 * from the node (no broadcaster).
	 * @param route the route
	 * @return the route, ready to {@link #connect() connect} to
	 */
	public static InMemoryRoute of(WsRoute route) {
		return new InMemoryServer().route(route);
	}

	/**
	 * Open a connection from an anonymous peer: it is registered, the listeners are told, and the
	 * handler's {@code onOpen} runs (a failure there closes it with 1011, as on a socket).
	 * @return the connection, open unless {@code onOpen} closed it
	 */
	public InMemoryConnection connect() {
		return connect(null);
	}

	/**
	 * Open a connection from a peer authenticated at the handshake.
	 * @param principal the user, or {@code null} for an anonymous peer
	 * @return the connection, open unless {@code onOpen} closed it
	 */
	public InMemoryConnection connect(@Nullable Principal principal) {
		InMemoryTransport transport = new InMemoryTransport(principal);
		ServerConnection connection = this.handler.createConnection(transport);
		InMemoryConnection inMemory = new InMemoryConnection(connection, transport, this);
		transport.open(connection);
		return inMemory;
	}

	/**
	 * The route's name.
	 * @return the name, as in {@code gofr.ws.endpoints.<name>}
	 */
	public String name() {
		return this.handler.name();
	}

	/**
	 * The route.
	 * @return the route
	 */
	public WsRoute route() {
		return this.handler.route();
	}

	/**
	 * The node this route belongs to.
	 * @return the node
	 */
	public InMemoryServer server() {
		return this.server;
	}

	@Override
	public String toString() {
		return "InMemoryRoute[" + name() + " " + route().path() + "]";
	}

}
