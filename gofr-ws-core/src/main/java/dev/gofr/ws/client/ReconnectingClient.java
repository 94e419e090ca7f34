package dev.gofr.ws.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.route.WsMessage;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * A WebSocket client that stays connected: it connects to a server, and whenever an attempt
 * fails or the connection drops it tries again with exponential backoff and jitter, counted and
 * timed by a Resilience4j {@link Retry}. Waiting never holds a thread: attempts and heartbeat
 * pings are scheduled on a scheduler that all clients share by default, as they share one
 * {@link HttpClient}.
 * <p>
 * Sends are safe from any thread and never block. While the client is not connected they are
 * buffered, up to {@code buffer.max-messages}, and written in order once it is; past that limit
 * a send fails at once with {@link WsErrorCode#LIMIT_EXCEEDED} and is counted. Each send returns
 * a future that completes when the frame is written, or fails when it never will be (the client
 * was closed or gave up), so nothing buffered is lost silently.
 * <p>
 * In a Spring application a client is a {@link SmartLifecycle}: it connects when the context
 * starts and closes with 1000 when it stops.
 *
 * <pre class="code">
 * ReconnectingClient prices = ReconnectingClient.builder("prices", URI.create("wss://example.com/prices"))
 *     .onMessage((client, message) -&gt; update(message.text()))
 *     .onConnected((client) -&gt; client.sendText("{\"subscribe\":\"EURUSD\"}"))
 *     .build();
 * prices.start();
 * </pre>
 */
public final class ReconnectingClient implements SmartLifecycle {

	/** Longest wait for the server to answer the client's close frame before the socket is cut: 5 seconds. */
	public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(ReconnectingClient.class);

	private final String name;

	private final URI url;

	private final Map<String, String> headers;

	private final List<String> subprotocols;

	private final Duration connectTimeout;

	private final HeartbeatSettings heartbeat;

	private final ReconnectSettings reconnect;

	private final int maxBufferedMessages;

	private final ReconnectStrategy strategy;

	private final Retry retry;

	private final ClientMessageHandler handler;

	private final List<ReconnectingClientListener> listeners;

	private final PayloadCodec codec;

	private final HttpClient httpClient;

	private final ScheduledExecutorService scheduler;

	private final Object lock = new Object();

	// Everything below is guarded by the lock.

	private ClientState state = ClientState.CLOSED;

	private boolean running;

	private @Nullable Link link;

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	private @Nullable Pending inFlight;

	private @Nullable ScheduledFuture<?> nextAttempt;

	private Retry.@Nullable AsyncContext<Object> retryContext;

	/** 0 while the first connection is being made, 1 after a drop: see {@link ReconnectStrategy#delay}. */
	private int attemptOffset;

	private int attempts;

	private boolean everConnected;

	private boolean overflowReported;

	private @Nullable Instant connectedAt;

	private @Nullable String lastError;

	private long reconnects;

	private long rejected;

	private @Nullable Thread hookThread;

	private final List<Pending> hookSends = new ArrayList<>();

	private final List<Runnable> onTerminated = new ArrayList<>();

	private ReconnectingClient(Builder builder) {
		this.name = builder.name;
		this.url = builder.url;
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
		this.subprotocols = List.copyOf(builder.subprotocols);
		this.connectTimeout = builder.connectTimeout;
		this.heartbeat = builder.heartbeat;
		this.reconnect = builder.reconnect;
		this.maxBufferedMessages = builder.maxBufferedMessages;
		this.strategy = (builder.strategy != null) ? builder.strategy : ReconnectStrategy.exponential(this.reconnect);
		this.handler = builder.handler;
		this.listeners = List.copyOf(builder.listeners);
		this.codec = (builder.codec != null) ? builder.codec : defaultCodec();
		this.httpClient = (builder.httpClient != null) ? builder.httpClient : SharedClientResources.httpClient();
		this.scheduler = (builder.scheduler != null) ? builder.scheduler : SharedClientResources.scheduler();
		int maxAttempts = !this.reconnect.enabled() ? 1
				: (this.reconnect.maxAttempts() == 0) ? Integer.MAX_VALUE : this.reconnect.maxAttempts();
		this.retry = Retry.of("gofr-ws-client-" + this.name, RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.intervalBiFunction((attempt, either) -> this.strategy
				.delay(attempt + this.attemptOffset, either.isLeft() ? either.getLeft() : null)
				.toMillis())
			.build());
	}

	/**
	 * Start building a client.
	 * @param name the client name, used in logs, meters and the Actuator endpoint
	 * @param url the server's {@code ws://} or {@code wss://} address
	 * @return the builder
	 */
	public static Builder builder(String name, URI url) {
		return new Builder(name, url);
	}

	/**
	 * The client name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The server's address.
	 * @return the {@code ws://} or {@code wss://} URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * The request headers sent with every handshake.
	 * @return the headers, unmodifiable
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * The subprotocols offered, in order of preference.
	 * @return the subprotocols
	 */
	public List<String> subprotocols() {
		return this.subprotocols;
	}

	/**
	 * The longest one attempt may take.
	 * @return the timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * The client-side heartbeat.
	 * @return the settings
	 */
	public HeartbeatSettings heartbeat() {
		return this.heartbeat;
	}

	/**
	 * When the client tries again.
	 * @return the settings
	 */
	public ReconnectSettings reconnect() {
		return this.reconnect;
	}

	/**
	 * The most sends that may wait to be written.
	 * @return the limit, in messages
	 */
	public int maxBufferedMessages() {
		return this.maxBufferedMessages;
	}

	/**
	 * The state now.
	 * @return the state
	 */
	public ClientState state() {
		synchronized (this.lock) {
			return this.state;
		}
	}

	/**
	 * Whether the client is connected.
	 * @return {@code true} when the state is {@link ClientState#OPEN}
	 */
	public boolean isOpen() {
		return state() == ClientState.OPEN;
	}

	/**
	 * The subprotocol the server chose.
	 * @return the subprotocol, or {@code null} when not connected or none was agreed
	 */
	public @Nullable String subprotocol() {
		synchronized (this.lock) {
			WebSocket webSocket = (this.link != null) ? this.link.webSocket : null;
			return (webSocket != null && !webSocket.getSubprotocol().isEmpty()) ? webSocket.getSubprotocol() : null;
		}
	}

	/**
	 * A snapshot for operators.
	 * @return the status
	 */
	public ClientStatus status() {
		synchronized (this.lock) {
			return new ClientStatus(this.name, this.url, this.state, this.attempts, this.connectedAt, this.lastError,
					this.reconnects, this.queue.size() + ((this.inFlight != null) ? 1 : 0), this.rejected);
		}
	}

	/**
	 * Times the client connected again after a drop.
	 * @return the count
	 */
	public long reconnects() {
		synchronized (this.lock) {
			return this.reconnects;
		}
	}

	/**
	 * Sends refused because the buffer was full.
	 * @return the count
	 */
	public long rejectedSends() {
		synchronized (this.lock) {
			return this.rejected;
		}
	}

	/**
	 * The Resilience4j retry that counts and times the attempts; its event publisher reports each
	 * retry, and {@code resilience4j-micrometer} can bind its metrics.
	 * @return the retry
	 */
	public Retry retry() {
		return this.retry;
	}

	/**
	 * Connect, now, and keep connected. Does nothing while the client is already running; after
	 * {@link #close()} or after it gave up, starts over.
	 */
	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.running && this.state != ClientState.GAVE_UP) {
				return;
			}
			this.running = true;
			this.everConnected = false;
			this.attemptOffset = 0;
			this.attempts = 0;
			this.retryContext = this.retry.asyncContext();
			this.state = ClientState.CONNECTING;
		}
		attempt();
	}

	/**
	 * Close with 1000 once the sends already queued are written, and stop reconnecting.
	 */
	@Override
	public void stop() {
		close();
	}

	/**
	 * Close with 1000, stop reconnecting, and call back once the server answered the close or
	 * {@link #CLOSE_TIMEOUT} passed.
	 * @param callback called when the client is closed
	 */
	@Override
	public void stop(Runnable callback) {
		close(CloseCodes.NORMAL, "", callback);
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lock) {
			return this.running;
		}
	}

	/**
	 * Close with 1000 once the sends already queued are written, and stop reconnecting.
	 */
	public void close() {
		close(CloseCodes.NORMAL, "");
	}

	/**
	 * Close with the given code and reason once the sends already queued are written, and stop
	 * reconnecting. Sends still buffered while disconnected fail with
	 * {@link WsErrorCode#CONNECTION_CLOSED}. Does nothing when the client is not running.
	 * @param code the close code
	 * @param reason the reason, at most 123 bytes in UTF-8
	 */
	public void close(int code, String reason) {
		close(code, reason, () -> {
		});
	}

	private void close(int code, String reason, Runnable callback) {
		List<Pending> failed = List.of();
		Link open = null;
		Link abandoned = null;
		boolean wasRunning;
		synchronized (this.lock) {
			wasRunning = this.running;
			if (wasRunning) {
				this.running = false;
				cancelNextAttempt();
				ClientState before = this.state;
				this.state = ClientState.CLOSED;
				this.connectedAt = null;
				Link current = this.link;
				if (before == ClientState.OPEN && current != null && current.webSocket != null) {
					open = current;
					current.closing = true;
					this.onTerminated.add(callback);
					this.queue.addLast(Pending.close(code, reason));
				}
				else {
					abandoned = current;
					this.link = null;
					failed = takeQueued();
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
		fail(failed, closedError("the client was closed"));
		if (open != null) {
			Link closing = open;
			this.scheduler.schedule(() -> closing.terminate(CloseCodes.ABNORMAL, "close timed out", null),
					CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			drain();
		}
		else {
			callback.run();
		}
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE; // stops first: no more messages are relayed while the server side drains
	}

	/**
	 * Send a text message.
	 * @param text the text
	 * @return a future completed when the frame is written; failed with
	 * {@link WsErrorCode#LIMIT_EXCEEDED} at once when the buffer is full, or with
	 * {@link WsErrorCode#CONNECTION_CLOSED} when the client is closed or gives up first
	 */
	public CompletableFuture<Void> sendText(CharSequence text) {
		return enqueue(Pending.text(text.toString()));
	}

	/**
	 * Send a binary message. The array is used as it is: do not change it afterwards.
	 * @param bytes the payload
	 * @return a future, as for {@link #sendText}
	 */
	public CompletableFuture<Void> sendBinary(byte[] bytes) {
		return enqueue(Pending.binary(ByteBuffer.wrap(bytes)));
	}

	/**
	 * Send a binary message with a copy of the buffer's remaining bytes.
	 * @param bytes the payload; its position is not changed
	 * @return a future, as for {@link #sendText}
	 */
	public CompletableFuture<Void> sendBinary(ByteBuffer bytes) {
		ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
		copy.put(bytes.duplicate()).flip();
		return enqueue(Pending.binary(copy));
	}

	/**
	 * Send an object as a JSON text message, written by the client's {@link PayloadCodec}.
	 * @param value the object
	 * @return a future, as for {@link #sendText}
	 */
	public CompletableFuture<Void> sendJson(Object value) {
		return sendText(this.codec.encode(value));
	}

	/**
	 * Send a ping. Pings are not buffered: while disconnected it fails with
	 * {@link WsErrorCode#CONNECTION_CLOSED}.
	 * @param payload at most 125 bytes
	 * @return a future completed when the frame is written
	 */
	public CompletableFuture<Void> sendPing(byte[] payload) {
		return enqueue(Pending.ping(ByteBuffer.wrap(payload.clone())));
	}

	/**
	 * Send an unsolicited pong (pings from the server are answered already). Not buffered: while
	 * disconnected it fails with {@link WsErrorCode#CONNECTION_CLOSED}.
	 * @param payload at most 125 bytes
	 * @return a future completed when the frame is written
	 */
	public CompletableFuture<Void> sendPong(byte[] payload) {
		return enqueue(Pending.pong(ByteBuffer.wrap(payload.clone())));
	}

	private CompletableFuture<Void> enqueue(Pending send) {
		Pending pending = send;
		boolean firstOverflow;
		synchronized (this.lock) {
			if (!this.running || this.state == ClientState.GAVE_UP) {
				return CompletableFuture.failedFuture(closedError(
						(this.state == ClientState.GAVE_UP) ? "the client gave up reconnecting" : "the client is closed"));
			}
			if (!pending.isData() && this.state != ClientState.OPEN) {
				return CompletableFuture.failedFuture(closedError("the client is not connected"));
			}
			if (this.hookThread == Thread.currentThread()) {
				this.hookSends.add(pending);
				return pending.future;
			}
			boolean idle = this.state == ClientState.OPEN && this.inFlight == null && this.queue.isEmpty();
			if (idle || !pending.isData() || this.queue.size() < this.maxBufferedMessages) {
				this.queue.addLast(pending);
				firstOverflow = false;
			}
			else {
				this.rejected++;
				firstOverflow = !this.overflowReported;
				this.overflowReported = true;
				pending = null;
			}
		}
		if (pending == null) {
			if (firstOverflow) {
				logger.warn("WebSocket client '{}' holds {} unsent messages, its buffer limit; further sends fail "
						+ "until it catches up", this.name, this.maxBufferedMessages);
			}
			return CompletableFuture.failedFuture(overflowError());
		}
		drain();
		return pending.future;
	}

	private WsException overflowError() {
		return new WsException(WsErrorCode.LIMIT_EXCEEDED, "WebSocket client '" + this.name + "' already holds "
				+ this.maxBufferedMessages + " unsent messages (buffer.max-messages): message refused", "send", null,
				null);
	}

	private WsException closedError(String why) {
		return new WsException(WsErrorCode.CONNECTION_CLOSED,
				"WebSocket client '" + this.name + "' did not send the message: " + why, "send", null, null);
	}

	/**
	 * Write queued frames one at a time, as the JDK's WebSocket allows one outstanding send.
	 */
	private void drain() {
		while (true) {
			Pending next;
			Link current;
			WebSocket webSocket;
			synchronized (this.lock) {
				current = this.link;
				webSocket = (current != null) ? current.webSocket : null;
				if (this.inFlight != null || webSocket == null || current.opening || this.queue.isEmpty()
						|| (this.state != ClientState.OPEN && !current.closing)) {
					return;
				}
				next = this.queue.pollFirst();
				this.inFlight = next;
			}
			CompletableFuture<WebSocket> written;
			try {
				written = next.writeTo(webSocket);
			}
			catch (RuntimeException ex) {
				written = CompletableFuture.failedFuture(ex);
			}
			if (!written.isDone()) {
				Link link = current;
				written.whenComplete((ignored, ex) -> {
					if (written(link, next, ex)) {
						drain();
					}
				});
				return;
			}
			Throwable failure = null;
			try {
				written.join();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			if (!written(current, next, failure)) {
				return;
			}
		}
	}

	/**
	 * A write finished.
	 * @return whether to go on writing
	 */
	private boolean written(Link link, Pending pending, @Nullable Throwable failure) {
		boolean requeued = false;
		synchronized (this.lock) {
			if (this.inFlight == pending) {
				this.inFlight = null;
			}
			if (failure == null) {
				if (this.state == ClientState.OPEN && this.queue.size() < this.maxBufferedMessages) {
					this.overflowReported = false;
				}
			}
			else if (pending.isData() && this.link == link && this.running) {
				this.queue.addFirst(pending); // not written: it goes again, first, on the next connection
				requeued = true;
			}
		}
		if (failure == null) {
			pending.future.complete(null);
			return true;
		}
		if (!requeued) {
			pending.future.completeExceptionally(closedError(Disconnection.describe(failure)));
		}
		link.terminate(CloseCodes.ABNORMAL, "", failure);
		return false;
	}

	private void attempt() {
		Link attempt;
		synchronized (this.lock) {
			this.nextAttempt = null;
			if (!this.running) {
				return;
			}
			this.attempts++;
			attempt = new Link();
			this.link = attempt;
		}
		WebSocket.Builder builder = this.httpClient.newWebSocketBuilder().connectTimeout(this.connectTimeout);
		this.headers.forEach(builder::header);
		if (!this.subprotocols.isEmpty()) {
			builder.subprotocols(this.subprotocols.get(0),
					this.subprotocols.subList(1, this.subprotocols.size()).toArray(new String[0]));
		}
		CompletableFuture<WebSocket> connecting;
		try {
			connecting = builder.buildAsync(this.url, attempt);
		}
		catch (RuntimeException ex) {
			connecting = CompletableFuture.failedFuture(ex);
		}
		connecting.orTimeout(this.connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
			.whenComplete((webSocket, ex) -> {
				if (ex != null) {
					attemptFailed(attempt, ex);
				}
			});
	}

	private void attemptFailed(Link attempt, Throwable failure) {
		long delay;
		int next;
		synchronized (this.lock) {
			if (this.link != attempt || !this.running || attempt.webSocket != null) {
				return; // stale, closed, or it opened after all
			}
			attempt.dead = true;
			this.link = null;
			this.lastError = Disconnection.describe(failure);
			delay = (this.retryContext != null) ? this.retryContext.onError(Disconnection.unwrap(failure)) : -1;
			next = this.attempts + 1;
			if (delay >= 0) {
				this.state = ClientState.RECONNECTING;
				scheduleAttempt(delay);
			}
			else {
				this.state = ClientState.GAVE_UP;
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket client '{}': attempt {} to {} failed: {}", this.name, next - 1, this.url,
					Disconnection.describe(failure));
		}
		if (delay >= 0) {
			notifyListeners((listener) -> listener.reconnecting(this, next, Duration.ofMillis(delay)));
		}
		else {
			gaveUp(Disconnection.unwrap(failure));
		}
	}

	private void gaveUp(Throwable lastError) {
		logger.warn("WebSocket client '{}' gave up connecting to {} after {} attempts: {}", this.name, this.url,
				status().attempts(), Disconnection.describe(lastError));
		List<Pending> failed;
		synchronized (this.lock) {
			failed = takeQueued();
		}
		fail(failed, closedError("the client gave up reconnecting"));
		notifyListeners((listener) -> listener.gaveUp(this, lastError));
	}

	private void scheduleAttempt(long delayMillis) {
		this.nextAttempt = this.scheduler.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
	}

	private void cancelNextAttempt() {
		if (this.nextAttempt != null) {
			this.nextAttempt.cancel(false);
			this.nextAttempt = null;
		}
	}

	private void opened(Link opened) {
		boolean again;
		synchronized (this.lock) {
			boolean current = this.link == opened && this.running && !opened.dead;
			if (!current) {
				opened.dead = true;
				again = false;
			}
			else {
				again = this.everConnected;
				this.everConnected = true;
				this.state = ClientState.OPEN;
				this.connectedAt = Instant.now();
				this.overflowReported = false;
				if (again) {
					this.reconnects++;
				}
				if (this.retryContext != null) {
					this.retryContext.onComplete();
					this.retryContext = null;
				}
				this.hookThread = Thread.currentThread();
			}
		}
		if (opened.dead) {
			opened.abort();
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("WebSocket client '{}' connected to {}", this.name, this.url);
		}
		opened.startHeartbeat();
		try {
			notifyListeners((listener) -> listener.connected(this));
			if (again) {
				notifyListeners((listener) -> listener.reconnected(this));
			}
		}
		finally {
			synchronized (this.lock) {
				this.hookThread = null;
				for (int i = this.hookSends.size() - 1; i >= 0; i--) {
					this.queue.addFirst(this.hookSends.get(i));
				}
				this.hookSends.clear();
				opened.opening = false;
			}
		}
		drain();
	}

	/**
	 * The connection of {@code link} ended: reconnect, give up, or finish closing.
	 */
	private void lost(Link lost, Disconnection disconnection) {
		long delay = -1;
		boolean closing;
		boolean reconnecting = false;
		List<Pending> failed = new ArrayList<>();
		List<Runnable> callbacks = List.of();
		synchronized (this.lock) {
			if (this.link != lost) {
				return;
			}
			this.link = null;
			if (this.inFlight != null) {
				Pending pending = this.inFlight;
				this.inFlight = null;
				if (pending.isData()) {
					this.queue.addFirst(pending); // it goes again, first, on the next connection
				}
				else {
					failed.add(pending);
				}
			}
			for (Iterator<Pending> it = this.queue.iterator(); it.hasNext();) {
				Pending pending = it.next();
				if (!pending.isData()) {
					it.remove();
					failed.add(pending);
				}
			}
			closing = lost.closing || !this.running;
			this.connectedAt = null;
			if (closing) {
				this.state = ClientState.CLOSED;
				failed.addAll(takeQueued());
				callbacks = new ArrayList<>(this.onTerminated);
				this.onTerminated.clear();
			}
			else {
				this.lastError = disconnection.toString();
				if (this.reconnect.enabled()) {
					this.state = ClientState.RECONNECTING;
					this.attempts = 0;
					this.attemptOffset = 1;
					this.retryContext = this.retry.asyncContext();
					delay = Math.max(0, this.strategy.delay(1, disconnection.cause()).toMillis());
					scheduleAttempt(delay);
					reconnecting = true;
				}
				else {
					this.state = ClientState.GAVE_UP;
				}
			}
		}
		fail(failed, closedError(closing ? "the client was closed" : "the connection dropped"));
		callbacks.forEach(Runnable::run);
		if (!closing) {
			logger.info("WebSocket client '{}' lost its connection to {}: {}", this.name, this.url, disconnection);
		}
		notifyListeners((listener) -> listener.disconnected(this, disconnection));
		if (reconnecting) {
			long wait = delay;
			notifyListeners((listener) -> listener.reconnecting(this, 1, Duration.ofMillis(wait)));
		}
		else if (!closing) {
			gaveUp((disconnection.cause() != null) ? disconnection.cause()
					: new WsException(WsErrorCode.CONNECTION_CLOSED, disconnection.toString()));
		}
	}

	private List<Pending> takeQueued() {
		List<Pending> taken = new ArrayList<>(this.queue);
		this.queue.clear();
		if (this.inFlight != null) {
			taken.add(this.inFlight);
			this.inFlight = null;
		}
		return taken;
	}

	private static void fail(List<Pending> pending, WsException error) {
		pending.forEach((each) -> each.future.completeExceptionally(error));
	}

	private void notifyListeners(Consumer<ReconnectingClientListener> call) {
		for (ReconnectingClientListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of WebSocket client '{}' failed", this.name, ex);
			}
		}
	}

	private void deliver(WsMessage message) {
		try {
			this.handler.onMessage(this, message);
		}
		catch (RuntimeException ex) {
			logger.warn("The message handler of WebSocket client '{}' failed", this.name, ex);
		}
	}

	private static PayloadCodec defaultCodec() {
		if (ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", ReconnectingClient.class.getClassLoader())) {
			return new JacksonPayloadCodec();
		}
		return PayloadCodec.unavailable(
				"No JSON library: add tools.jackson.core:jackson-databind or give the client a PayloadCodec");
	}

	@Override
	public String toString() {
		return "ReconnectingClient '" + this.name + "' (" + this.url + ", " + state() + ")";
	}

	/**
	 * One connection, from its attempt to its end, and the WebSocket listener that receives its
	 * frames. Events of a connection that is no longer the client's current one are ignored.
	 */
	private final class Link implements WebSocket.Listener {

		volatile @Nullable WebSocket webSocket;

		/** Set while the open hooks run: their sends go first. */
		volatile boolean opening = true;

		volatile boolean closing;

		volatile boolean dead;

		volatile long lastHeard = System.nanoTime();

		private volatile long lastPing = System.nanoTime();

		private @Nullable ScheduledFuture<?> heartbeatTask;

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			this.lastHeard = System.nanoTime();
			if (this.dead) {
				webSocket.abort();
				return;
			}
			opened(this);
			webSocket.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.lastHeard = System.nanoTime();
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				deliver(WsMessage.text(message, ReconnectingClient.this.codec));
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			this.lastHeard = System.nanoTime();
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				byte[] message = this.binary.toByteArray();
				this.binary.reset();
				deliver(WsMessage.binary(message, ReconnectingClient.this.codec));
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			this.lastHeard = System.nanoTime();
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			this.lastHeard = System.nanoTime();
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			terminate(statusCode, reason, null);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			terminate(CloseCodes.ABNORMAL, "", error);
		}

		void startHeartbeat() {
			HeartbeatSettings settings = ReconnectingClient.this.heartbeat;
			if (!settings.enabled()) {
				return;
			}
			long tick = Math.max(10, Math.min(settings.pingInterval().toMillis(), settings.pongWait().toMillis() / 4));
			synchronized (ReconnectingClient.this.lock) {
				if (!this.dead) {
					this.lastPing = System.nanoTime();
					this.heartbeatTask = ReconnectingClient.this.scheduler.scheduleWithFixedDelay(this::beat, tick, tick,
							TimeUnit.MILLISECONDS);
				}
			}
		}

		private void beat() {
			HeartbeatSettings settings = ReconnectingClient.this.heartbeat;
			long now = System.nanoTime();
			long silence = now - this.lastHeard;
			if (silence > settings.pongWait().toNanos()) {
				terminate(CloseCodes.HEARTBEAT_TIMEOUT, "nothing heard within the pong wait",
						new WsException(WsErrorCode.CONNECTION_TIMEOUT, "Nothing heard from the server for "
								+ Duration.ofNanos(silence).toMillis() + " ms (heartbeat.pong-wait "
								+ settings.pongWait().toMillis() + " ms)"));
				return;
			}
			if (now - this.lastPing >= settings.pingInterval().toNanos()) {
				this.lastPing = now;
				synchronized (ReconnectingClient.this.lock) {
					boolean pingQueued = ReconnectingClient.this.queue.stream()
						.anyMatch((pending) -> pending.kind == Pending.Kind.PING);
					if (pingQueued || ReconnectingClient.this.link != this || this.opening) {
						return;
					}
					ReconnectingClient.this.queue.addFirst(Pending.ping(ByteBuffer.allocate(0)));
				}
				drain();
			}
		}

		/**
		 * End this connection, whichever way it ended, once.
		 */
		void terminate(int code, String reason, @Nullable Throwable cause) {
			synchronized (ReconnectingClient.this.lock) {
				if (this.dead) {
					return;
				}
				this.dead = true;
				if (this.heartbeatTask != null) {
					this.heartbeatTask.cancel(false);
				}
			}
			WebSocket current = this.webSocket;
			if (current != null && !current.isInputClosed()) {
				current.abort();
			}
			lost(this, new Disconnection(code, reason, cause));
		}

		void abort() {
			this.dead = true;
			if (this.heartbeatTask != null) {
				this.heartbeatTask.cancel(false);
			}
			WebSocket current = this.webSocket;
			if (current != null) {
				current.abort();
			}
		}

	}

	/**
	 * A frame waiting to be written, and the future of its send.
	 */
	private static final class Pending {

		enum Kind {
			TEXT, BINARY, PING, PONG, CLOSE
		}

		final Kind kind;

		final @Nullable String text;

		final @Nullable ByteBuffer bytes;

		final int code;

		final CompletableFuture<Void> future = new CompletableFuture<>();

		private Pending(Kind kind, @Nullable String text, @Nullable ByteBuffer bytes, int code) {
			this.kind = kind;
			this.text = text;
			this.bytes = bytes;
			this.code = code;
		}

		static Pending text(String text) {
			return new Pending(Kind.TEXT, text, null, 0);
		}

		static Pending binary(ByteBuffer bytes) {
			return new Pending(Kind.BINARY, null, bytes, 0);
		}

		static Pending ping(ByteBuffer payload) {
			return new Pending(Kind.PING, null, payload, 0);
		}

		static Pending pong(ByteBuffer payload) {
			return new Pending(Kind.PONG, null, payload, 0);
		}

		static Pending close(int code, String reason) {
			return new Pending(Kind.CLOSE, reason, null, code);
		}

		boolean isData() {
			return this.kind == Kind.TEXT || this.kind == Kind.BINARY;
		}

		CompletableFuture<WebSocket> writeTo(WebSocket webSocket) {
			return switch (this.kind) {
				case TEXT -> webSocket.sendText(this.text, true);
				case BINARY -> webSocket.sendBinary(this.bytes.duplicate(), true);
				case PING -> webSocket.sendPing(this.bytes.duplicate());
				case PONG -> webSocket.sendPong(this.bytes.duplicate());
				case CLOSE -> webSocket.sendClose(this.code, this.text);
			};
		}

	}

	/**
	 * Builds a {@link ReconnectingClient}; every option has the default of
	 * {@code gofr.ws.clients.<name>.*}.
	 */
	public static final class Builder {

		private final String name;

		private final URI url;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final List<String> subprotocols = new ArrayList<>();

		private Duration connectTimeout = Duration.ofSeconds(10);

		private HeartbeatSettings heartbeat = HeartbeatSettings.DEFAULTS;

		private ReconnectSettings reconnect = ReconnectSettings.DEFAULTS;

		private @Nullable ReconnectStrategy strategy;

		private int maxBufferedMessages = 1000;

		private ClientMessageHandler handler = (client, message) -> {
		};

		private final List<ReconnectingClientListener> listeners = new ArrayList<>();

		private @Nullable PayloadCodec codec;

		private @Nullable HttpClient httpClient;

		private @Nullable ScheduledExecutorService scheduler;

		private Builder(String name, URI url) {
			if (name.isBlank()) {
				throw new IllegalArgumentException("A client needs a name");
			}
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("ws") && !scheme.equals("wss")) {
				throw new IllegalArgumentException("The url of client '" + name + "' must start with ws:// or wss://, was "
						+ url);
			}
			if (url.getHost() == null) {
				throw new IllegalArgumentException("The url of client '" + name + "' has no host: " + url);
			}
			this.name = name;
			this.url = url;
		}

		/**
		 * Add a request header to the handshake, such as {@code Authorization}. The WebSocket
		 * headers ({@code Sec-WebSocket-*}, {@code Connection}, {@code Upgrade}, {@code Host})
		 * are the client's own.
		 * @param name the header name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.startsWith("sec-websocket-") || lower.equals("connection") || lower.equals("upgrade")
					|| lower.equals("host") || lower.equals("content-length")) {
				throw new IllegalArgumentException("The header '" + name + "' is set by the WebSocket handshake itself");
			}
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Add request headers to the handshake.
		 * @param headers the headers
		 * @return this builder
		 * @see #header(String, String)
		 */
		public Builder headers(Map<String, String> headers) {
			headers.forEach(this::header);
			return this;
		}

		/**
		 * The subprotocols to offer, in order of preference.
		 * @param subprotocols the subprotocols
		 * @return this builder
		 */
		public Builder subprotocols(List<String> subprotocols) {
			this.subprotocols.clear();
			this.subprotocols.addAll(subprotocols);
			return this;
		}

		/**
		 * The longest one attempt may take, from the TCP connection to the end of the handshake;
		 * 10 seconds by default.
		 * @param connectTimeout the timeout; positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			if (connectTimeout.isNegative() || connectTimeout.isZero()) {
				throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
			}
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * The client-side heartbeat: a ping every {@code pingInterval}, and when nothing at all
		 * arrived from the server within {@code pongWait} the connection counts as dropped (4408)
		 * and the client reconnects. On, 30 s and 60 s, by default.
		 * @param heartbeat the settings; {@link HeartbeatSettings#OFF} for none
		 * @return this builder
		 */
		public Builder heartbeat(HeartbeatSettings heartbeat) {
			this.heartbeat = heartbeat;
			return this;
		}

		/**
		 * When to try again; {@link ReconnectSettings#DEFAULTS} by default.
		 * @param reconnect the settings
		 * @return this builder
		 */
		public Builder reconnect(ReconnectSettings reconnect) {
			this.reconnect = reconnect;
			return this;
		}

		/**
		 * Replace the exponential backoff of {@link #reconnect(ReconnectSettings)}; its attempt
		 * limit still applies.
		 * @param strategy the delays
		 * @return this builder
		 * @see ReconnectStrategy#of(io.github.resilience4j.core.IntervalBiFunction)
		 */
		public Builder reconnectStrategy(ReconnectStrategy strategy) {
			this.strategy = strategy;
			return this;
		}

		/**
		 * The most sends that may wait to be written, while disconnected or while earlier ones
		 * are written; 1000 by default; 0 to buffer nothing.
		 * @param maxBufferedMessages the limit, in messages
		 * @return this builder
		 */
		public Builder maxBufferedMessages(int maxBufferedMessages) {
			if (maxBufferedMessages < 0) {
				throw new IllegalArgumentException("maxBufferedMessages must not be negative, was " + maxBufferedMessages);
			}
			this.maxBufferedMessages = maxBufferedMessages;
			return this;
		}

		/**
		 * What to do with the messages the server sends; they are ignored by default.
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder onMessage(ClientMessageHandler handler) {
			this.handler = handler;
			return this;
		}

		/**
		 * Add a listener of the client's life.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(ReconnectingClientListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/**
		 * Add listeners of the client's life.
		 * @param listeners the listeners, called in order
		 * @return this builder
		 */
		public Builder listeners(List<? extends ReconnectingClientListener> listeners) {
			this.listeners.addAll(listeners);
			return this;
		}

		/**
		 * Call back on every connection that opens, the first and later ones.
		 * @param callback the callback
		 * @return this builder
		 * @see ReconnectingClientListener#connected
		 */
		public Builder onConnected(Consumer<ReconnectingClient> callback) {
			return listener(new ReconnectingClientListener() {
				@Override
				public void connected(ReconnectingClient client) {
					callback.accept(client);
				}
			});
		}

		/**
		 * Call back when the connection ends.
		 * @param callback the callback, given the close code, reason and cause
		 * @return this builder
		 * @see ReconnectingClientListener#disconnected
		 */
		public Builder onDisconnected(BiConsumer<ReconnectingClient, Disconnection> callback) {
			return listener(new ReconnectingClientListener() {
				@Override
				public void disconnected(ReconnectingClient client, Disconnection disconnection) {
					callback.accept(client, disconnection);
				}
			});
		}

		/**
		 * Call back when another attempt is scheduled.
		 * @param callback the callback, given the attempt number and the delay before it
		 * @return this builder
		 * @see ReconnectingClientListener#reconnecting
		 */
		public Builder onReconnecting(BiConsumer<Integer, Duration> callback) {
			return listener(new ReconnectingClientListener() {
				@Override
				public void reconnecting(ReconnectingClient client, int attempt, Duration delay) {
					callback.accept(attempt, delay);
				}
			});
		}

		/**
		 * Call back when a connection opens again after a drop: re-join rooms or resubscribe
		 * here.
		 * @param callback the callback
		 * @return this builder
		 * @see ReconnectingClientListener#reconnected
		 */
		public Builder onReconnected(Consumer<ReconnectingClient> callback) {
			return listener(new ReconnectingClientListener() {
				@Override
				public void reconnected(ReconnectingClient client) {
					callback.accept(client);
				}
			});
		}

		/**
		 * Call back when the client stops trying.
		 * @param callback the callback, given the last error
		 * @return this builder
		 * @see ReconnectingClientListener#gaveUp
		 */
		public Builder onGaveUp(BiConsumer<ReconnectingClient, Throwable> callback) {
			return listener(new ReconnectingClientListener() {
				@Override
				public void gaveUp(ReconnectingClient client, Throwable lastError) {
					callback.accept(client, lastError);
				}
			});
		}

		/**
		 * The codec of {@link ReconnectingClient#sendJson} and {@link WsMessage#bind}; a default
		 * Jackson {@code JsonMapper} when Jackson is on the class path.
		 * @param codec the codec
		 * @return this builder
		 */
		public Builder codec(PayloadCodec codec) {
			this.codec = codec;
			return this;
		}

		/**
		 * The HTTP client to connect with; by default one shared by every client.
		 * @param httpClient the client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * Where attempts and heartbeat pings are scheduled; by default one thread shared by every
		 * client. Its tasks are short and never block.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(ScheduledExecutorService scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Build the client; it connects on {@link ReconnectingClient#start()}.
		 * @return the client
		 */
		public ReconnectingClient build() {
			return new ReconnectingClient(this);
		}

	}

}
