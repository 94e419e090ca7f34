package dev.gofr.ws.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Closes every connection when the application stops, before the web server does: handshakes
 * are refused from then on (503 with {@code Retry-After}), every connection gets 1001 after the
 * frames already queued for it, and those that have not closed within the timeout are cut off.
 * Runs in a lifecycle phase above Boot's graceful web server shutdown, so it works with
 * {@code server.shutdown=graceful} too.
 */
public final class GracefulShutdown implements SmartLifecycle, HandshakeInterceptor {

	/** The lifecycle phase: stops before the web server's graceful shutdown. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(GracefulShutdown.class);

	private static final long POLL_MILLIS = 10;

	private final WsServer server;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create the shutdown of a node's connections.
	 * @param server the node's server side
	 * @param timeout how long queued messages may take to flush before connections are cut off
	 */
	public GracefulShutdown(WsServer server, Duration timeout) {
		this.server = server;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		int open = this.server.registry().count();
		if (open == 0) {
			return;
		}
		logger.info("Closing {} WebSocket connection(s), waiting up to {}", open, this.timeout);
		for (WsConnection connection : this.server.registry().connections()) {
			connection.close(CloseCodes.GOING_AWAY, "Server shutting down");
		}
		if (awaitEmpty(this.timeout)) {
			return;
		}
		logger.warn("{} WebSocket connection(s) still open after {}; cutting them off",
				this.server.registry().count(), this.timeout);
		for (WsConnection connection : this.server.registry().connections()) {
			if (connection instanceof ServerConnection serverConnection) {
				serverConnection.cutOff(CloseCodes.GOING_AWAY, "Server shutting down");
			}
		}
		awaitEmpty(Duration.ofSeconds(1));
	}

	private boolean awaitEmpty(Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (this.server.registry().count() > 0 && System.nanoTime() < deadline) {
			try {
				TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return this.server.registry().count() == 0;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Whether new connections are accepted.
	 * @return {@code false} once shutdown has begun
	 */
	public boolean isAccepting() {
		return this.running;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (this.running) {
			return true;
		}
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set("Retry-After", "5");
		this.server.handshakeRejected(ServerEndpoint.nameOf(wsHandler), "shutting-down");
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
