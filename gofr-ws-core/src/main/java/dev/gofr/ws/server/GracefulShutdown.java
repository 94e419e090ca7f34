package dev.gofr.ws.server;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Closes every connection when the application stops, before the web server does: handshakes
 * are refused from then on (503 with {@code Retry-After}), every connection gets 1001 after the
 * frames already queued for it, and those that have not closed within the timeout are cut off.
 * Runs in a lifecycle phase above Boot's graceful web server shutdown, so it works with
 * {@code server.shutdown=graceful} too.
 * <p>
 * A handshake admitted just before the stop registers its connection a little later: the
 * shutdown counts handshakes in flight, waits for them too, and closes every registered
 * connection again on each poll, so that a late one gets its 1001 like the others.
 * <p>
 * The timeout is measured on the node's {@link NodeServices#ticker() ticker}; the shutdown looks
 * again every 10 milliseconds of real time.
 */
public final class GracefulShutdown implements SmartLifecycle, HandshakeInterceptor {

	/** The lifecycle phase: stops before the web server's graceful shutdown. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(GracefulShutdown.class);

	private static final long POLL_MILLIS = 10;

	/** The handshake attribute that marks a handshake this shutdown lets through. */
	private static final String HANDSHAKE_ATTRIBUTE = GracefulShutdown.class.getName() + ".handshake";

	/**
	 * How long an admitted handshake counts as in flight at most: one that upgraded but never
	 * became a connection must not hold the shutdown up to its timeout.
	 */
	private static final long HANDSHAKE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

	/** How many handshakes may be in flight before stale ones are looked for. */
	private static final int PRUNE_ABOVE = 1024;

	private final Set<Handshake> handshakes = ConcurrentHashMap.newKeySet();

	private final NodeServices node;

	private final Ticker ticker;

	private volatile long lastPruneNanos;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create the shutdown of a node's connections. It measures time on the node's
	 * {@link NodeServices#ticker() ticker}.
	 * @param node what the routes of this node share
	 * @param timeout how long queued messages may take to flush before connections are cut off
	 */
	public GracefulShutdown(NodeServices node, Duration timeout) {
		this.node = node;
		this.ticker = node.ticker();
		this.timeout = timeout;
		this.lastPruneNanos = this.ticker.nanos();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		int open = this.node.registry().count();
		if (open == 0 && !handshakesInFlight()) {
			return;
		}
		logger.info("Closing {} WebSocket connection(s), waiting up to {}", open, this.timeout);
		if (closeAllAndAwait(this.timeout)) {
			return;
		}
		logger.warn("{} WebSocket connection(s) still open after {}; cutting them off",
				this.node.registry().count(), this.timeout);
		for (WsConnection connection : this.node.registry().connections()) {
			if (connection instanceof ServerConnection serverConnection) {
				serverConnection.cutOff(CloseCodes.GOING_AWAY, "Server shutting down");
			}
		}
		awaitEmpty(Duration.ofSeconds(1));
	}

	/** Close every connection, again on each poll, until none is left nor on its way. */
	private boolean closeAllAndAwait(Duration wait) {
		long deadline = this.ticker.nanos() + wait.toNanos();
		for (;;) {
			for (WsConnection connection : this.node.registry().connections()) {
				connection.close(CloseCodes.GOING_AWAY, "Server shutting down"); // once per connection: idempotent
			}
			if (this.node.registry().count() == 0 && !handshakesInFlight()) {
				return true;
			}
			if (this.ticker.nanos() - deadline >= 0) {
				return false;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/** Forget handshakes that upgraded but never became a connection: now and then, when many. */
	private void pruneHandshakes(long now) {
		long last = this.lastPruneNanos;
		if (this.handshakes.size() > PRUNE_ABOVE && now - last > HANDSHAKE_GRACE_NANOS) {
			this.lastPruneNanos = now;
			this.handshakes.removeIf((handshake) -> now - handshake.admittedNanos > HANDSHAKE_GRACE_NANOS);
		}
	}

	private boolean handshakesInFlight() {
		if (this.handshakes.isEmpty()) {
			return false;
		}
		long now = this.ticker.nanos();
		this.handshakes.removeIf((handshake) -> now - handshake.admittedNanos > HANDSHAKE_GRACE_NANOS);
		return !this.handshakes.isEmpty();
	}

	private boolean awaitEmpty(Duration wait) {
		long deadline = this.ticker.nanos() + wait.toNanos();
		while (this.node.registry().count() > 0 && this.ticker.nanos() - deadline < 0) {
			try {
				TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return this.node.registry().count() == 0;
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
		// counted before 'running' is read: a stop either sees this handshake or refuses it
		Handshake handshake = new Handshake(this.handshakes, this.ticker.nanos());
		this.handshakes.add(handshake);
		if (this.running) {
			pruneHandshakes(handshake.admittedNanos);
			attributes.put(HANDSHAKE_ATTRIBUTE, handshake);
			if (request instanceof ServletServerHttpRequest servlet) {
				servlet.getServletRequest().setAttribute(HANDSHAKE_ATTRIBUTE, handshake);
			}
			return true;
		}
		handshake.done();
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set("Retry-After", "5");
		this.node.handshakeRejected(RouteWebSocketHandler.nameOf(wsHandler), "shutting-down");
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
		if (exception != null || (response instanceof ServletServerHttpResponse servlet
				&& servlet.getServletResponse().getStatus() != HttpStatus.SWITCHING_PROTOCOLS.value())) {
			// refused or failed after this interceptor let it through: no connection will come of it
			if (request instanceof ServletServerHttpRequest servlet
					&& servlet.getServletRequest().getAttribute(HANDSHAKE_ATTRIBUTE) instanceof Handshake handshake) {
				handshake.done();
			}
		}
	}

	/**
	 * The connection of a handshake is registered: the shutdown no longer waits for its handshake.
	 * @param attributes the handshake attributes
	 */
	public static void connected(Map<String, Object> attributes) {
		if (attributes.get(HANDSHAKE_ATTRIBUTE) instanceof Handshake handshake) {
			handshake.done();
		}
	}

	/**
	 * A handshake let through while the application runs, until its connection is registered or
	 * it fails.
	 */
	private static final class Handshake {

		private final Set<Handshake> inFlight;

		private final long admittedNanos;

		Handshake(Set<Handshake> inFlight, long admittedNanos) {
			this.inFlight = inFlight;
			this.admittedNanos = admittedNanos;
		}

		void done() {
			this.inFlight.remove(this);
		}

	}

}
