package dev.gofr.ws.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketSession;
import org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator;

/**
 * A Spring {@link WebSocketHandler} on Jetty's WebSocket API, as Spring's
 * {@code JettyWebSocketHandlerAdapter}, but with the session's demand in gofr-ws's hands. Jetty
 * delivers the next frame only once the last one is demanded, and Spring's adapter demands it as
 * soon as the handler returns; here the demand waits while the reads are {@linkplain #pause()
 * paused}, so that a connection whose handler, on an executor, has fallen behind holds its peer
 * back without holding a Jetty thread. A binary message and a pong are handed on in Jetty's buffer,
 * which the handler copies before it returns, where Spring's adapter copies them first.
 * <p>
 * Public for Jetty, which calls only public classes' listener methods. Loaded only when Jetty's
 * WebSocket API is present.
 */
public final class JettyHandlerAdapter implements Session.Listener, SessionReads {

	/** The session attribute under which the adapter waits for {@link SessionReads#of}. */
	static final String ATTRIBUTE = "dev.gofr.ws.transport.JettyHandlerAdapter";

	private static final Logger logger = LoggerFactory.getLogger(JettyHandlerAdapter.class);

	private static final org.apache.commons.logging.Log springLogger = org.apache.commons.logging.LogFactory
		.getLog(JettyHandlerAdapter.class);

	private static final VarHandle READS;

	private static final int READING = 0;

	private static final int PAUSED = 1;

	/** Paused, and the frame delivered last is done: the resume demands the next one. */
	private static final int PAUSED_OWED = 2;

	static {
		try {
			READS = MethodHandles.lookup().findVarHandle(JettyHandlerAdapter.class, "reads", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final WebSocketHandler handler;

	private final JettyWebSocketSession session;

	private @Nullable Session jetty;

	/** Written only to pause and resume: on the usual path, each frame reads it once. */
	private volatile int reads = READING;

	/**
	 * Create the adapter of one connection, and the Spring session it hands to the handler.
	 * @param handler the handler
	 * @param attributes the handshake's attributes
	 * @param user the user authenticated at the handshake, if any
	 */
	public JettyHandlerAdapter(WebSocketHandler handler, Map<String, Object> attributes, @Nullable Principal user) {
		this.handler = handler;
		this.session = new JettyWebSocketSession(attributes, user);
		this.session.getAttributes().put(ATTRIBUTE, this);
	}

	@Override
	public void onWebSocketOpen(Session session) {
		this.jetty = session;
		try {
			this.session.initializeNativeSession(session);
			this.handler.afterConnectionEstablished(this.session);
			session.demand();
		}
		catch (Exception ex) {
			ExceptionWebSocketHandlerDecorator.tryCloseWithError(this.session, ex, springLogger);
		}
	}

	@Override
	public void onWebSocketText(String payload) {
		deliver(new TextMessage(payload), null);
	}

	@Override
	public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
		deliver(new BinaryMessage(payload, true), callback);
	}

	@Override
	public void onWebSocketPong(ByteBuffer payload) {
		deliver(new PongMessage(payload), null);
	}

	/**
	 * Hand a message to the handler, give Jetty its buffer back, and demand the next frame unless
	 * the reads are paused meanwhile.
	 */
	private void deliver(WebSocketMessage<?> message, @Nullable Callback buffer) {
		try {
			this.handler.handleMessage(this.session, message);
		}
		catch (Exception ex) {
			ExceptionWebSocketHandlerDecorator.tryCloseWithError(this.session, ex, springLogger);
			return;
		}
		finally {
			if (buffer != null) {
				buffer.succeed();
			}
		}
		if (this.reads == READING || !READS.compareAndSet(this, PAUSED, PAUSED_OWED)) {
			demand(); // not paused, or resumed since
		}
	}

	@Override
	public void onWebSocketClose(int statusCode, String reason, Callback callback) {
		callback.succeed();
		try {
			this.handler.afterConnectionClosed(this.session, new CloseStatus(statusCode, reason));
		}
		catch (Exception ex) {
			logger.warn("Unhandled exception after the connection closed for {}", this, ex);
		}
	}

	@Override
	public void onWebSocketError(Throwable cause) {
		try {
			this.handler.handleTransportError(this.session, cause);
		}
		catch (Exception ex) {
			ExceptionWebSocketHandlerDecorator.tryCloseWithError(this.session, ex, springLogger);
		}
	}

	@Override
	public void pause() {
		this.reads = PAUSED;
	}

	@Override
	public void resume() {
		if ((int) READS.getAndSet(this, READING) == PAUSED_OWED) {
			demand();
		}
	}

	private void demand() {
		Session jetty = this.jetty;
		if (jetty == null) {
			return;
		}
		try {
			jetty.demand();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not demand the next frame of {}", jetty, ex);
		}
	}

}
