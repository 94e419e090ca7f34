package dev.gofr.ws.test;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.gofr.ws.handshake.HandshakeRequest;
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
	 * handler's {@code onOpen} runs (a failure there closes it with 1011, as on a socket). It has
	 * no path variables, query or handshake headers; {@link #connect(String)} and
	 * {@link #handshake()} give it some.
	 * @return the connection, open unless {@code onOpen} closed it
	 */
	public InMemoryConnection connect() {
		return handshake().connect();
	}

	/**
	 * Open a connection from a peer authenticated at the handshake.
	 * @param principal the user, or {@code null} for an anonymous peer
	 * @return the connection, open unless {@code onOpen} closed it
	 */
	public InMemoryConnection connect(@Nullable Principal principal) {
		return handshake().principal(principal).connect();
	}

	/**
	 * Open a connection whose handshake asked for a path of this route, with a query if needed:
	 * for a route on {@code /ws/rooms/{room}}, {@code connect("/ws/rooms/lobby?token=abc")} opens
	 * one whose {@code pathVariable("room")} is {@code lobby} and whose
	 * {@code queryParameter("token")} is {@code abc}.
	 * @param uri the path, percent-encoded as on the wire, and the query if any
	 * @return the connection, open unless {@code onOpen} closed it
	 * @throws IllegalArgumentException when the path is not one of this route's, where a server
	 * would answer 404
	 */
	public InMemoryConnection connect(String uri) {
		return handshake().uri(uri).connect();
	}

	/**
	 * A handshake to build, for a connection with a path, a query, headers or a principal:
	 * <pre class="code">
	 * InMemoryConnection alice = rooms.handshake()
	 *     .uri("/ws/rooms/lobby?v=2")
	 *     .header("X-Tenant", "acme")
	 *     .principal(() -&gt; "alice")
	 *     .connect();
	 * </pre>
	 * @return a new handshake, with no path variables, query, headers or principal
	 */
	public Handshake handshake() {
		return new Handshake();
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

	/**
	 * A handshake on an {@link InMemoryRoute}, built step by step; {@link #connect()} opens its
	 * connection. The headers it is given are kept as a server keeps those of its allow-list
	 * ({@code gofr.ws.handshake.headers}).
	 */
	public final class Handshake {

		private Map<String, String> pathVariables = Map.of();

		private @Nullable String query;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable Principal principal;

		private Handshake() {
		}

		/**
		 * The path the handshake asks for, with a query if needed.
		 * @param uri the path, percent-encoded as on the wire, such as
		 * {@code /ws/rooms/caf%C3%A9?token=abc}
		 * @return this handshake
		 * @throws IllegalArgumentException when the path is not one of the route's, where a
		 * server would answer 404
		 */
		public Handshake uri(String uri) {
			int start = uri.indexOf('?');
			String path = (start >= 0) ? uri.substring(0, start) : uri;
			Map<String, String> variables = route().routePath().match(path);
			if (variables == null) {
				throw new IllegalArgumentException("The path " + path + " is not one of route '" + name() + "' ("
						+ route().path() + "): a server answers its handshake with 404");
			}
			this.pathVariables = variables;
			this.query = (start >= 0) ? uri.substring(start + 1) : null;
			return this;
		}

		/**
		 * A header of the handshake, kept for the connection.
		 * @param name the header's name
		 * @param value its value
		 * @return this handshake
		 */
		public Handshake header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * The user the handshake authenticated.
		 * @param principal the user, or {@code null} for an anonymous peer
		 * @return this handshake
		 */
		public Handshake principal(@Nullable Principal principal) {
			this.principal = principal;
			return this;
		}

		/**
		 * Open the connection: it is registered, the listeners are told, and the handler's
		 * {@code onOpen} runs (a failure there closes it with 1011, as on a socket).
		 * @return the connection, open unless {@code onOpen} closed it
		 */
		public InMemoryConnection connect() {
			InMemoryTransport transport = new InMemoryTransport(this.principal,
					HandshakeRequest.of(this.pathVariables, this.query, this.headers));
			ServerConnection connection = InMemoryRoute.this.handler.createConnection(transport);
			InMemoryConnection inMemory = new InMemoryConnection(connection, transport, InMemoryRoute.this);
			transport.open(connection);
			return inMemory;
		}

	}

}
