package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A Java-WebSocket client that never answers pings: the peer a heartbeat must give up on.
 */
final class SilentClient extends WebSocketClient {

	final AtomicInteger pings = new AtomicInteger();

	final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	volatile long openedAtNanos;

	volatile long closedAtNanos;

	private SilentClient(URI uri) {
		super(uri);
		setConnectionLostTimeout(0); // no pings of its own either
	}

	static SilentClient connect(URI uri) throws InterruptedException {
		SilentClient client = new SilentClient(uri);
		if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
			throw new AssertionError("Could not connect to " + uri);
		}
		return client;
	}

	@Override
	public void onWebsocketPing(WebSocket connection, Framedata frame) {
		this.pings.incrementAndGet(); // and no pong
	}

	@Override
	public void onOpen(ServerHandshake handshake) {
		this.openedAtNanos = System.nanoTime();
	}

	@Override
	public void onMessage(String message) {
	}

	@Override
	public void onClose(int code, String reason, boolean remote) {
		this.closedAtNanos = System.nanoTime();
		this.closeCode.complete(code);
	}

	@Override
	public void onError(Exception ex) {
	}

	long millisOpen() {
		return TimeUnit.NANOSECONDS.toMillis(this.closedAtNanos - this.openedAtNanos);
	}

}
