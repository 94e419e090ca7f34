package dev.gofr.ws.test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.WsException;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client for tests: it connects to a running application, sends every frame type,
 * and waits for what arrives with a bound, failing with a message that says what was awaited
 * and what came instead.
 *
 * <pre class="code">
 * try (WsTestClient client = WsTestClient.connect(URI.create("ws://localhost:" + port + "/ws/echo"))) {
 *     client.sendText("hello");
 *     assertThat(client.awaitText()).isEqualTo("hello");
 * }
 * </pre>
 *
 * It runs on the JDK's {@code java.net.http} client, which answers the server's pings by itself;
 * a client built with {@link Builder#autoPong(boolean) autoPong(false)} runs on Java-WebSocket
 * instead and leaves them unanswered, to test a heartbeat. Both behave the same otherwise.
 * <p>
 * Not thread-safe for waits; sends may come from any thread.
 */
public final class WsTestClient implements AutoCloseable {

	/** The default bound of the handshake, of every send, and of every wait without its own: 10 seconds. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final PayloadCodec JSON = new JacksonPayloadCodec();

	private final Transport transport;

	private final FrameRecord recorder;

	private final FrameWaiter waiter;

	private final Duration timeout;

	private final Object sendLock = new Object();

	private WsTestClient(Transport transport, FrameRecord recorder, Duration timeout) {
		this.transport = transport;
		this.recorder = recorder;
		this.waiter = new FrameWaiter(recorder);
		this.timeout = timeout;
	}

	/**
	 * Connect with the default timeout.
	 * @param uri the {@code ws://} address
	 * @return the connected client
	 * @throws HandshakeFailedException when the server refuses the handshake
	 */
	public static WsTestClient connect(URI uri) {
		return to(uri).connect();
	}

	/**
	 * Connect with request headers (such as {@code Origin}) and a timeout for the handshake and
	 * every later wait.
	 * @param uri the {@code ws://} address
	 * @param headers request headers
	 * @param timeout the bound of the handshake and of each wait
	 * @return the connected client
	 * @throws HandshakeFailedException when the server refuses the handshake
	 */
	public static WsTestClient connect(URI uri, Map<String, String> headers, Duration timeout) {
		return to(uri).headers(headers).timeout(timeout).connect();
	}

	/**
	 * A builder for a client with headers, a timeout, or no automatic pongs.
	 * @param uri the {@code ws://} address
	 * @return the builder
	 */
	public static Builder to(URI uri) {
		return new Builder(uri);
	}

	/**
	 * Send a text message.
	 * @param text the text
	 * @return this client
	 */
	public WsTestClient sendText(String text) {
		return send(() -> this.transport.sendText(text), "text");
	}

	/**
	 * Send a text message with the object written as JSON by a default Jackson 3 mapper.
	 * @param value the object, such as a record or a map
	 * @return this client
	 */
	public WsTestClient sendJson(Object value) {
		return sendText(JSON.encode(value));
	}

	/**
	 * Send a binary message.
	 * @param bytes the payload
	 * @return this client
	 */
	public WsTestClient sendBinary(byte[] bytes) {
		return send(() -> this.transport.sendBinary(ByteBuffer.wrap(bytes)), "binary");
	}

	/**
	 * Send a ping.
	 * @param payload at most 125 bytes
	 * @return this client
	 */
	public WsTestClient sendPing(byte[] payload) {
		return send(() -> this.transport.sendPing(ByteBuffer.wrap(payload)), "ping");
	}

	/**
	 * Send a pong.
	 * @param payload at most 125 bytes
	 * @return this client
	 */
	public WsTestClient sendPong(byte[] payload) {
		return send(() -> this.transport.sendPong(ByteBuffer.wrap(payload)), "pong");
	}

	/**
	 * Send a close frame; the server's answer can then be awaited with {@link #awaitClose()}.
	 * @param code the close code
	 * @param reason the reason
	 * @return this client
	 */
	public WsTestClient sendClose(int code, String reason) {
		return send(() -> this.transport.sendClose(code, reason), "close");
	}

	private WsTestClient send(Supplier<CompletableFuture<?>> send, String what) {
		synchronized (this.sendLock) { // the JDK client takes one send at a time
			try {
				send.get().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				throw new AssertionError("Sending " + what + " failed: " + ex.getCause(), ex.getCause());
			}
			catch (TimeoutException ex) {
				throw new AssertionError("Sending " + what + " did not complete within " + this.timeout, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while sending " + what, ex);
			}
		}
		return this;
	}

	/**
	 * Wait for the next text message, skipping pings and pongs.
	 * @return its text
	 * @throws AssertionError when none arrives in time or something else arrives first
	 */
	public String awaitText() {
		return awaitText(this.timeout);
	}

	/**
	 * Wait for the next text message, skipping pings and pongs.
	 * @param timeout the bound
	 * @return its text
	 * @throws AssertionError when none arrives in time or something else arrives first
	 */
	public String awaitText(Duration timeout) {
		return ((Frame.Text) await(Frame.Text.class, "a text message", timeout)).text();
	}

	/**
	 * Wait for the next binary message, skipping pings and pongs.
	 * @return its payload
	 * @throws AssertionError when none arrives in time or something else arrives first
	 */
	public byte[] awaitBinary() {
		return awaitBinary(this.timeout);
	}

	/**
	 * Wait for the next binary message, skipping pings and pongs.
	 * @param timeout the bound
	 * @return its payload
	 * @throws AssertionError when none arrives in time or something else arrives first
	 */
	public byte[] awaitBinary(Duration timeout) {
		return ((Frame.Binary) await(Frame.Binary.class, "a binary message", timeout)).bytes();
	}

	/**
	 * Wait for the next text message and read it as JSON of the given type, with a default
	 * Jackson 3 mapper; skips pings and pongs.
	 * @param <T> the type
	 * @param type the type, such as a record of the application's protocol
	 * @return the object
	 * @throws AssertionError when none arrives in time, something else arrives first, or the
	 * text is not JSON of that type
	 */
	public <T> T awaitJson(Class<T> type) {
		return awaitJson(type, this.timeout);
	}

	/**
	 * Wait for the next text message and read it as JSON of the given type, with a default
	 * Jackson 3 mapper; skips pings and pongs.
	 * @param <T> the type
	 * @param type the type
	 * @param timeout the bound
	 * @return the object
	 * @throws AssertionError when none arrives in time, something else arrives first, or the
	 * text is not JSON of that type
	 */
	public <T> T awaitJson(Class<T> type, Duration timeout) {
		String text = ((Frame.Text) await(Frame.Text.class, "a JSON " + type.getSimpleName(), timeout)).text();
		try {
			return JSON.decode(text, type);
		}
		catch (WsException ex) {
			throw new AssertionError("Expected a JSON " + type.getSimpleName() + " but received "
					+ new Frame.Text(text) + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Wait for the next text message, and go on with assertions on its JSON paths; skips pings
	 * and pongs.
	 * @return the JSON assertions, which fail when the text is not JSON
	 * @throws AssertionError when none arrives in time or something else arrives first
	 */
	public JsonAssert awaitJson() {
		return awaitJson(this.timeout);
	}

	/**
	 * Wait for the next text message, and go on with assertions on its JSON paths; skips pings
	 * and pongs.
	 * @param timeout the bound
	 * @return the JSON assertions, which fail when the text is not JSON
	 * @throws AssertionError when none arrives in time or something else arrives first
	 */
	public JsonAssert awaitJson(Duration timeout) {
		return new JsonAssert(((Frame.Text) await(Frame.Text.class, "a JSON message", timeout)).text());
	}

	/**
	 * Wait for the next text or binary message, skipping pings and pongs.
	 * @return the message, a {@link Frame.Text} or a {@link Frame.Binary}
	 * @throws AssertionError when none arrives in time or the connection closes first
	 */
	public Frame awaitMessage() {
		return awaitMessage(this.timeout);
	}

	/**
	 * Wait for the next text or binary message, skipping pings and pongs.
	 * @param timeout the bound
	 * @return the message, a {@link Frame.Text} or a {@link Frame.Binary}
	 * @throws AssertionError when none arrives in time or the connection closes first
	 */
	public Frame awaitMessage(Duration timeout) {
		return this.waiter.await((frame) -> frame instanceof Frame.Text || frame instanceof Frame.Binary,
				FrameWaiter::isControl, "a message", timeout);
	}

	/**
	 * Wait for the next ping from the server, passing over everything else. Unless the client
	 * was built with {@code autoPong(false)}, it has already been answered.
	 * @return its payload
	 * @throws AssertionError when none arrives in time
	 */
	public byte[] awaitPing() {
		return awaitPing(this.timeout);
	}

	/**
	 * Wait for the next ping from the server, passing over everything else.
	 * @param timeout the bound
	 * @return its payload
	 * @throws AssertionError when none arrives in time
	 */
	public byte[] awaitPing(Duration timeout) {
		return ((Frame.Ping) awaitMatching((frame) -> frame instanceof Frame.Ping, "a ping", timeout)).payload();
	}

	/**
	 * Wait for the next pong.
	 * @return its payload
	 * @throws AssertionError when none arrives in time
	 */
	public byte[] awaitPong() {
		return awaitPong(this.timeout);
	}

	/**
	 * Wait for the next pong.
	 * @param timeout the bound
	 * @return its payload
	 * @throws AssertionError when none arrives in time
	 */
	public byte[] awaitPong(Duration timeout) {
		return ((Frame.Pong) awaitMatching((frame) -> frame instanceof Frame.Pong, "a pong", timeout)).payload();
	}

	/**
	 * Wait for the connection to end, skipping any message still arriving.
	 * @return the close frame (code 1006 when the connection ended without one)
	 * @throws AssertionError when it does not end in time
	 */
	public Frame.Close awaitClose() {
		return awaitClose(this.timeout);
	}

	/**
	 * Wait for the connection to end, skipping any message still arriving.
	 * @param timeout the bound
	 * @return the close frame (code 1006 when the connection ended without one)
	 * @throws AssertionError when it does not end in time
	 */
	public Frame.Close awaitClose(Duration timeout) {
		return (Frame.Close) awaitMatching((frame) -> frame instanceof Frame.Close, "the connection to close", timeout);
	}

	private Frame await(Class<? extends Frame> type, String what, Duration timeout) {
		return this.waiter.await(type::isInstance, FrameWaiter::isControl, what, timeout);
	}

	/**
	 * Wait for the first frame of any kind that matches, passing over all others.
	 * @param wanted the test
	 * @param timeout the bound
	 * @return the frame
	 * @throws AssertionError when none arrives in time
	 */
	public Frame awaitMatching(Predicate<Frame> wanted, Duration timeout) {
		return awaitMatching(wanted, "a matching frame", timeout);
	}

	private Frame awaitMatching(Predicate<Frame> wanted, String what, Duration timeout) {
		return this.waiter.await(wanted, (frame) -> true, what, timeout);
	}

	/**
	 * Fail if any message arrives within the window; pings and pongs are ignored.
	 * @param window how long to watch
	 * @throws AssertionError when a message or close arrives
	 */
	public void expectNothing(Duration window) {
		this.waiter.expectNothing(window);
	}

	/**
	 * Whether the connection has ended (a close frame arrived, or the connection broke).
	 * @return {@code true} once ended
	 */
	public boolean isClosed() {
		return this.recorder.closed() != null;
	}

	/**
	 * The close code received.
	 * @return the code, or {@code null} while open
	 */
	public @Nullable Integer closeCode() {
		Frame.Close closed = this.recorder.closed();
		return (closed != null) ? closed.code() : null;
	}

	/**
	 * The number of pings received from the server so far, answered or not; waits do not
	 * change it.
	 * @return the count
	 */
	public int pingsReceived() {
		return this.recorder.pings();
	}

	/**
	 * Stop reading from the socket, as a client that cannot keep up does: the server's writes
	 * back up once the socket buffers fill. A client that reads nothing answers no ping either.
	 * @return this client
	 */
	public WsTestClient pauseReading() {
		this.transport.pauseReading();
		return this;
	}

	/**
	 * Read from the socket again after {@link #pauseReading()}.
	 * @return this client
	 */
	public WsTestClient resumeReading() {
		this.transport.resumeReading();
		return this;
	}

	/**
	 * Drop the TCP connection without a close frame, as a client that vanishes does.
	 */
	public void abort() {
		this.transport.abort();
	}

	/**
	 * Close with 1000 if still open, without waiting for the server's answer.
	 */
	@Override
	public void close() {
		if (!this.transport.isOutputClosed()) {
			try {
				this.transport.sendClose(1000, "").get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				this.transport.abort();
			}
		}
	}

	/**
	 * Builds a {@link WsTestClient}: request headers, the timeout, and whether pings are
	 * answered.
	 */
	public static final class Builder {

		private URI uri;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable Consumer<WsTestClient> connected;

		private Duration timeout = DEFAULT_TIMEOUT;

		private boolean autoPong = true;

		private Builder(URI uri) {
			this.uri = uri;
		}

		/**
		 * Add a request header, such as {@code Origin} or {@code Authorization}.
		 * @param name the header name
		 * @param value its value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Add request headers.
		 * @param headers the headers
		 * @return this builder
		 */
		public Builder headers(Map<String, String> headers) {
			this.headers.putAll(headers);
			return this;
		}

		/**
		 * The bound of the handshake, of every send, and of every wait without its own;
		 * {@link #DEFAULT_TIMEOUT} unless set.
		 * @param timeout the bound
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Whether the client answers the server's pings, as every WebSocket client should and
		 * does by default. {@code false} makes a client that the server's heartbeat must give up
		 * on; its pings are still recorded ({@link #awaitPing()}, {@link #pingsReceived()}).
		 * @param autoPong {@code false} to leave pings unanswered
		 * @return this builder
		 */
		public Builder autoPong(boolean autoPong) {
			this.autoPong = autoPong;
			return this;
		}

		/**
		 * Set the query of the address, such as {@code token=abc}, replacing any query it had.
		 * @param query the query, without {@code ?}
		 * @return this builder
		 */
		public Builder query(String query) {
			String address = this.uri.toString();
			int start = address.indexOf('?');
			this.uri = URI.create(((start >= 0) ? address.substring(0, start) : address) + "?" + query);
			return this;
		}

		Builder whenConnected(Consumer<WsTestClient> connected) {
			this.connected = connected;
			return this;
		}

		/**
		 * The address the client will connect to.
		 * @return the {@code ws://} address
		 */
		public URI uri() {
			return this.uri;
		}

		/**
		 * Connect.
		 * @return the connected client
		 * @throws HandshakeFailedException when the server refuses or does not answer the
		 * handshake
		 */
		public WsTestClient connect() {
			FrameRecord record = new FrameRecord();
			Map<String, String> headers = Map.copyOf(this.headers);
			Transport transport = this.autoPong ? JdkTransport.connect(this.uri, headers, this.timeout, record)
					: JavaWebSocketTransport.connect(this.uri, headers, this.timeout, record);
			WsTestClient client = new WsTestClient(transport, record, this.timeout);
			if (this.connected != null) {
				this.connected.accept(client);
			}
			return client;
		}

	}

	/**
	 * Thrown when the server refuses or does not answer the handshake.
	 */
	public static final class HandshakeFailedException extends RuntimeException {

		private final int status;

		private final Map<String, List<String>> headers;

		HandshakeFailedException(URI uri, int status, Map<String, List<String>> headers, @Nullable Throwable cause) {
			super("WebSocket handshake with " + uri + " failed: "
					+ ((status > 0) ? "HTTP " + status : String.valueOf(cause)), cause);
			this.status = status;
			Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			headers.forEach((name, values) -> byName.put(name, new ArrayList<>(values)));
			this.headers = byName;
		}

		/**
		 * The HTTP status of the refusal.
		 * @return the status, such as 403, or -1 when the server did not answer with one
		 */
		public int status() {
			return this.status;
		}

		/**
		 * A header of the refusal, such as {@code Retry-After}.
		 * @param name the header name, in any case
		 * @return its first value, or {@code null} when absent
		 */
		public @Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

	}

}
