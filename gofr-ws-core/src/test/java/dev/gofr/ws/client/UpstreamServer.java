package dev.gofr.ws.client;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server for the client's tests that nobody here wrote: Java-WebSocket's. It echoes
 * text and binary messages, records what it received and the close codes it saw, and can be
 * stopped and started again on the same port, or made deaf to pings.
 */
final class UpstreamServer implements AutoCloseable {

	final List<String> received = new CopyOnWriteArrayList<>();

	final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

	final Map<String, String> lastHandshake = new ConcurrentHashMap<>();

	final AtomicInteger opened = new AtomicInteger();

	private volatile boolean answerPings = true;

	private volatile boolean echo = true;

	private final boolean deflate;

	private int port;

	private Server server;

	UpstreamServer() {
		this(false);
	}

	/**
	 * @param deflate whether the server takes permessage-deflate when a client offers it
	 */
	UpstreamServer(boolean deflate) {
		this.deflate = deflate;
		this.server = start(0);
		this.port = this.server.getPort();
	}

	int port() {
		return this.port;
	}

	java.net.URI url() {
		return java.net.URI.create("ws://127.0.0.1:" + this.port + "/upstream");
	}

	int connections() {
		return this.server.getConnections().size();
	}

	UpstreamServer silent() {
		this.answerPings = false;
		this.echo = false;
		return this;
	}

	void broadcast(String text) {
		this.server.broadcast(text);
	}

	/** Ping every connection, with this payload. */
	void ping(String payload) {
		this.server.getConnections().forEach((connection) -> {
			PingFrame ping = new PingFrame();
			ping.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
			connection.sendFrame(ping);
		});
	}

	/**
	 * Stop: every connection is sent 1001 and the port is free. Java-WebSocket's server stops its
	 * selector without waiting for every close handshake and leaves those sockets open, which no
	 * process exit would; they are cut here.
	 */
	void stop() {
		List<WebSocket> open = List.copyOf(this.server.getConnections());
		try {
			this.server.stop(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		open.forEach((connection) -> ((WebSocketImpl) connection).closeConnection(CloseFrame.GOING_AWAY, "stopped"));
	}

	/**
	 * Stop as a process that dies does: every socket is cut at once, without a close frame, and
	 * the port is free.
	 */
	void crash() {
		this.server.getConnections()
			.forEach((connection) -> ((WebSocketImpl) connection).closeConnection(CloseFrame.ABNORMAL_CLOSE, "crashed"));
		stop();
	}

	/** Listen again on the same port. */
	void restart() {
		this.server = start(this.port);
	}

	private Server start(int port) {
		List<IExtension> extensions = this.deflate ? List.of(new PerMessageDeflateExtension()) : List.of();
		Draft draft = new Draft_6455(extensions, List.<IProtocol>of(new Protocol("chat.v2"), new Protocol("")));
		Server server = new Server(new InetSocketAddress("127.0.0.1", port), List.of(draft));
		server.setReuseAddr(true);
		server.setDaemon(true);
		server.setConnectionLostTimeout(0);
		server.start();
		try {
			if (!server.started.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Upstream server did not start on port " + port);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (server.failure != null) {
			throw new IllegalStateException("Upstream server failed on port " + port, server.failure);
		}
		return server;
	}

	@Override
	public void close() {
		stop();
	}

	private final class Server extends WebSocketServer {

		final CountDownLatch started = new CountDownLatch(1);

		volatile Exception failure;

		Server(InetSocketAddress address, List<Draft> drafts) {
			super(address, 2, drafts);
		}

		@Override
		public void onOpen(WebSocket conn, ClientHandshake handshake) {
			UpstreamServer.this.opened.incrementAndGet();
			handshake.iterateHttpFields().forEachRemaining((field) ->
					UpstreamServer.this.lastHandshake.put(field.toLowerCase(), handshake.getFieldValue(field)));
		}

		@Override
		public void onClose(WebSocket conn, int code, String reason, boolean remote) {
			if (remote) {
				UpstreamServer.this.closeCodes.add(code);
			}
		}

		@Override
		public void onMessage(WebSocket conn, String message) {
			UpstreamServer.this.received.add(message);
			if (UpstreamServer.this.echo) {
				conn.send(message);
			}
		}

		@Override
		public void onMessage(WebSocket conn, ByteBuffer message) {
			byte[] bytes = new byte[message.remaining()];
			message.get(bytes);
			UpstreamServer.this.received.add("binary:" + bytes.length);
			if (UpstreamServer.this.echo) {
				conn.send(bytes);
			}
		}

		@Override
		public void onWebsocketPing(WebSocket conn, Framedata frame) {
			UpstreamServer.this.received.add("ping");
			if (UpstreamServer.this.answerPings) {
				super.onWebsocketPing(conn, frame);
			}
		}

		@Override
		public void onWebsocketPong(WebSocket conn, Framedata frame) {
			UpstreamServer.this.received.add("pong:" + StandardCharsets.UTF_8.decode(frame.getPayloadData()));
		}

		@Override
		public void onError(WebSocket conn, Exception ex) {
			if (conn == null) {
				this.failure = ex;
				this.started.countDown();
			}
		}

		@Override
		public void onStart() {
			this.started.countDown();
		}

	}

}
