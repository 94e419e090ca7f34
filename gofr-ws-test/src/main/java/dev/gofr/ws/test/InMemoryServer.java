package dev.gofr.ws.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.gofr.ws.broadcast.BroadcastListener;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.controller.ControllerHandler;
import dev.gofr.ws.error.ErrorFrameFormat;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.history.HistorySettings;
import dev.gofr.ws.history.InMemoryHistory;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.RoomLimits;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.ConnectionSecurity;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteDispatcher;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.server.ServerConnection;
import dev.gofr.ws.time.Ticker;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * A gofr-ws node without sockets, for unit tests of handlers and their interceptors: what the
 * routes of a running application share (registry, rooms, broadcaster, JSON codec, error
 * frame format, global interceptors, connection listeners), in memory. Its connections are
 * gofr-ws's own {@link ServerConnection}s over a transport that records what is written to it,
 * and messages go through the same {@link RouteDispatcher} a socket's messages do, synchronously,
 * on the test's thread, so a test needs no waits:
 *
 * <pre class="code">
 * InMemoryServer server = new InMemoryServer();
 * InMemoryRoute chat = server.route(WsRoute.of("/ws/chat", new ChatHandler(server.broadcaster())));
 * InMemoryConnection alice = chat.connect();
 * alice.receiveText("{\"type\":\"join\",\"room\":\"lobby\"}");
 * assertThat(alice.lastMessage()).isJson().hasPath("$.type", "joined");
 * </pre>
 *
 * Not thread-safe: drive it from one thread. What it does not do is what needs a socket: frames
 * arriving in parts, size limits, heartbeats, send buffers and timeouts, handshakes. Test those
 * against a running application with {@link WsTestClient}.
 */
public final class InMemoryServer {

	private final ConnectionRegistry registry = new ConnectionRegistry();

	private final Rooms rooms;

	private final PayloadCodec codec;

	private final List<MessageInterceptor> interceptors;

	private final NodeServices node;

	private final Broadcaster broadcaster;

	/**
	 * A node with the defaults of an application: a Jackson 3 codec on a default
	 * {@code JsonMapper}, the JSON error frame, no global interceptors and no listeners.
	 */
	public InMemoryServer() {
		this(builder());
	}

	private InMemoryServer(Builder builder) {
		this.codec = builder.codec;
		this.interceptors = List.copyOf(builder.interceptors);
		this.rooms = new Rooms(RoomLimits.DEFAULTS, builder.history);
		AtomicLong ids = new AtomicLong();
		this.node = NodeServices.withoutThreads(this.registry, this.rooms, this.codec, builder.errorFormat,
				builder.listeners, List.of(), Ticker.system(), () -> "test-" + ids.incrementAndGet(), builder.security);
		this.broadcaster = new Broadcaster(this.registry, this.rooms, this.codec, builder.broadcastListeners);
	}

	/**
	 * A builder for a node with other than the default settings.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A route of this node, named as the route says or after its path's last segment.
	 * @param route the route; its own interceptors run after this node's global ones
	 * @return the route, ready to {@link InMemoryRoute#connect() connect} to
	 */
	public InMemoryRoute route(WsRoute route) {
		return route(route, route.resolveName(null, null));
	}

	/**
	 * A route of this node, under a given name.
	 * @param route the route; its own interceptors run after this node's global ones
	 * @param name the route's name, as in {@code gofr.ws.endpoints.<name>}
	 * @return the route
	 */
	public InMemoryRoute route(WsRoute route, String name) {
		List<MessageInterceptor> all = new ArrayList<>(this.interceptors);
		all.addAll(route.interceptors());
		return new InMemoryRoute(this,
				new RouteWebSocketHandler(route, name, RouteSettings.DEFAULTS, this.node, all));
	}

	/**
	 * The route of an annotated controller, as the application serves it: named as its
	 * {@code @WsController} says, else after its class without a trailing {@code Controller}
	 * ({@code ChatController} serves {@code chat}); its {@code @Valid} payloads are validated by
	 * the Jakarta Bean Validation provider on the class path.
	 * <pre class="code">
	 * InMemoryConnection alice = server.controller(new ChatController()).connect();
	 * </pre>
	 * @param controller an instance of a class annotated {@code @WsController}
	 * @return the route
	 * @throws IllegalStateException when a method of the controller cannot be called as declared,
	 * as the application would fail at startup
	 */
	public InMemoryRoute controller(Object controller) {
		ControllerHandler handler = ControllerHandler.of(controller);
		WsRoute route = handler.route();
		return route(route, route.resolveName(StringUtils.uncapitalize(handler.controllerType().getSimpleName()), null));
	}

	/**
	 * A running application's route, with exactly the interceptors it runs there (its global and
	 * its own ones), but this node's registry, rooms and broadcaster.
	 * @param route the route's handler, for example from the application's
	 * {@link dev.gofr.ws.server.Routes}
	 * @return the route
	 */
	public InMemoryRoute route(RouteWebSocketHandler route) {
		return new InMemoryRoute(this, new RouteWebSocketHandler(route.route(), route.name(), RouteSettings.DEFAULTS,
				this.node, route.interceptors()));
	}

	/**
	 * The live connections of this node.
	 * @return the registry
	 */
	public ConnectionRegistry registry() {
		return this.registry;
	}

	/**
	 * The rooms of this node.
	 * @return the rooms
	 */
	public Rooms rooms() {
		return this.rooms;
	}

	/**
	 * A broadcaster over this node's connections and rooms, to give to the handler under test.
	 * @return the broadcaster
	 */
	public Broadcaster broadcaster() {
		return this.broadcaster;
	}

	/**
	 * The JSON codec of handler replies, {@code sendJson} and {@code WsMessage.bind}.
	 * @return the codec
	 */
	public PayloadCodec codec() {
		return this.codec;
	}

	/**
	 * Builds an {@link InMemoryServer} with other than the default settings.
	 */
	public static final class Builder {

		private PayloadCodec codec = new JacksonPayloadCodec();

		private ErrorFrameFormat errorFormat = new JsonErrorFrameFormat();

		private final List<MessageInterceptor> interceptors = new ArrayList<>();

		private final List<ConnectionListener> listeners = new ArrayList<>();

		private final List<BroadcastListener> broadcastListeners = new ArrayList<>();

		private @Nullable ConnectionSecurity security;

		private History history = History.NONE;

		private Builder() {
		}

		/**
		 * The security of the node's connections, as the application has it with Spring Security
		 * (its {@code ConnectionSecurity} bean): a connection whose principal is an
		 * {@code Authentication} then runs its messages with it in the
		 * {@code SecurityContextHolder}.
		 * @param security the security, such as a {@code SpringConnectionSecurity}
		 * @return this builder
		 */
		public Builder security(ConnectionSecurity security) {
			this.security = security;
			return this;
		}

		/**
		 * Rooms that keep a history, as with {@code gofr.ws.history.enabled=true}: their messages
		 * are stamped with {@code offset} and {@code epoch}, and a join with a position recovers.
		 * @param rules which rooms keep a history and how much, for example
		 * {@code new HistorySettings(List.of("*"), 100, Duration.ofMinutes(5))}; the first whose
		 * patterns match a room decides its size and ttl
		 * @return this builder
		 */
		public Builder history(HistorySettings... rules) {
			this.history = new InMemoryHistory(HistoryRules.of(rules), Ticker.system());
			return this;
		}

		/**
		 * The JSON codec, for example one on the application's own {@code JsonMapper}.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder codec(PayloadCodec codec) {
			this.codec = codec;
			return this;
		}

		/**
		 * The format of error frames, when the application replaces the default.
		 * @param errorFormat the format
		 * @return this builder
		 */
		public Builder errorFormat(ErrorFrameFormat errorFormat) {
			this.errorFormat = errorFormat;
			return this;
		}

		/**
		 * Global interceptors, as the application's {@code MessageInterceptor} beans: they run on
		 * every route, in this order, before the route's own.
		 * @param interceptors the interceptors
		 * @return this builder
		 */
		public Builder interceptors(MessageInterceptor... interceptors) {
			this.interceptors.addAll(Arrays.asList(interceptors));
			return this;
		}

		/**
		 * Connection listeners, told about opens, closes, errors and handled messages.
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder listeners(ConnectionListener... listeners) {
			this.listeners.addAll(Arrays.asList(listeners));
			return this;
		}

		/**
		 * Broadcast listeners, told about every broadcast.
		 * @param listeners the listeners
		 * @return this builder
		 */
		public Builder broadcastListeners(BroadcastListener... listeners) {
			this.broadcastListeners.addAll(Arrays.asList(listeners));
			return this;
		}

		/**
		 * Build the node.
		 * @return a new node, with no connections
		 */
		public InMemoryServer build() {
			return new InMemoryServer(this);
		}

	}

}
