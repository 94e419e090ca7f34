package dev.gofr.ws.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gofr.ws.client.OutboundBuffer.Send;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.time.Ticker;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.UpgradeListener;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.jspecify.annotations.Nullable;

/**
 * One connection of the client, from its attempt to its end: the Jetty frame handler that
 * receives its frames, puts messages arriving in parts together (no larger than the client's
 * limits), answers pings, notes when the server was last heard, and runs the connection's
 * heartbeat. A link reports to the client's lifecycle, which ignores the events of a link that is
 * no longer its current one.
 * <p>
 * Jetty hands over one frame at a time, when the link asks for it ({@link CoreSession#demand()}):
 * after the open, and after each frame but the close.
 */
final class ClientLink implements FrameHandler {

	private final ClientLifecycle lifecycle;

	/** The client's lock: a link dies, and starts its heartbeat, under it. */
	private final Object lock;

	private final Ticker ticker;

	private final PayloadCodec codec;

	private final ClientHeartbeat heartbeat;

	private final int maxTextMessageSize;

	private final int maxBinaryMessageSize;

	private volatile @Nullable CoreSession session;

	/** Set while the open hooks run: their sends go first. */
	private volatile boolean opening = true;

	private volatile boolean closing;

	private volatile boolean dead;

	private volatile long lastHeard;

	/** Why the server refused the handshake, when it answered with something else than 101. */
	private volatile @Nullable HandshakeRefusedException refusal;

	/** What broke the connection, reported before it closed. */
	private volatile @Nullable Throwable error;

	// The message arriving in parts; touched by one frame at a time.

	private byte messageType;

	private byte[] message = new byte[0];

	private int messageLength;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	ClientLink(ClientLifecycle lifecycle, Object lock, ReconnectingClient client, Ticker ticker) {
		this.lifecycle = lifecycle;
		this.lock = lock;
		this.ticker = ticker;
		this.codec = client.codec();
		this.heartbeat = new ClientHeartbeat(client.heartbeat(), ticker, this);
		this.maxTextMessageSize = client.maxTextMessageSize();
		this.maxBinaryMessageSize = client.maxBinaryMessageSize();
		this.lastHeard = ticker.nanos();
	}

	/**
	 * Make the attempt: the handshake with the client's headers, subprotocols and extensions,
	 * over a TCP connection of its own. An answer other than 101 is cut there, so that the next
	 * attempt opens a new connection too, and is reported as a {@link HandshakeRefusedException}.
	 * @param headers the request headers of this attempt
	 * @return completes when the connection opened, fails when the attempt did
	 */
	CompletableFuture<CoreSession> connect(WebSocketCoreClient webSocketClient, ReconnectingClient client,
			Map<String, String> headers) {
		try {
			CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(webSocketClient, client.url(), this);
			request.tag(new AttemptConnector.Attempt()); // a new TCP connection, and only one
			request.headers((fields) -> headers.forEach(fields::put));
			if (!client.subprotocols().isEmpty()) {
				request.setSubProtocols(client.subprotocols());
			}
			if (client.compression()) {
				request.addExtensions(ExtensionConfig.parse("permessage-deflate"));
			}
			request.timeout(client.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
			Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
			configuration.setIdleTimeout(Duration.ZERO); // the heartbeat tells a dead server
			configuration.setMaxTextMessageSize(this.maxTextMessageSize);
			configuration.setMaxBinaryMessageSize(this.maxBinaryMessageSize);
			configuration.setMaxFrameSize(Math.max(this.maxTextMessageSize, this.maxBinaryMessageSize));
			request.setConfiguration(configuration);
			request.addListener(new UpgradeListener() {
				@Override
				public void onHandshakeRequest(Request upgrade) {
					upgrade.onResponseHeaders((response) -> {
						if (response.getStatus() != 101) {
							HandshakeRefusedException refused = HandshakeRefusedException.of(response.getStatus(),
									response.getHeaders().get("Retry-After"));
							ClientLink.this.refusal = refused;
							response.abort(refused);
						}
					});
				}
			});
			return webSocketClient.connect(request);
		}
		catch (Exception ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Why the server refused the handshake.
	 * @return the refusal, or {@code null} when it did not answer, or answered 101
	 */
	@Nullable HandshakeRefusedException refusal() {
		return this.refusal;
	}

	/**
	 * Write one frame of the client's buffer; the client goes on with the next when it is done.
	 * @return whether it was written at once and the next may go now
	 */
	boolean write(Send send) {
		CoreSession current = this.session;
		if (current == null) {
			return this.lifecycle.written(this, send, new IllegalStateException("Not connected"));
		}
		Written written = new Written(send);
		try {
			send.writeTo(current, written);
		}
		catch (RuntimeException ex) {
			written.failed(ex);
		}
		return written.returned();
	}

	@Override
	public void onOpen(CoreSession coreSession, Callback callback) {
		this.session = coreSession;
		heard();
		callback.succeeded();
		if (this.dead) {
			coreSession.abort();
			return;
		}
		this.lifecycle.opened(this);
		coreSession.demand();
	}

	@Override
	public void onFrame(Frame frame, Callback callback) {
		heard();
		CoreSession current = this.session;
		switch (frame.getOpCode()) {
			case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> {
				if (!take(frame, callback)) {
					return; // the message was too large or not UTF-8: Jetty closes the connection
				}
			}
			case OpCode.PING -> {
				ByteBuffer payload = ByteBuffer.allocate(frame.getPayloadLength());
				if (frame.hasPayload()) {
					payload.put(frame.getPayload().slice());
				}
				current.sendFrame(new Frame(OpCode.PONG, payload.flip()), Callback.NOOP, false);
				callback.succeeded();
			}
			case OpCode.CLOSE -> {
				callback.succeeded();
				return; // Jetty answers it and reports the close
			}
			default -> callback.succeeded();
		}
		current.demand();
	}

	/**
	 * Take a frame of a text or binary message; at its last, hand the message over.
	 * @return whether to go on; {@code false} when the message broke a rule, and the callback
	 * failed with why, which closes the connection
	 */
	private boolean take(Frame frame, Callback callback) {
		if (frame.getOpCode() != OpCode.CONTINUATION) {
			this.messageType = frame.getOpCode();
			this.messageLength = 0;
		}
		boolean text = this.messageType == OpCode.TEXT;
		int limit = text ? this.maxTextMessageSize : this.maxBinaryMessageSize;
		int length = frame.getPayloadLength();
		if ((long) this.messageLength + length > limit) {
			this.lifecycle.oversized();
			callback.failed(new MessageTooLargeException((text ? "Text" : "Binary") + " message larger than "
					+ limit + " bytes, the client's max-" + (text ? "text" : "binary") + "-message-size"));
			return false;
		}
		if (this.messageLength + length > this.message.length) {
			byte[] larger = new byte[Math.min(limit, Math.max(this.messageLength + length, this.message.length * 2))];
			System.arraycopy(this.message, 0, larger, 0, this.messageLength);
			this.message = larger;
		}
		if (length > 0) {
			frame.getPayload().slice().get(this.message, this.messageLength, length);
		}
		this.messageLength += length;
		if (!frame.isFin()) {
			callback.succeeded();
			return true;
		}
		WsMessage received;
		if (text) {
			String decoded = utf8(this.message, this.messageLength);
			if (decoded == null) {
				callback.failed(new BadPayloadException("A text message that is not UTF-8"));
				return false;
			}
			received = WsMessage.text(decoded, this.codec);
		}
		else {
			byte[] bytes = new byte[this.messageLength];
			System.arraycopy(this.message, 0, bytes, 0, this.messageLength);
			received = WsMessage.binary(bytes, this.codec);
		}
		this.messageLength = 0;
		if (this.message.length > 8192) {
			this.message = new byte[0]; // an idle link holds no large buffer
		}
		callback.succeeded();
		this.lifecycle.received(received);
		return true;
	}

	/** The text of a message, or {@code null} when its bytes are not UTF-8. */
	private @Nullable String utf8(byte[] bytes, int length) {
		boolean ascii = true;
		for (int i = 0; i < length && ascii; i++) {
			ascii = bytes[i] >= 0;
		}
		if (ascii) {
			return new String(bytes, 0, length, StandardCharsets.US_ASCII); // valid UTF-8, read without a decoder
		}
		try {
			return this.decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	@Override
	public void onError(Throwable cause, Callback callback) {
		this.error = cause;
		callback.succeeded();
	}

	@Override
	public void onClosed(CloseStatus closeStatus, Callback callback) {
		callback.succeeded();
		terminate(closeStatus.getCode(), (closeStatus.getReason() != null) ? closeStatus.getReason() : "", this.error);
	}

	private void heard() {
		this.lastHeard = this.ticker.nanos();
	}

	/**
	 * When a frame of any kind last arrived, or the connection opened.
	 * @return the time, in nanoseconds of the client's ticker
	 */
	long lastHeard() {
		return this.lastHeard;
	}

	void startHeartbeat(ScheduledExecutorService scheduler) {
		synchronized (this.lock) {
			if (!this.dead) {
				this.heartbeat.start(scheduler);
			}
		}
	}

	/**
	 * The heartbeat wants a ping sent.
	 */
	void ping() {
		this.lifecycle.heartbeatPing(this);
	}

	/**
	 * End this connection, whichever way it ended, once.
	 */
	void terminate(int code, String reason, @Nullable Throwable cause) {
		synchronized (this.lock) {
			if (this.dead) {
				return;
			}
			this.dead = true;
			this.heartbeat.stop();
		}
		CoreSession current = this.session;
		if (current != null && !current.isClosed()) {
			current.abort();
		}
		this.lifecycle.lost(this, new Disconnection(code, reason, cause));
	}

	/**
	 * Cut this connection without reporting it: the client no longer wants it.
	 */
	void abort() {
		this.dead = true;
		this.heartbeat.stop();
		CoreSession current = this.session;
		if (current != null) {
			current.abort();
		}
	}

	@Nullable CoreSession session() {
		return this.session;
	}

	boolean isOpening() {
		return this.opening;
	}

	void openingDone() {
		this.opening = false;
	}

	boolean isClosing() {
		return this.closing;
	}

	/**
	 * The client closes this connection: its close frame is queued, and when it ends the client
	 * is closed rather than reconnecting.
	 */
	void markClosing() {
		this.closing = true;
	}

	boolean isDead() {
		return this.dead;
	}

	/**
	 * The client gave up on this connection; a handshake that completes anyway is cut.
	 */
	void markDead() {
		this.dead = true;
	}

	/**
	 * The end of one write. Jetty may complete it before {@code sendFrame} returns, on the
	 * writing thread, which then goes on with the next frame itself; or later, on another thread,
	 * which then reports it and goes on draining the buffer.
	 */
	private final class Written implements Callback {

		private final Send send;

		private final AtomicBoolean done = new AtomicBoolean();

		private volatile @Nullable Throwable failure;

		Written(Send send) {
			this.send = send;
		}

		@Override
		public void succeeded() {
			complete(null);
		}

		@Override
		public void failed(Throwable cause) {
			complete(cause);
		}

		private void complete(@Nullable Throwable cause) {
			this.failure = cause;
			if (!this.done.compareAndSet(false, true)) {
				// the writing thread has returned: the rest is this thread's
				if (ClientLink.this.lifecycle.written(ClientLink.this, this.send, cause)) {
					ClientLink.this.lifecycle.drain();
				}
			}
		}

		/**
		 * The writing thread is back from {@code sendFrame}.
		 * @return whether the write is over and the next may go at once
		 */
		boolean returned() {
			if (this.done.compareAndSet(false, true)) {
				return false; // not over yet: its completion goes on
			}
			return ClientLink.this.lifecycle.written(ClientLink.this, this.send, this.failure);
		}

	}

}
