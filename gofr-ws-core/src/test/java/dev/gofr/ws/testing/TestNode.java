package dev.gofr.ws.testing;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.ConnectionSecurity;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.TextMessage;

/**
 * One node's server side for unit tests of what works on connections (rooms, the registry,
 * broadcasts, interceptors): gofr-ws's own connections over {@link TestSocket}s, on a
 * {@link NodeServices#withoutThreads node without threads}, with the ids the tests choose. Their
 * routes do nothing with messages; error frames read {@code "CODE: message"}.
 */
public final class TestNode {

	private final NodeServices services;

	private final Map<String, RouteWebSocketHandler> routes = new ConcurrentHashMap<>();

	/** The id of the connection being created; guarded by this. */
	private @Nullable String nextId;

	private int ids;

	/**
	 * A node with a registry and rooms of its own.
	 */
	public TestNode() {
		this(new ConnectionRegistry(), new Rooms());
	}

	/**
	 * A node over the given registry and rooms.
	 * @param registry the registry its connections join when they open
	 * @param rooms the rooms its connections join
	 */
	public TestNode(ConnectionRegistry registry, Rooms rooms) {
		this.services = NodeServices.withoutThreads(registry, rooms, new JacksonPayloadCodec(),
				(code, message) -> new TextMessage(code + ": " + message), List.of(), List.of(), Ticker.system(),
				this::takeId);
	}

	/**
	 * A node whose connections' users the given security keeps, on the given time.
	 * @param security the security of its connections
	 * @param ticker the node's time, which the sweeper reads
	 * @param listeners the connection listeners
	 */
	public TestNode(ConnectionSecurity security, Ticker ticker, ConnectionListener... listeners) {
		this.services = NodeServices.withoutThreads(new ConnectionRegistry(), new Rooms(), new JacksonPayloadCodec(),
				(code, message) -> new TextMessage(code + ": " + message), List.of(listeners), List.of(), ticker,
				this::takeId, security);
	}

	private synchronized String takeId() {
		String id = this.nextId;
		if (id == null) {
			throw new IllegalStateException("Connections of a TestNode are created through it");
		}
		this.nextId = null;
		return id;
	}

	/**
	 * The route of a given name, which does nothing with messages.
	 * @param name the route's name
	 * @return the route's handler
	 */
	public RouteWebSocketHandler route(String name) {
		return this.routes.computeIfAbsent(name, (key) -> route(key, RouteSettings.DEFAULTS));
	}

	/**
	 * A route with settings of its own, such as a small send buffer.
	 * @param name the route's name
	 * @param settings the settings
	 * @return a new route's handler
	 */
	public RouteWebSocketHandler route(String name, RouteSettings settings) {
		return new RouteWebSocketHandler(WsRoute.of("/ws/" + name, (connection, message) -> null), name, settings,
				this.services);
	}

	/**
	 * Open a connection of an anonymous peer, with an id of the node's choosing.
	 * @param route the route's name
	 * @return the socket under the connection
	 */
	public TestSocket open(String route) {
		return open(nextGeneratedId(), route(route), null);
	}

	/**
	 * Open a connection of a peer authenticated at the handshake, with an id of the node's choosing.
	 * @param route the route's name
	 * @param principal the user
	 * @return the socket under the connection
	 */
	public TestSocket open(String route, Principal principal) {
		return open(nextGeneratedId(), route(route), principal);
	}

	/**
	 * Open a connection of an anonymous peer.
	 * @param id the connection id
	 * @param route the route's name
	 * @return the socket under the connection
	 */
	public TestSocket open(String id, String route) {
		return open(id, route(route), null);
	}

	/**
	 * Open a connection.
	 * @param id the connection id
	 * @param route the route's handler
	 * @param principal the user, or {@code null} for an anonymous peer
	 * @return the socket under the connection
	 */
	public TestSocket open(String id, RouteWebSocketHandler route, @Nullable Principal principal) {
		TestSocket socket = create(id, route, principal);
		socket.connection().open();
		return socket;
	}

	/**
	 * Create a connection without opening it: not registered, and refusing sends.
	 * @param id the connection id
	 * @param route the route's name
	 * @return the socket under the connection
	 */
	public TestSocket create(String id, String route) {
		return create(id, route(route), (Principal) null);
	}

	private synchronized TestSocket create(String id, RouteWebSocketHandler route, @Nullable Principal principal) {
		return create(id, route, new TestSocket(principal));
	}

	/**
	 * Open a connection over a socket of the test's, on a new route of the given handler.
	 * @param route the route's name
	 * @param handler the route's handler
	 * @param socket the socket, with the handshake's user and attributes set
	 * @param interceptors the route's interceptors
	 * @return the socket
	 */
	public TestSocket open(String route, WsHandler handler, TestSocket socket, MessageInterceptor... interceptors) {
		RouteWebSocketHandler handlerOfRoute = new RouteWebSocketHandler(WsRoute.of("/ws/" + route, handler), route,
				RouteSettings.DEFAULTS, this.services, List.of(interceptors));
		create(nextGeneratedId(), handlerOfRoute, socket);
		socket.connection().open();
		return socket;
	}

	/**
	 * Create a connection over a socket of the test's, without opening it.
	 * @param id the connection id
	 * @param route the route's handler
	 * @param socket the socket, with the handshake's user and attributes set
	 * @return the socket
	 */
	public synchronized TestSocket create(String id, RouteWebSocketHandler route, TestSocket socket) {
		this.nextId = id;
		return socket.create(route);
	}

	private synchronized String nextGeneratedId() {
		return "c-" + (++this.ids);
	}

	/**
	 * What the routes of this node share.
	 * @return the node's services
	 */
	public NodeServices services() {
		return this.services;
	}

}
