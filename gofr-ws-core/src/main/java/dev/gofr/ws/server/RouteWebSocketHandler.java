package dev.gofr.ws.server;

import java.util.List;

import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.transport.FrameWriters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Spring's {@link WebSocketHandler} for one route: it adapts each container session to a
 * {@link ConnectionTransport} and opens a {@link ServerConnection} over it. The container hands
 * a frame to {@link #handleMessage}, which puts a message arriving in parts together and has the
 * connection {@link ServerConnection#receive receive} it: the route's {@link RouteDispatcher} runs
 * the interceptors and the handler, and the reply is queued on the connection, whose outbound
 * queue writes it to the socket.
 */
public final class RouteWebSocketHandler implements WebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(RouteWebSocketHandler.class);

	private static final String TRANSPORT_ATTRIBUTE = RouteWebSocketHandler.class.getName() + ".transport";

	private final WsRoute route;

	private final String name;

	private final RouteSettings settings;

	private final NodeServices node;

	private final RouteDispatcher dispatcher;

	/**
	 * Create the handler of a route, with only the route's own interceptors.
	 * @param route the route
	 * @param name the route's resolved name
	 * @param settings the route's settings
	 * @param node what the routes of this node share
	 */
	public RouteWebSocketHandler(WsRoute route, String name, RouteSettings settings, NodeServices node) {
		this(route, name, settings, node, route.interceptors());
	}

	/**
	 * Create the handler of a route.
	 * @param route the route
	 * @param name the route's resolved name
	 * @param settings the route's settings
	 * @param node what the routes of this node share
	 * @param interceptors every interceptor between the socket and the handler, in order
	 */
	public RouteWebSocketHandler(WsRoute route, String name, RouteSettings settings, NodeServices node,
			List<MessageInterceptor> interceptors) {
		this.route = route;
		this.name = name;
		this.settings = settings;
		this.node = node;
		this.dispatcher = new RouteDispatcher(route, name, interceptors, node.events());
	}

	/**
	 * The interceptors between the socket and the handler, in order.
	 * @return an unmodifiable list
	 */
	public List<MessageInterceptor> interceptors() {
		return this.dispatcher.interceptors();
	}

	/**
	 * The way a message takes through this route's interceptors and handler; a test can run
	 * it against a connection of its own.
	 * @return the dispatcher
	 */
	public RouteDispatcher dispatcher() {
		return this.dispatcher;
	}

	/**
	 * The route's name.
	 * @return the name under {@code gofr.ws.endpoints}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The route.
	 * @return the route
	 */
	public WsRoute route() {
		return this.route;
	}

	/**
	 * The settings.
	 * @return the settings
	 */
	public RouteSettings settings() {
		return this.settings;
	}

	NodeServices node() {
		return this.node;
	}

	/**
	 * A new connection of this route over a transport, not yet open. Whoever adapts the
	 * transport keeps the connection where the transport's events will find it, then
	 * {@link ServerConnection#open() opens} it.
	 * @param transport the transport
	 * @return the connection, connecting
	 */
	public ServerConnection createConnection(ConnectionTransport transport) {
		return new ServerConnection(this.node.newId(), this, transport);
	}

	/**
	 * The route's name behind a handshake's handler, however Spring has decorated it.
	 * @param handler the handler
	 * @return the route's name, or {@code "unknown"} for a handler that is not a route's
	 */
	public static String nameOf(WebSocketHandler handler) {
		return (WebSocketHandlerDecorator.unwrap(handler) instanceof RouteWebSocketHandler route) ? route.name()
				: "unknown";
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		FrameWriter writer = FrameWriters.forSession(session, this.settings.send().timeout(), this.node.executor(),
				this.node.inlineCompletions());
		FrameWriters.configureSession(session, this.settings.maxTextMessageSize(),
				this.settings.maxBinaryMessageSize());
		SessionTransport transport = new SessionTransport(session, writer, this);
		session.getAttributes().put(TRANSPORT_ATTRIBUTE, transport);
		transport.connection().open();
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		SessionTransport transport = transport(session);
		if (transport == null) {
			return;
		}
		ServerConnection connection = transport.connection();
		connection.touch();
		if (connection.state() != ConnectionState.OPEN) {
			return; // closing: the rest of the peer's frames are read and ignored
		}
		try {
			if (message instanceof TextMessage text) {
				String whole = transport.assembly()
					.text(text.getPayload(), text.isLast(), this.settings.maxTextMessageSize());
				if (whole != null) {
					connection.receive(WsMessage.text(whole, this.node.codec()));
				}
			}
			else if (message instanceof PongMessage pong) {
				connection.receivePong(pong.getPayload());
			}
			else if (message instanceof BinaryMessage binary) {
				byte[] whole = transport.assembly()
					.binary(binary.getPayload(), binary.isLast(), this.settings.maxBinaryMessageSize());
				if (whole != null) {
					connection.receive(WsMessage.binary(whole, this.node.codec()));
				}
			}
		}
		catch (WsException ex) {
			// only the size limits throw here
			this.node.events().error(connection, ex.code());
			connection.close(ex.code().closeCode(), ex.getMessage());
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		SessionTransport transport = transport(session);
		logger.debug("Transport error on connection {}",
				(transport != null) ? transport.connection().id() : session.getId(), exception);
		if (transport != null) {
			transport.connection().transportFailed(exception);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		SessionTransport transport = transport(session);
		if (transport != null) {
			transport.assembly().reset();
			transport.connection().end(closeStatus);
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true; // assembled here, so the container's per-connection buffers can stay small
	}

	private static @Nullable SessionTransport transport(WebSocketSession session) {
		return (SessionTransport) session.getAttributes().get(TRANSPORT_ATTRIBUTE);
	}

	@Override
	public String toString() {
		return "RouteWebSocketHandler[" + this.name + " " + this.route.path() + "]";
	}

}
