package dev.gofr.ws.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A container session for tests of {@link RouteWebSocketHandler}: it records what is written to it, can
 * hold writes as a peer that stops reading does, and its close waits until released, then reports
 * the end as a container would.
 */
final class HeldSession implements WebSocketSession {

	private static final Duration WAIT = Duration.ofSeconds(30);

	final CountDownLatch closing = new CountDownLatch(1);

	final CountDownLatch release = new CountDownLatch(1);

	final List<String> closes = new CopyOnWriteArrayList<>();

	final List<WebSocketMessage<?>> sent = new CopyOnWriteArrayList<>();

	private final RouteWebSocketHandler handler;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private volatile boolean open = true;

	private volatile boolean holdWrites;

	private boolean closeStarted;

	private final CountDownLatch writesReleased = new CountDownLatch(1);

	HeldSession(RouteWebSocketHandler handler) {
		this.handler = handler;
	}

	/** The connection the handler opened over this session. */
	ServerConnection connection() {
		return this.attributes.values().stream()
			.filter(SessionTransport.class::isInstance)
			.map((transport) -> ((SessionTransport) transport).connection())
			.findFirst()
			.orElseThrow();
	}

	void holdWrites() {
		this.holdWrites = true;
	}

	/** The socket is gone, and the container never says so. */
	void vanish() {
		this.open = false;
	}

	@Override
	public String getId() {
		return "held";
	}

	@Override
	public URI getUri() {
		return URI.create("ws://localhost/ws/test");
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return new HttpHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return null;
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return null;
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return null;
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return null;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return Integer.MAX_VALUE;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return Integer.MAX_VALUE;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		this.sent.add(message);
		if (this.holdWrites) {
			try {
				this.writesReleased.await(WAIT.toSeconds(), TimeUnit.SECONDS); // a peer that stopped reading
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IOException("closed while writing");
		}
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	@Override
	public void close(CloseStatus status) {
		synchronized (this) {
			if (this.closeStarted) {
				return; // as containers do: once a close has begun, another is ignored
			}
			this.closeStarted = true;
		}
		this.closes.add(status.getCode() + " " + status.getReason());
		this.closing.countDown();
		try {
			this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.open = false;
		this.writesReleased.countDown();
		this.handler.afterConnectionClosed(this, status);
	}

}
