package dev.gofr.ws.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.history.StreamPositions;
import dev.gofr.ws.send.OutboundFrame;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * A WebSocket client that stays connected: it connects to a server, and whenever an attempt
 * fails or the connection drops it tries again with exponential backoff and jitter, counted and
 * timed by a Resilience4j {@link Retry}. Waiting never holds a thread: attempts and heartbeat
 * pings are scheduled on a scheduler that all clients share by default, as they share one Jetty
 * WebSocket client (see {@code docs/client.md} for why Jetty's).
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

	private final StreamPositions positions = new StreamPositions();

	private final String name;

	private final URI url;

	private final Map<String, String> headers;

	private final List<String> subprotocols;

	private final Duration connectTimeout;

	private final HeartbeatSettings heartbeat;

	private final ReconnectSettings reconnect;

	private final int maxBufferedMessages;

	private final int maxTextMessageSize;

	private final int maxBinaryMessageSize;

	private final boolean compression;

	private final PayloadCodec codec;

	private final ClientLifecycle lifecycle;

	private ReconnectingClient(Builder builder) {
		this.name = builder.name;
		this.url = builder.url;
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
		this.subprotocols = List.copyOf(builder.subprotocols);
		this.connectTimeout = builder.connectTimeout;
		this.heartbeat = builder.heartbeat;
		this.reconnect = builder.reconnect;
		this.maxBufferedMessages = builder.maxBufferedMessages;
		this.maxTextMessageSize = builder.maxTextMessageSize;
		this.maxBinaryMessageSize = builder.maxBinaryMessageSize;
		this.compression = builder.compression;
		this.codec = (builder.codec != null) ? builder.codec : defaultCodec();
		this.lifecycle = new ClientLifecycle(this, builder);
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
	 * What this client saw last of each room the server keeps a history of: the offset and epoch
	 * of the last stamped message per room, noted before the message handler runs, to offer when
	 * the client joins again after a reconnect (see docs/recovery.md).
	 * @return the positions, kept across reconnects
	 */
	public StreamPositions positions() {
		return this.positions;
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
		return this.lifecycle.state();
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
		return this.lifecycle.subprotocol();
	}

	/**
	 * The largest text message the server may send.
	 * @return the limit, in bytes of UTF-8
	 */
	public int maxTextMessageSize() {
		return this.maxTextMessageSize;
	}

	/**
	 * The largest binary message the server may send.
	 * @return the limit, in bytes
	 */
	public int maxBinaryMessageSize() {
		return this.maxBinaryMessageSize;
	}

	/**
	 * Whether the client offers permessage-deflate.
	 * @return {@code true} when it does
	 */
	public boolean compression() {
		return this.compression;
	}

	/**
	 * The extensions the server agreed to, such as {@code permessage-deflate}.
	 * @return their names; empty when not connected or none
	 */
	public List<String> extensions() {
		return this.lifecycle.extensions();
	}

	/**
	 * Incoming messages larger than the client's limits; each closed its connection with 1009.
	 * @return the count
	 */
	public long oversizedMessages() {
		return status().oversizedMessages();
	}

	/**
	 * Waits before an attempt that the server set with {@code Retry-After} when it refused the
	 * attempt before.
	 * @return the count
	 */
	public long retryAfterWaits() {
		return status().retryAfterWaits();
	}

	/**
	 * A snapshot for operators.
	 * @return the status
	 */
	public ClientStatus status() {
		return this.lifecycle.status();
	}

	/**
	 * Times the client connected again after a drop.
	 * @return the count
	 */
	public long reconnects() {
		return status().reconnects();
	}

	/**
	 * Sends refused because the buffer was full.
	 * @return the count
	 */
	public long rejectedSends() {
		return status().rejected();
	}

	/**
	 * The Resilience4j retry that counts and times the attempts; its event publisher reports each
	 * retry, and {@code resilience4j-micrometer} can bind its metrics.
	 * @return the retry
	 */
	public Retry retry() {
		return this.lifecycle.retry();
	}

	/**
	 * Connect, now, and keep connected. Does nothing while the client is already running; after
	 * {@link #close()} or after it gave up, starts over.
	 */
	@Override
	public void start() {
		this.lifecycle.start();
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
		this.lifecycle.close(CloseCodes.NORMAL, "", callback);
	}

	@Override
	public boolean isRunning() {
		return this.lifecycle.isRunning();
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
	 * @param reason the reason; cut to the 123 bytes in UTF-8 that a close frame carries
	 */
	public void close(int code, String reason) {
		this.lifecycle.close(code, reason, () -> {
		});
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
		return this.lifecycle.send(OutboundFrame.text(text.toString()));
	}

	/**
	 * Send a binary message. The array is used as it is: do not change it afterwards.
	 * @param bytes the payload
	 * @return a future, as for {@link #sendText}
	 */
	public CompletableFuture<Void> sendBinary(byte[] bytes) {
		return this.lifecycle.send(OutboundFrame.binary(bytes));
	}

	/**
	 * Send a binary message with a copy of the buffer's remaining bytes.
	 * @param bytes the payload; its position is not changed
	 * @return a future, as for {@link #sendText}
	 */
	public CompletableFuture<Void> sendBinary(ByteBuffer bytes) {
		return this.lifecycle.send(OutboundFrame.binary(bytes));
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
	 * @return a future completed when the frame is written; failed with an
	 * {@link IllegalArgumentException} at once when the payload is longer
	 */
	public CompletableFuture<Void> sendPing(byte[] payload) {
		return sendControl(OutboundFrame::ping, payload);
	}

	/**
	 * Send an unsolicited pong (pings from the server are answered already). Not buffered: while
	 * disconnected it fails with {@link WsErrorCode#CONNECTION_CLOSED}.
	 * @param payload at most 125 bytes
	 * @return a future, as for {@link #sendPing}
	 */
	public CompletableFuture<Void> sendPong(byte[] payload) {
		return sendControl(OutboundFrame::pong, payload);
	}

	private CompletableFuture<Void> sendControl(Function<byte[], OutboundFrame> frame, byte[] payload) {
		OutboundFrame control;
		try {
			control = frame.apply(payload.clone());
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.failedFuture(ex); // more than a control frame carries
		}
		return this.lifecycle.send(control);
	}

	/**
	 * The codec of {@link #sendJson} and of the messages received.
	 */
	PayloadCodec codec() {
		return this.codec;
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
	 * Builds a {@link ReconnectingClient}; every option has the default of
	 * {@code gofr.ws.clients.<name>.*}.
	 */
	public static final class Builder extends ClientBuilder {

		private Builder(String name, URI url) {
			super(name, url);
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
