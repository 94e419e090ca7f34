package dev.gofr.ws.test;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} on Java-WebSocket, for a client that leaves the server's pings unanswered,
 * as a peer behind a dead proxy does. Its reading thread stops in the next callback while
 * reading is paused.
 */
final class JavaWebSocketTransport extends WebSocketClient implements Transport {

	private final FrameRecord record;

	private final Refusal refusal;

	private final Object pause = new Object();

	private boolean paused;

	private volatile boolean closeSent;

	private volatile @Nullable Exception failure;

	private JavaWebSocketTransport(URI uri, Refusal refusal, Map<String, String> headers, Duration timeout,
			FrameRecord record) {
		super(uri, new RefusalRecorder(refusal), headers, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		this.refusal = refusal;
		this.record = record;
		setConnectionLostTimeout(0); // no pings of its own
		setDaemon(true);
	}

	static JavaWebSocketTransport connect(URI uri, Map<String, String> headers, Duration timeout, FrameRecord record) {
		JavaWebSocketTransport transport = new JavaWebSocketTransport(uri, new Refusal(), headers, timeout, record);
		try {
			if (transport.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return transport;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			transport.abort();
			throw new HandshakeFailedException(uri, -1, Map.of(), ex);
		}
		transport.abort();
		Refusal refusal = transport.refusal;
		Exception failure = transport.failure;
		throw new HandshakeFailedException(uri, refusal.status, refusal.headers,
				(failure != null) ? failure : new IOException("No handshake within " + timeout));
	}

	@Override
	public CompletableFuture<?> sendText(String text) {
		return sent(() -> send(text));
	}

	@Override
	public CompletableFuture<?> sendBinary(ByteBuffer bytes) {
		return sent(() -> send(bytes));
	}

	@Override
	public CompletableFuture<?> sendPing(ByteBuffer payload) {
		PingFrame ping = new PingFrame();
		ping.setPayload(payload);
		return sent(() -> sendFrame(ping));
	}

	@Override
	public CompletableFuture<?> sendPong(ByteBuffer payload) {
		PongFrame pong = new PongFrame();
		pong.setPayload(payload);
		return sent(() -> sendFrame(pong));
	}

	@Override
	public CompletableFuture<?> sendClose(int code, String reason) {
		this.closeSent = true;
		return sent(() -> close(code, reason));
	}

	/** Java-WebSocket queues a send for its writing thread: done once queued. */
	private static CompletableFuture<?> sent(Runnable send) {
		try {
			send.run();
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public boolean isOutputClosed() {
		return this.closeSent || isClosing() || isClosed();
	}

	@Override
	public void pauseReading() {
		synchronized (this.pause) {
			this.paused = true;
		}
	}

	@Override
	public void resumeReading() {
		synchronized (this.pause) {
			this.paused = false;
			this.pause.notifyAll();
		}
	}

	private void readingAllowed() {
		synchronized (this.pause) {
			while (this.paused) {
				try {
					this.pause.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void abort() {
		resumeReading(); // lets a reading thread held by a pause see the socket go
		Socket socket = getSocket();
		try {
			if (socket != null) {
				socket.close();
			}
		}
		catch (IOException ex) {
			// gone already
		}
	}

	@Override
	public void onOpen(ServerHandshake handshake) {
	}

	@Override
	public void onMessage(String message) {
		readingAllowed();
		this.record.message(new Frame.Text(message));
	}

	@Override
	public void onMessage(ByteBuffer bytes) {
		readingAllowed();
		this.record.message(new Frame.Binary(bytes(bytes)));
	}

	@Override
	public void onWebsocketPing(WebSocket connection, Framedata frame) {
		readingAllowed();
		this.record.ping(bytes(frame.getPayloadData())); // and no pong: that is what this client is for
	}

	@Override
	public void onWebsocketPong(WebSocket connection, Framedata frame) {
		readingAllowed();
		this.record.pong(bytes(frame.getPayloadData()));
	}

	@Override
	public void onClose(int code, String reason, boolean remote) {
		// Java-WebSocket reports a connection that ended without a close frame as 1006 too
		this.record.ended(new Frame.Close(code, reason));
	}

	@Override
	public void onError(Exception ex) {
		this.failure = ex;
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	/**
	 * Keeps the status and headers of the handshake's answer, which Java-WebSocket drops when
	 * the server refuses.
	 */
	private static final class RefusalRecorder extends Draft_6455 {

		private final Refusal refusal;

		RefusalRecorder(Refusal refusal) {
			this.refusal = refusal;
		}

		@Override
		public Handshakedata translateHandshake(ByteBuffer buffer) throws InvalidHandshakeException {
			String head = StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString();
			int end = head.indexOf("\r\n\r\n");
			if (end > 0) {
				String[] lines = head.substring(0, end).split("\r\n");
				String[] statusLine = lines[0].split(" ", 3);
				if (statusLine.length >= 2 && statusLine[0].startsWith("HTTP/")) {
					Map<String, List<String>> headers = new LinkedHashMap<>();
					for (int i = 1; i < lines.length; i++) {
						int colon = lines[i].indexOf(':');
						if (colon > 0) {
							headers.computeIfAbsent(lines[i].substring(0, colon).trim(), (name) -> new ArrayList<>())
								.add(lines[i].substring(colon + 1).trim());
						}
					}
					this.refusal.headers = headers;
					try {
						this.refusal.status = Integer.parseInt(statusLine[1]);
					}
					catch (NumberFormatException ex) {
						// not HTTP after all: left to Java-WebSocket to refuse
					}
				}
			}
			return super.translateHandshake(buffer);
		}

		@Override
		public Draft copyInstance() {
			return new RefusalRecorder(this.refusal); // the connection works on a copy
		}

	}

	/**
	 * The answer to a handshake, as far as it was read.
	 */
	private static final class Refusal {

		volatile int status = -1;

		volatile Map<String, List<String>> headers = Map.of();

	}

}
