package dev.gofr.ws.test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server for the client's tests, on Java-WebSocket, that does what each text says:
 * {@code binary} sends three bytes, {@code ping} pings, {@code close <code>} closes,
 * {@code twice <text>} sends the text twice; anything else comes back. The path
 * {@code /refuse} refuses the handshake.
 */
final class ScriptedServer extends WebSocketServer {

	final AtomicInteger pongs = new AtomicInteger();

	final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

	private static ScriptedServer instance;

	private final CountDownLatch started = new CountDownLatch(1);

	private final ScheduledExecutorService rearming = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "scripted-server-rearming");
		thread.setDaemon(true);
		return thread;
	});

	private ScriptedServer() {
		super(new InetSocketAddress("127.0.0.1", 0));
		setDaemon(true);
	}

	/**
	 * The server of this test run, started on first use; its threads are daemons, so it ends with
	 * the JVM.
	 */
	static synchronized ScriptedServer shared() {
		if (instance == null) {
			ScriptedServer server = new ScriptedServer();
			server.start();
			try {
				if (!server.started.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The scripted server did not start");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			instance = server;
		}
		return instance;
	}

	URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + getPort() + path);
	}

	@Override
	public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket connection, Draft draft,
			ClientHandshake request) throws InvalidDataException {
		if (request.getResourceDescriptor().startsWith("/refuse")) {
			throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused");
		}
		return super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
	}

	@Override
	public void onMessage(WebSocket connection, String message) {
		if (message.equals("binary")) {
			connection.send(new byte[] { 1, 2, 3 });
		}
		else if (message.equals("ping")) {
			PingFrame ping = new PingFrame();
			ping.setPayload(ByteBuffer.wrap("hb".getBytes(StandardCharsets.UTF_8)));
			connection.sendFrame(ping);
		}
		else if (message.startsWith("close ")) {
			connection.close(Integer.parseInt(message.substring("close ".length())), "asked");
		}
		else if (message.startsWith("twice ")) {
			connection.send(message.substring("twice ".length()));
			connection.send(message.substring("twice ".length()));
		}
		else {
			connection.send(message);
		}
	}

	@Override
	public void onMessage(WebSocket connection, ByteBuffer message) {
		connection.send(message);
	}

	@Override
	public void onWebsocketPong(WebSocket connection, Framedata frame) {
		this.pongs.incrementAndGet();
	}

	@Override
	public void onOpen(WebSocket connection, ClientHandshake handshake) {
	}

	@Override
	public void onClose(WebSocket connection, int code, String reason, boolean remote) {
		this.closeCodes.add(code);
	}

	@Override
	public void onError(WebSocket connection, Exception ex) {
	}

	@Override
	public void onStart() {
		this.rearming.scheduleWithFixedDelay(this::rearmWrites, 50, 50, TimeUnit.MILLISECONDS);
		this.started.countDown();
	}

	/**
	 * Java-WebSocket 1.6.0's server can lose a write demand: once its selector thread has emptied a
	 * connection's queue it sets the connection's key back to reading only, which races a worker
	 * thread that queued a frame and asked for writing meanwhile; the frame then waits for the
	 * connection's next event (seen as an echo that never came, about one run of these tests in
	 * ten). Ask again for every connection that has frames queued.
	 */
	private void rearmWrites() {
		for (WebSocket connection : getConnections()) {
			if (connection instanceof WebSocketImpl open && open.hasBufferedData()) {
				try {
					onWriteDemand(connection);
				}
				catch (RuntimeException ex) {
					// closing meanwhile: nothing to write any more
				}
			}
		}
	}

}
