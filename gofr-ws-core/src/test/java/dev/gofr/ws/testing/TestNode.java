package dev.gofr.ws.testing;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.TextMessage;

/**
 * One node's server side for unit tests of what works on connections (rooms, the registry,
 * broadcasts, interceptors): gofr-ws's own connections over {@link TestSocket}s, on a
 * {@link NodeServices#withoutThreads node without threads}, with the ids the tests choose. Their routes
 * do nothing with messages; error frames read {@code "CODE: message"}.
 */
public final class TestNode {

	private final NodeServices server;

	private final Map<String, RouteWebSocketHandler> endpoints = new ConcurrentHashMap<>();

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
		this.server = NodeServices.withoutThreads(registry, rooms, new JacksonPayloadCodec(),
				(code, message) -> new TextMessage(code + ": " + message), List.of(), List.of(), Ticker.system(),
				this::takeId);
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
	 * The endpoint of a given name: a route that does nothing with messages.
	 * @param name the endpoint name
	 * @return the endpoint
	 */
	public RouteWebSocketHandler endpoint(String name) {
		return this.endpoints.computeIfAbsent(name, (key) -> endpoint(key, RouteSettings.DEFAULTS));
	}

	/**
	 * An endpoint with settings of its own, such as a small send buffer.
	 * @param name the endpoint name
	 * @param settings the settings
	 * @return a new endpoint
	 */
	public RouteWebSocketHandler endpoint(String name, RouteSettings settings) {
		return new RouteWebSocketHandler(WsRoute.of("/ws/" + name, (connection, message) -> null), name, settings,
				this.server);
	}

	/**
	 * Open a connection of an anonymous peer, with an id of the node's choosing.
	 * @param endpoint the endpoint name
	 * @return the socket under the connection
	 */
	public TestSocket open(String endpoint) {
		return open(nextGeneratedId(), endpoint(endpoint), null);
	}

	/**
	 * Open a connection of a peer authenticated at the handshake, with an id of the node's choosing.
	 * @param endpoint the endpoint name
	 * @param principal the user
	 * @return the socket under the connection
	 */
	public TestSocket open(String endpoint, Principal principal) {
		return open(nextGeneratedId(), endpoint(endpoint), principal);
	}

	/**
	 * Open a connection of an anonymous peer.
	 * @param id the connection id
	 * @param endpoint the endpoint name
	 * @return the socket under the connection
	 */
	public TestSocket open(String id, String endpoint) {
		return open(id, endpoint(endpoint), null);
	}

	/**
	 * Open a connection.
	 * @param id the connection id
	 * @param endpoint the endpoint
	 * @param principal the user, or {@code null} for an anonymous peer
	 * @return the socket under the connection
	 */
	public TestSocket open(String id, RouteWebSocketHandler endpoint, @Nullable Principal principal) {
		TestSocket socket = create(id, endpoint, principal);
		socket.connection().open();
		return socket;
	}

	/**
	 * Create a connection without opening it: not registered, and refusing sends.
	 * @param id the connection id
	 * @param endpoint the endpoint name
	 * @return the socket under the connection
	 */
	public TestSocket create(String id, String endpoint) {
		return create(id, endpoint(endpoint), null);
	}

	private synchronized TestSocket create(String id, RouteWebSocketHandler endpoint, @Nullable Principal principal) {
		this.nextId = id;
		return new TestSocket(principal).create(endpoint);
	}

	private synchronized String nextGeneratedId() {
		return "c-" + (++this.ids);
	}

	/**
	 * The node's server side.
	 * @return the server
	 */
	public NodeServices server() {
		return this.server;
	}

}
