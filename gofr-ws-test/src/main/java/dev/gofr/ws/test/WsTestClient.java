package dev.gofr.ws.test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client for tests, on the JDK's {@link HttpClient}: it connects to a running
 * application, sends every frame type, and waits for what arrives with a bound, failing with a
 * message that says what was awaited and what came instead.
 *
 * <pre class="code">
 * try (WsTestClient client = WsTestClient.connect(URI.create("ws://localhost:" + port + "/ws/echo"))) {
 *     client.sendText("hello");
 *     assertThat(client.awaitText()).isEqualTo("hello");
 * }
 * </pre>
 *
 * Not thread-safe for waits; sends may come from any thread.
 */
public final class WsTestClient implements AutoCloseable {

	/** The default bound of every wait. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final WebSocket webSocket;

	private final Recorder recorder;

	private final Duration timeout;

	private final Object sendLock = new Object();

	private WsTestClient(WebSocket webSocket, Recorder recorder, Duration timeout) {
		this.webSocket = webSocket;
		this.recorder = recorder;
		this.timeout = timeout;
	}

	/**
	 * Connect with the default timeout.
	 * @param uri the {@code ws://} address
	 * @return the connected client
	 * @throws HandshakeFailedException when the server refuses the handshake
	 */
	public static WsTestClient connect(URI uri) {
		return connect(uri, Map.of(), DEFAULT_TIMEOUT);
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
		Recorder recorder = new Recorder();
		WebSocket.Builder builder = SharedHttpClient.INSTANCE.newWebSocketBuilder().connectTimeout(timeout);
		headers.forEach(builder::header);
		try {
			WebSocket webSocket = builder.buildAsync(uri, recorder).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new WsTestClient(webSocket, recorder, timeout);
		}
		catch (ExecutionException ex) {
			throw new HandshakeFailedException(uri, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new HandshakeFailedException(uri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HandshakeFailedException(uri, ex);
		}
	}

	/**
	 * Send a text message.
	 * @param text the text
	 * @return this client
	 */
	public WsTestClient sendText(String text) {
		return send(() -> this.webSocket.sendText(text, true), "text");
	}

	/**
	 * Send a binary message.
	 * @param bytes the payload
	 * @return this client
	 */
	public WsTestClient sendBinary(byte[] bytes) {
		return send(() -> this.webSocket.sendBinary(ByteBuffer.wrap(bytes), true), "binary");
	}

	/**
	 * Send a ping.
	 * @param payload at most 125 bytes
	 * @return this client
	 */
	public WsTestClient sendPing(byte[] payload) {
		return send(() -> this.webSocket.sendPing(ByteBuffer.wrap(payload)), "ping");
	}

	/**
	 * Send a pong.
	 * @param payload at most 125 bytes
	 * @return this client
	 */
	public WsTestClient sendPong(byte[] payload) {
		return send(() -> this.webSocket.sendPong(ByteBuffer.wrap(payload)), "pong");
	}

	/**
	 * Send a close frame; the server's answer can then be awaited with {@link #awaitClose()}.
	 * @param code the close code
	 * @param reason the reason
	 * @return this client
	 */
	public WsTestClient sendClose(int code, String reason) {
		return send(() -> this.webSocket.sendClose(code, reason), "close");
	}

	private WsTestClient send(java.util.function.Supplier<CompletableFuture<WebSocket>> send, String what) {
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
	 * Wait for the next text or binary message, skipping pings and pongs.
	 * @param timeout the bound
	 * @return the message, a {@link Frame.Text} or a {@link Frame.Binary}
	 * @throws AssertionError when none arrives in time or the connection closes first
	 */
	public Frame awaitMessage(Duration timeout) {
		return awaitFrame((frame) -> frame instanceof Frame.Text || frame instanceof Frame.Binary, WsTestClient::isControl,
				"a message", timeout);
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
		return awaitFrame(type::isInstance, WsTestClient::isControl, what, timeout);
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
		return awaitFrame(wanted, (frame) -> true, what, timeout);
	}

	/**
	 * Wait for a wanted frame, passing over those that may be skipped; any other frame fails.
	 */
	private Frame awaitFrame(Predicate<Frame> wanted, Predicate<Frame> skippable, String what, Duration timeout) {
		List<Frame> skipped = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		for (;;) {
			Frame frame = this.recorder.poll(deadline);
			if (frame == null) {
				throw new AssertionError("Expected " + what + " within " + timeout + " but received "
						+ (skipped.isEmpty() ? "nothing" : summary(skipped)));
			}
			if (wanted.test(frame)) {
				return frame;
			}
			skipped.add(frame);
			if (!skippable.test(frame)) {
				throw new AssertionError("Expected " + what + " but received " + summary(skipped) + " (after "
						+ this.recorder.messages + " messages in all)");
			}
		}
	}

	private static boolean isControl(Frame frame) {
		return frame instanceof Frame.Ping || frame instanceof Frame.Pong;
	}

	private static String summary(List<Frame> frames) {
		return (frames.size() <= 10) ? frames.toString()
				: frames.subList(0, 10) + " and " + (frames.size() - 10) + " more";
	}

	/**
	 * Fail if any message arrives within the window; pings and pongs are ignored.
	 * @param window how long to watch
	 * @throws AssertionError when a message or close arrives
	 */
	public void expectNothing(Duration window) {
		long deadline = System.nanoTime() + window.toNanos();
		for (;;) {
			Frame frame = this.recorder.poll(deadline);
			if (frame == null) {
				return;
			}
			if (!isControl(frame)) {
				throw new AssertionError("Expected nothing within " + window + " but received " + frame);
			}
		}
	}

	/**
	 * Whether the connection has ended (a close frame arrived, or the connection broke).
	 * @return {@code true} once ended
	 */
	public boolean isClosed() {
		return this.recorder.closed != null;
	}

	/**
	 * The close code received.
	 * @return the code, or {@code null} while open
	 */
	public @Nullable Integer closeCode() {
		Frame.Close closed = this.recorder.closed;
		return (closed != null) ? closed.code() : null;
	}

	/**
	 * Stop reading from the socket, as a client that cannot keep up does: the server's writes
	 * back up once the socket buffers fill.
	 * @return this client
	 */
	public WsTestClient pauseReading() {
		this.recorder.paused = true;
		return this;
	}

	/**
	 * Read from the socket again after {@link #pauseReading()}.
	 * @return this client
	 */
	public WsTestClient resumeReading() {
		this.recorder.resume(this.webSocket);
		return this;
	}

	/**
	 * Drop the TCP connection without a close frame, as a client that vanishes does.
	 */
	public void abort() {
		this.webSocket.abort();
	}

	/**
	 * Close with 1000 if still open, without waiting for the server's answer.
	 */
	@Override
	public void close() {
		if (!this.webSocket.isOutputClosed()) {
			try {
				this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				this.webSocket.abort();
			}
		}
	}

	/**
	 * Thrown when the server refuses or does not answer the handshake.
	 */
	public static final class HandshakeFailedException extends RuntimeException {

		HandshakeFailedException(URI uri, @Nullable Throwable cause) {
			super("WebSocket handshake with " + uri + " failed: " + cause, cause);
		}

		/**
		 * The HTTP status of the refusal.
		 * @return the status, or -1 when the server did not answer with one
		 */
		public int status() {
			return (getCause() instanceof java.net.http.WebSocketHandshakeException handshake)
					? handshake.getResponse().statusCode() : -1;
		}

		/**
		 * A header of the refusal, such as {@code Retry-After}.
		 * @param name the header name
		 * @return its value, or {@code null} when absent
		 */
		public @Nullable String header(String name) {
			return (getCause() instanceof java.net.http.WebSocketHandshakeException handshake)
					? handshake.getResponse().headers().firstValue(name).orElse(null) : null;
		}

	}

	/** One HTTP client for every test client: creating one per connection costs threads. */
	private static final class SharedHttpClient {

		static final HttpClient INSTANCE = HttpClient.newHttpClient();

	}

	private static final class Recorder implements WebSocket.Listener {

		private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		volatile Frame.@Nullable Close closed;

		volatile int messages;

		volatile boolean paused;

		private boolean demandOwed;

		private synchronized void request(WebSocket webSocket) {
			if (this.paused) {
				this.demandOwed = true;
			}
			else {
				webSocket.request(1);
			}
		}

		synchronized void resume(WebSocket webSocket) {
			this.paused = false;
			if (this.demandOwed) {
				this.demandOwed = false;
				webSocket.request(1);
			}
		}

		@Nullable Frame poll(long deadlineNanos) {
			try {
				return this.frames.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.frames.add(new Frame.Text(this.text.toString()));
				this.messages++;
				this.text.setLength(0);
			}
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				this.frames.add(new Frame.Binary(this.binary.toByteArray()));
				this.messages++;
				this.binary.reset();
			}
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			this.frames.add(new Frame.Ping(bytes(message)));
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			this.frames.add(new Frame.Pong(bytes(message)));
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			ended(new Frame.Close(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			ended(new Frame.Close(1006, String.valueOf(error)));
		}

		private synchronized void ended(Frame.Close close) {
			if (this.closed == null) {
				this.closed = close;
				this.frames.add(close);
			}
		}

		private static byte[] bytes(ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}

	}

}
