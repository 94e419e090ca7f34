package dev.gofr.ws.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

import dev.gofr.ws.client.OutboundBuffer.Send;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * One connection of the client, from its attempt to its end: the JDK WebSocket listener that
 * receives its frames, puts messages arriving in parts together, notes when the server was last
 * heard, and runs the connection's heartbeat. A link reports to the client's lifecycle, which
 * ignores the events of a link that is no longer its current one.
 */
final class ClientLink implements WebSocket.Listener {

	private final ClientLifecycle lifecycle;

	/** The client's lock: a link dies, and starts its heartbeat, under it. */
	private final Object lock;

	private final Ticker ticker;

	private final PayloadCodec codec;

	private final ClientHeartbeat heartbeat;

	private volatile @Nullable WebSocket webSocket;

	/** Set while the open hooks run: their sends go first. */
	private volatile boolean opening = true;

	private volatile boolean closing;

	private volatile boolean dead;

	private volatile long lastHeard;

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	ClientLink(ClientLifecycle lifecycle, Object lock, ReconnectingClient client, Ticker ticker) {
		this.lifecycle = lifecycle;
		this.lock = lock;
		this.ticker = ticker;
		this.codec = client.codec();
		this.heartbeat = new ClientHeartbeat(client.heartbeat(), ticker, this);
		this.lastHeard = ticker.nanos();
	}

	/**
	 * Make the attempt: the handshake with the client's headers and subprotocols.
	 * @return completes when the connection opened, fails when the attempt did
	 */
	CompletableFuture<WebSocket> connect(HttpClient httpClient, ReconnectingClient client) {
		WebSocket.Builder builder = httpClient.newWebSocketBuilder().connectTimeout(client.connectTimeout());
		client.headers().forEach(builder::header);
		List<String> subprotocols = client.subprotocols();
		if (!subprotocols.isEmpty()) {
			builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
		}
		try {
			return builder.buildAsync(client.url(), this);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Write one frame of the client's buffer; the client goes on with the next when it is done.
	 * @return whether it was written at once and the next may go now
	 */
	boolean write(Send send) {
		WebSocket webSocket = this.webSocket;
		CompletableFuture<WebSocket> written;
		try {
			written = (webSocket != null) ? send.writeTo(webSocket)
					: CompletableFuture.failedFuture(new IllegalStateException("Not connected"));
		}
		catch (RuntimeException ex) {
			written = CompletableFuture.failedFuture(ex);
		}
		if (!written.isDone()) {
			written.whenComplete((ignored, ex) -> {
				if (this.lifecycle.written(this, send, ex)) {
					this.lifecycle.drain();
				}
			});
			return false;
		}
		Throwable failure = null;
		try {
			written.join();
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		return this.lifecycle.written(this, send, failure);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.webSocket = webSocket;
		heard();
		if (this.dead) {
			webSocket.abort();
			return;
		}
		this.lifecycle.opened(this);
		webSocket.request(1);
	}

	@Override
	public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		heard();
		this.text.append(data);
		if (last) {
			String message = this.text.toString();
			this.text.setLength(0);
			this.lifecycle.received(WsMessage.text(message, this.codec));
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		heard();
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.binary.writeBytes(bytes);
		if (last) {
			byte[] message = this.binary.toByteArray();
			this.binary.reset();
			this.lifecycle.received(WsMessage.binary(message, this.codec));
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
		heard();
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		heard();
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
		WebSocket current = this.webSocket;
		if (current != null && !current.isInputClosed()) {
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
		WebSocket current = this.webSocket;
		if (current != null) {
			current.abort();
		}
	}

	@Nullable WebSocket webSocket() {
		return this.webSocket;
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

}
