package dev.gofr.ws.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.gofr.ws.client.OutboundBuffer.Send;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.time.Ticker;
import io.github.resilience4j.retry.Retry;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a {@link ReconnectingClient}: it connects, and when an attempt fails or the
 * connection drops it reconnects, gives up, or finishes closing; while connected it writes the
 * buffered sends to the current {@link ClientLink}, one at a time. One lock guards the state,
 * the current link, the {@link OutboundBuffer} and the {@link RetrySchedule}; callbacks run
 * outside it.
 */
final class ClientLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ReconnectingClient.class);

	private final ReconnectingClient client;

	private final ClientCallbacks callbacks;

	private final WebSocketCoreClient webSocketClient;

	/** The client's own Jetty client, for a TLS setup of its own; {@code null} when it shares one. */
	private final @Nullable WebSocketCoreClient ownWebSocketClient;

	private final @Nullable Supplier<Map<String, String>> headerSupplier;

	private final LongAdder oversized = new LongAdder();

	private final ScheduledExecutorService scheduler;

	private final Ticker ticker;

	private final Object lock = new Object();

	// Everything below is guarded by the lock.

	private final OutboundBuffer buffer;

	private final RetrySchedule retries;

	private ClientState state = ClientState.CLOSED;

	private boolean running;

	private @Nullable ClientLink link;

	private boolean everConnected;

	private @Nullable Instant connectedAt;

	private @Nullable String lastError;

	private long reconnects;

	private final List<Runnable> onClosed = new ArrayList<>();

	ClientLifecycle(ReconnectingClient client, ClientBuilder options) {
		this.client = client;
		this.callbacks = new ClientCallbacks(client, options.handler, options.listeners);
		this.ownWebSocketClient = (options.webSocketClient == null && options.sslContext != null)
				? SharedClientResources.newWebSocketClient(options.sslContext) : null;
		this.webSocketClient = (options.webSocketClient != null) ? options.webSocketClient
				: (this.ownWebSocketClient != null) ? this.ownWebSocketClient : SharedClientResources.webSocketClient();
		this.headerSupplier = options.headerSupplier;
		this.scheduler = (options.scheduler != null) ? options.scheduler : SharedClientResources.scheduler();
		this.ticker = options.ticker;
		this.buffer = new OutboundBuffer(client.name(), options.maxBufferedMessages);
		ReconnectStrategy strategy = (options.strategy != null) ? options.strategy
				: ReconnectStrategy.exponential(options.reconnect);
		this.retries = new RetrySchedule(client.name(), options.reconnect, strategy, options.retryRegistry,
				this.scheduler, this::attempt);
	}

	ClientState state() {
		synchronized (this.lock) {
			return this.state;
		}
	}

	boolean isRunning() {
		synchronized (this.lock) {
			return this.running;
		}
	}

	@Nullable String subprotocol() {
		CoreSession session = openSession();
		String subprotocol = (session != null) ? session.getNegotiatedSubProtocol() : null;
		return (subprotocol != null && !subprotocol.isEmpty()) ? subprotocol : null;
	}

	List<String> extensions() {
		CoreSession session = openSession();
		return (session != null) ? session.getNegotiatedExtensions().stream().map(ExtensionConfig::getName).toList()
				: List.of();
	}

	private @Nullable CoreSession openSession() {
		synchronized (this.lock) {
			return (this.link != null && this.state == ClientState.OPEN) ? this.link.session() : null;
		}
	}

	ClientStatus status() {
		synchronized (this.lock) {
			return new ClientStatus(this.client.name(), this.client.url(), this.state, this.retries.attempts(),
					this.connectedAt, this.lastError, this.reconnects, this.buffer.size(), this.buffer.refused(),
					this.retries.retryAfterWaits(), this.oversized.sum());
		}
	}

	/**
	 * A message larger than the client's limit arrived; its connection closes with 1009.
	 */
	void oversized() {
		this.oversized.increment();
	}

	Retry retry() {
		return this.retries.retry();
	}

	void start() {
		synchronized (this.lock) {
			if (this.running && this.state != ClientState.GAVE_UP) {
				return;
			}
			if (this.ownWebSocketClient != null) {
				SharedClientResources.start(this.ownWebSocketClient);
			}
			this.running = true;
			this.everConnected = false;
			this.retries.startFirstConnection();
			this.state = ClientState.CONNECTING;
		}
		attempt();
	}

	void close(int code, String reason, Runnable callback) {
		List<Send> failed = List.of();
		ClientLink open = null;
		ClientLink abandoned = null;
		boolean wasRunning;
		synchronized (this.lock) {
			wasRunning = this.running;
			if (wasRunning) {
				this.running = false;
				this.retries.cancel();
				ClientState before = this.state;
				this.state = ClientState.CLOSED;
				this.connectedAt = null;
				ClientLink current = this.link;
				if (before == ClientState.OPEN && current != null && current.session() != null) {
					open = current;
					current.markClosing();
					this.onClosed.add(callback);
					this.buffer.offer(Send.of(OutboundFrame.close(code, reason)), true);
				}
				else {
					abandoned = current;
					this.link = null;
					failed = this.buffer.takeAll();
				}
			}
		}
		if (!wasRunning) {
			callback.run();
			return;
		}
		if (abandoned != null) {
			abandoned.abort();
		}
		this.buffer.fail(failed, "the client was closed");
		if (open != null) {
			ClientLink closing = open;
			this.scheduler.schedule(() -> closing.terminate(CloseCodes.ABNORMAL, "close timed out", null),
					ReconnectingClient.CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			drain();
		}
		else {
			releaseOwnClient();
			callback.run();
		}
	}

	/**
	 * Once closed, stop the client's own Jetty client, if it has one, on a thread of its own: the
	 * thread that closed may be one of that client's.
	 */
	private void releaseOwnClient() {
		WebSocketCoreClient own = this.ownWebSocketClient;
		if (own != null) {
			Thread stopping = new Thread(() -> {
				synchronized (this.lock) {
					if (this.running) {
						return; // started again meanwhile
					}
					SharedClientResources.stop(own);
				}
			}, "gofr-ws-client-stop");
			stopping.setDaemon(true);
			stopping.start();
		}
	}

	CompletableFuture<Void> send(OutboundFrame frame) {
		Send send = Send.of(frame);
		boolean queued;
		boolean firstOverflow;
		synchronized (this.lock) {
			if (!this.running || this.state == ClientState.GAVE_UP) {
				return CompletableFuture.failedFuture(this.buffer.notSent(
						(this.state == ClientState.GAVE_UP) ? "the client gave up reconnecting" : "the client is closed"));
			}
			if (!frame.isData() && this.state != ClientState.OPEN) {
				return CompletableFuture.failedFuture(this.buffer.notSent("the client is not connected"));
			}
			if (this.buffer.holdForOpening(send)) {
				return send.future();
			}
			queued = this.buffer.offer(send, this.state == ClientState.OPEN);
			firstOverflow = !queued && this.buffer.reportOverflow();
		}
		if (!queued) {
			if (firstOverflow) {
				logger.warn("WebSocket client '{}' holds {} unsent messages, its buffer limit; further sends fail "
						+ "until it catches up", this.client.name(), this.buffer.maxMessages());
			}
			return CompletableFuture.failedFuture(this.buffer.refusal());
		}
		drain();
		return send.future();
	}

	/**
	 * Write queued frames to the current connection, one at a time, so that they leave in order;
	 * a write that completes later goes on from its completion.
	 */
	void drain() {
		while (true) {
			ClientLink current;
			Send next;
			synchronized (this.lock) {
				current = this.link;
				if (current == null || current.session() == null || current.isOpening()
						|| (this.state != ClientState.OPEN && !current.isClosing())) {
					return;
				}
				next = this.buffer.startWrite();
			}
			if (next == null || !current.write(next)) {
				return;
			}
		}
	}

	/**
	 * A write to {@code link} finished; a failed write ends the connection.
	 * @return whether to go on writing
	 */
	boolean written(ClientLink link, Send send, @Nullable Throwable failure) {
		boolean requeued = false;
		synchronized (this.lock) {
			if (failure == null) {
				this.buffer.written(send, this.state == ClientState.OPEN);
			}
			else {
				// not written: data goes again, first, on the next connection
				requeued = this.buffer.writeFailed(send, this.link == link && this.running);
			}
		}
		if (failure == null) {
			send.future().complete(null);
			return true;
		}
		if (!requeued) {
			send.future().completeExceptionally(this.buffer.notSent(Disconnection.describe(failure)));
		}
		link.terminate(CloseCodes.ABNORMAL, "", failure);
		return false;
	}

	private void attempt() {
		ClientLink attempt;
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			this.retries.attemptStarted();
			attempt = new ClientLink(this, this.lock, this.client, this.ticker);
			this.link = attempt;
		}
		headers().thenCompose((headers) -> attempt.connect(this.webSocketClient, this.client, headers))
			.orTimeout(this.client.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
			.whenComplete((session, ex) -> {
				if (ex != null) {
					HandshakeRefusedException refusal = attempt.refusal();
					attemptFailed(attempt, (refusal != null) ? refusal : ex);
				}
			});
	}

	/**
	 * The request headers of an attempt: the fixed ones, then the supplier's, made on a thread of
	 * their own, never the scheduler's or Jetty's, which all clients share.
	 */
	private CompletableFuture<Map<String, String>> headers() {
		Supplier<Map<String, String>> supplier = this.headerSupplier;
		if (supplier == null) {
			return CompletableFuture.completedFuture(this.client.headers());
		}
		return CompletableFuture.supplyAsync(() -> {
			Map<String, String> headers = new LinkedHashMap<>(this.client.headers());
			supplier.get().forEach((name, value) -> headers.put(ClientBuilder.checkHeader(name), value));
			return headers;
		}, SharedClientResources.headerExecutor());
	}

	private void attemptFailed(ClientLink attempt, Throwable failure) {
		long delay;
		int next;
		synchronized (this.lock) {
			if (this.link != attempt || !this.running || attempt.session() != null) {
				return; // stale, closed, or it opened after all
			}
			attempt.markDead();
			this.link = null;
			this.lastError = Disconnection.describe(failure);
			delay = this.retries.attemptFailed(Disconnection.unwrap(failure));
			next = this.retries.attempts() + 1;
			this.state = (delay >= 0) ? ClientState.RECONNECTING : ClientState.GAVE_UP;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket client '{}': attempt {} to {} failed: {}", this.client.name(), next - 1,
					this.client.url(), Disconnection.describe(failure));
		}
		if (delay >= 0) {
			this.callbacks.reconnecting(next, Duration.ofMillis(delay));
		}
		else {
			gaveUp(Disconnection.unwrap(failure));
		}
	}

	private void gaveUp(Throwable lastError) {
		logger.warn("WebSocket client '{}' gave up connecting to {} after {} attempts: {}", this.client.name(),
				this.client.url(), status().attempts(), Disconnection.describe(lastError));
		List<Send> failed;
		synchronized (this.lock) {
			failed = this.buffer.takeAll();
		}
		this.buffer.fail(failed, "the client gave up reconnecting");
		this.callbacks.gaveUp(lastError);
	}

	/**
	 * The connection of {@code opened} is open: tell the listeners, whose sends go first, then
	 * write what waited.
	 */
	void opened(ClientLink opened) {
		boolean again;
		synchronized (this.lock) {
			boolean current = this.link == opened && this.running && !opened.isDead();
			if (!current) {
				opened.markDead();
				again = false;
			}
			else {
				again = this.everConnected;
				this.everConnected = true;
				this.state = ClientState.OPEN;
				this.connectedAt = Instant.now();
				if (again) {
					this.reconnects++;
				}
				this.retries.connected();
				this.buffer.connected(Thread.currentThread());
			}
		}
		if (opened.isDead()) {
			opened.abort();
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket client '{}' connected to {}", this.client.name(), this.client.url());
		}
		opened.startHeartbeat(this.scheduler);
		try {
			this.callbacks.connected();
			if (again) {
				this.callbacks.reconnected();
			}
		}
		finally {
			synchronized (this.lock) {
				this.buffer.openingDone();
				opened.openingDone();
			}
		}
		drain();
	}

	/**
	 * The connection of {@code lost} ended: reconnect, give up, or finish closing.
	 */
	void lost(ClientLink lost, Disconnection disconnection) {
		long delay = -1;
		boolean closing;
		List<Send> failed;
		List<Runnable> closed = List.of();
		synchronized (this.lock) {
			if (this.link != lost) {
				return;
			}
			this.link = null;
			failed = this.buffer.connectionLost();
			closing = lost.isClosing() || !this.running;
			this.connectedAt = null;
			if (closing) {
				this.state = ClientState.CLOSED;
				failed.addAll(this.buffer.takeAll());
				closed = new ArrayList<>(this.onClosed);
				this.onClosed.clear();
			}
			else {
				this.lastError = disconnection.toString();
				delay = this.retries.dropped(disconnection.cause());
				this.state = (delay >= 0) ? ClientState.RECONNECTING : ClientState.GAVE_UP;
			}
		}
		this.buffer.fail(failed, closing ? "the client was closed" : "the connection dropped");
		if (closing) {
			releaseOwnClient();
		}
		closed.forEach(Runnable::run);
		if (!closing) {
			logger.info("WebSocket client '{}' lost its connection to {}: {}", this.client.name(), this.client.url(),
					disconnection);
		}
		this.callbacks.disconnected(disconnection);
		if (delay >= 0) {
			this.callbacks.reconnecting(1, Duration.ofMillis(delay));
		}
		else if (!closing) {
			gaveUp((disconnection.cause() != null) ? disconnection.cause()
					: new WsException(WsErrorCode.CONNECTION_CLOSED, disconnection.toString()));
		}
	}

	/**
	 * The heartbeat of {@code from} wants the server pinged: the ping goes before anything queued.
	 */
	void heartbeatPing(ClientLink from) {
		synchronized (this.lock) {
			if (this.link != from || from.isOpening()) {
				return;
			}
			this.buffer.pingFirst();
		}
		drain();
	}

	void received(WsMessage message) {
		this.callbacks.message(message);
	}

}
