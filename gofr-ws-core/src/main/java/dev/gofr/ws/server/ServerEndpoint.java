package dev.gofr.ws.server;

import java.util.List;

import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.limit.ConnectionLimiter;
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
 * The server side of one route, and the path every message takes: the container hands a frame
 * to {@link #handleMessage}, which assembles it into a {@link WsMessage} and hands it to the
 * route's {@link RouteDispatcher}: the interceptors, the handler, and the reply queued on the
 * {@link ServerConnection}, whose outbound queue writes it to the socket. Registered with Spring
 * as the route's {@link WebSocketHandler}.
 */
public final class ServerEndpoint implements WebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(ServerEndpoint.class);

	private static final String CONNECTION_ATTRIBUTE = ServerEndpoint.class.getName() + ".connection";

	private final WsRoute route;

	private final String name;

	private final EndpointSettings settings;

	private final WsServer server;

	private final RouteDispatcher dispatcher;

	/**
	 * Create the endpoint of a route, with only the route's own interceptors.
	 * @param route the route
	 * @param name the route's resolved name
	 * @param settings the endpoint's settings
	 * @param server what the endpoints of this node share
	 */
	public ServerEndpoint(WsRoute route, String name, EndpointSettings settings, WsServer server) {
		this(route, name, settings, server, route.interceptors());
	}

	/**
	 * Create the endpoint of a route.
	 * @param route the route
	 * @param name the route's resolved name
	 * @param settings the endpoint's settings
	 * @param server what the endpoints of this node share
	 * @param interceptors every interceptor between the socket and the handler, in order
	 */
	public ServerEndpoint(WsRoute route, String name, EndpointSettings settings, WsServer server,
			List<MessageInterceptor> interceptors) {
		this.route = route;
		this.name = name;
		this.settings = settings;
		this.server = server;
		this.dispatcher = new RouteDispatcher(route, name, interceptors, server.events());
	}

	/**
	 * The interceptors between the socket and the handler, in order.
	 * @return an unmodifiable list
	 */
	public List<MessageInterceptor> interceptors() {
		return this.dispatcher.interceptors();
	}

	/**
	 * The way a message takes through this endpoint's interceptors and handler; a test can run
	 * it against a connection of its own.
	 * @return the dispatcher
	 */
	public RouteDispatcher dispatcher() {
		return this.dispatcher;
	}

	/**
	 * The endpoint name.
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
	public EndpointSettings settings() {
		return this.settings;
	}

	WsServer server() {
		return this.server;
	}

	/**
	 * The endpoint name behind a handshake's handler, however Spring has decorated it.
	 * @param handler the handler
	 * @return the endpoint name, or {@code "unknown"} for a handler that is not an endpoint's
	 */
	public static String nameOf(WebSocketHandler handler) {
		return (WebSocketHandlerDecorator.unwrap(handler) instanceof ServerEndpoint endpoint) ? endpoint.name() : "unknown";
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		FrameWriter writer = FrameWriters.forSession(session, this.settings.send().timeout(), this.server.executor(),
				this.server.inlineCompletions());
		FrameWriters.configureSession(session, this.settings.maxTextMessageSize(),
				this.settings.maxBinaryMessageSize());
		ServerConnection connection = new ServerConnection(this.server.newId(), this, session, writer);
		session.getAttributes().put(CONNECTION_ATTRIBUTE, connection);
		this.server.registry().add(connection);
		ConnectionLimiter.connected(session.getAttributes());
		GracefulShutdown.connected(session.getAttributes());
		try {
			connection.opened();
			this.server.events().opened(connection);
			this.dispatcher.open(connection);
		}
		finally {
			connection.established();
		}
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		ServerConnection connection = connection(session);
		if (connection == null) {
			return;
		}
		connection.touch();
		if (connection.state() != ConnectionState.OPEN) {
			return; // closing: the rest of the peer's frames are read and ignored
		}
		try {
			if (message instanceof TextMessage text) {
				String whole = connection.assembleText(text.getPayload(), text.isLast(),
						this.settings.maxTextMessageSize());
				if (whole != null) {
					this.dispatcher.dispatch(connection, WsMessage.text(whole, this.server.codec()));
				}
			}
			else if (message instanceof PongMessage pong) {
				connection.ponged(pong.getPayload());
			}
			else if (message instanceof BinaryMessage binary) {
				byte[] whole = connection.assembleBinary(binary.getPayload(), binary.isLast(),
						this.settings.maxBinaryMessageSize());
				if (whole != null) {
					this.dispatcher.dispatch(connection, WsMessage.binary(whole, this.server.codec()));
				}
			}
		}
		catch (WsException ex) {
			// only the size limits throw here
			this.server.events().error(connection, ex.code());
			connection.close(ex.code().closeCode(), ex.getMessage());
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		ServerConnection connection = connection(session);
		logger.debug("Transport error on connection {}", (connection != null) ? connection.id() : session.getId(),
				exception);
		if (connection == null) {
			return;
		}
		connection.transportFailed();
		if (connection.state() == ConnectionState.OPEN) {
			this.dispatcher.notifyError(connection, exception);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		ServerConnection connection = connection(session);
		if (connection != null) {
			connectionEnded(connection, closeStatus);
		}
	}

	/**
	 * Take a connection out of service: once, however many ways its end is noticed.
	 */
	void connectionEnded(ServerConnection connection, CloseStatus status) {
		if (!connection.terminated()) {
			return;
		}
		this.server.registry().remove(connection);
		ConnectionLimiter.release(connection.session().getAttributes());
		this.server.rooms().leaveAll(connection);
		CloseStatus effective = connection.effectiveCloseStatus(status);
		if (logger.isDebugEnabled()) {
			logger.debug("Connection {} of endpoint '{}' ended: {} (container reported {})", connection.id(), this.name,
					effective, status);
		}
		this.dispatcher.closed(connection, effective);
	}

	@Override
	public boolean supportsPartialMessages() {
		return true; // assembled here, so the container's per-connection buffers can stay small
	}

	private static @Nullable ServerConnection connection(WebSocketSession session) {
		return (ServerConnection) session.getAttributes().get(CONNECTION_ATTRIBUTE);
	}

	@Override
	public String toString() {
		return "ServerEndpoint[" + this.name + " " + this.route.path() + "]";
	}

}
