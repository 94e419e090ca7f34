package dev.gofr.ws.bench.client;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client for load: one selector thread drives every connection, so thousands of them
 * cost one thread. It speaks just enough of RFC 6455 for the benchmark: the HTTP/1.1 upgrade,
 * masked client frames, unmasked server frames (text, binary, continuation, ping answered with a
 * pong, pong, close), and reading can be stopped per connection to play a stalled peer.
 * <p>
 * Everything about a connection, the {@link Listener} calls included, happens on the selector
 * thread; other threads hand work to it with {@link #execute} or {@link #call}. Frames sent during
 * one pass of the loop are written together at its end, one write per connection. This class
 * holds the loop and the connections' lifecycle; {@code FrameReader} reads what the server sends,
 * {@code FrameWriter} writes what goes to it.
 */
public final class WsLoadClient implements Closeable {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Selector selector;

	private final Thread thread;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final FrameWriter writer = new FrameWriter(this);

	private final FrameReader reader = new FrameReader(this, this.writer);

	private volatile boolean running = true;

	private int nextId;

	/** The local addresses connections are opened from, in turn; empty for the system's choice. */
	private volatile List<InetAddress> sources = List.of();

	/**
	 * Open the selector and start its thread.
	 * @param name the thread name
	 * @throws IOException when no selector can be opened
	 */
	public WsLoadClient(String name) throws IOException {
		this.selector = Selector.open();
		this.thread = new Thread(this::loop, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Run a task on the selector thread.
	 * @param task the task
	 */
	public void execute(Runnable task) {
		this.tasks.add(task);
		this.selector.wakeup();
	}

	/**
	 * Compute something on the selector thread.
	 * @param <T> the result type
	 * @param task the computation
	 * @return its result, when done
	 */
	public <T> CompletableFuture<T> call(Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		execute(() -> {
			try {
				result.complete(task.get());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/**
	 * The CPU time the selector thread has used.
	 * @return nanoseconds
	 */
	public long threadCpuNanos() {
		return THREADS.getThreadCpuTime(this.thread.getId());
	}

	/**
	 * Start connecting; the listener is told when the connection is open or has failed. May be
	 * called from any thread.
	 * @param address the server
	 * @param path the request path, such as {@code /ws/echo}
	 * @param origin the {@code Origin} header, or {@code null} for none
	 * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's default
	 * @param listener told what happens on the connection
	 */
	public void connect(InetSocketAddress address, String path, @Nullable String origin, int receiveBuffer,
			Listener listener) {
		execute(() -> open(address, path, origin, receiveBuffer, listener));
	}

	/**
	 * Open the next connections from these local addresses, in turn: each local address has its
	 * own range of ephemeral ports, so more connections fit than one address's range holds (on
	 * loopback, any of 127.0.0.0/8).
	 * @param sources the addresses; empty for the system's choice
	 */
	public void openFrom(List<InetAddress> sources) {
		this.sources = List.copyOf(sources);
	}

	private void open(InetSocketAddress address, String path, @Nullable String origin, int receiveBuffer,
			Listener listener) {
		Connection connection = new Connection(this.nextId++, listener);
		try {
			SocketChannel channel = SocketChannel.open();
			connection.channel = channel;
			List<InetAddress> from = this.sources;
			if (!from.isEmpty()) {
				channel.bind(new InetSocketAddress(from.get(connection.id % from.size()), 0));
			}
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (receiveBuffer > 0) {
				channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
			}
			connection.request = this.writer.upgradeRequest(address, path, origin);
			connection.connectStartNanos = System.nanoTime();
			if (channel.connect(address)) {
				connection.key = channel.register(this.selector, SelectionKey.OP_READ, connection);
				connected(connection);
			}
			else {
				connection.key = channel.register(this.selector, SelectionKey.OP_CONNECT, connection);
			}
		}
		catch (IOException | RuntimeException ex) {
			fail(connection, ex.toString());
		}
	}

	private void connected(Connection connection) {
		connection.state = State.HANDSHAKING;
		byte[] request = connection.request;
		connection.request = null;
		if (request != null) {
			this.writer.append(connection, request);
			this.writer.flush(connection);
		}
	}

	private void loop() {
		try {
			while (this.running) {
				if (this.tasks.isEmpty()) {
					this.selector.select(100);
				}
				else {
					this.selector.selectNow();
				}
				Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					Connection connection = (Connection) key.attachment();
					try {
						if (!key.isValid()) {
							continue;
						}
						if (key.isConnectable()) {
							if (connection.channel.finishConnect()) {
								key.interestOps(SelectionKey.OP_READ);
								connected(connection);
							}
							continue;
						}
						if (key.isWritable()) {
							this.writer.flush(connection);
						}
						if (key.isValid() && key.isReadable()) {
							this.reader.read(connection);
						}
					}
					catch (IOException | RuntimeException ex) {
						fail(connection, ex.toString());
					}
				}
				Runnable task;
				while ((task = this.tasks.poll()) != null) {
					try {
						task.run();
					}
					catch (RuntimeException ex) {
						ex.printStackTrace();
					}
				}
				this.writer.flushQueued();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void ended(Connection connection, int code) {
		if (connection.state == State.CLOSED) {
			return;
		}
		boolean wasOpen = connection.state == State.OPEN || connection.state == State.CLOSING;
		abort(connection);
		if (wasOpen) {
			connection.listener.closed(connection, code);
		}
		else {
			connection.listener.failed(connection, "Closed during the handshake (" + code + ")");
		}
	}

	void fail(Connection connection, String reason) {
		if (connection.state == State.CLOSED) {
			return;
		}
		boolean wasOpen = connection.state == State.OPEN || connection.state == State.CLOSING;
		abort(connection);
		if (wasOpen) {
			connection.failure = reason;
			connection.listener.closed(connection, CloseCodes.ABNORMAL);
		}
		else {
			connection.listener.failed(connection, reason);
		}
	}

	/**
	 * Reset the connection: linger 0, so that neither side keeps the port in TIME_WAIT.
	 */
	void abort(Connection connection) {
		connection.state = State.CLOSED;
		connection.out = null;
		connection.leftover = null;
		connection.fragments = null;
		SocketChannel channel = connection.channel;
		if (channel != null) {
			try {
				if (channel.isOpen() && channel.isConnected()) {
					channel.setOption(StandardSocketOptions.SO_LINGER, 0);
				}
			}
			catch (IOException | RuntimeException ex) {
				// closing anyway
			}
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing more to do
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.selector.wakeup();
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (SelectionKey key : this.selector.keys()) {
			if (key.attachment() instanceof Connection connection) {
				abort(connection);
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** Where a connection is. */
	public enum State {

		/** TCP connect in progress. */
		CONNECTING,

		/** Upgrade request sent, response awaited. */
		HANDSHAKING,

		/** Open. */
		OPEN,

		/** Close frame sent, the server's awaited. */
		CLOSING,

		/** Gone. */
		CLOSED

	}

	/** The codes {@link Listener#closed} reports besides those of close frames. */
	public static final class CloseCodes {

		/** The server closed the socket without a close frame. */
		public static final int EOF = -1;

		/** The connection failed (reset, write error). */
		public static final int ABNORMAL = 1006;

		/** A close frame without a code. */
		public static final int NO_STATUS = 1005;

		private CloseCodes() {
		}

	}

	/**
	 * Told what happens on a connection, on the selector thread; must not block.
	 */
	public interface Listener {

		/**
		 * The upgrade succeeded.
		 * @param connection the connection
		 */
		default void opened(Connection connection) {
		}

		/**
		 * The connection could not be opened.
		 * @param connection the connection
		 * @param reason why
		 */
		default void failed(Connection connection, String reason) {
		}

		/**
		 * A whole message arrived.
		 * @param connection the connection
		 * @param text whether it is text
		 * @param payload its bytes, from position to limit, valid during the call only
		 * @param nowNanos when it was read, from {@link System#nanoTime()}
		 */
		default void message(Connection connection, boolean text, ByteBuffer payload, long nowNanos) {
		}

		/**
		 * A ping arrived; the pong is already queued.
		 * @param connection the connection
		 * @param nowNanos when
		 */
		default void pinged(Connection connection, long nowNanos) {
		}

		/**
		 * A pong arrived.
		 * @param connection the connection
		 * @param nowNanos when
		 */
		default void ponged(Connection connection, long nowNanos) {
		}

		/**
		 * The open connection ended.
		 * @param connection the connection
		 * @param code the server's close code, {@link CloseCodes#EOF} when the socket closed
		 * without one, {@link CloseCodes#ABNORMAL} when it failed
		 */
		default void closed(Connection connection, int code) {
		}

	}

	/**
	 * One connection. Use it on the selector thread only.
	 */
	public final class Connection {

		final int id;

		final Listener listener;

		SocketChannel channel;

		@Nullable SelectionKey key;

		State state = State.CONNECTING;

		byte @Nullable [] request;

		@Nullable ByteBuffer out;

		byte @Nullable [] leftover;

		@Nullable ByteBuffer fragments;

		boolean fragmentsText;

		/** Whether frames are queued for the end of the selector's pass. */
		boolean queued;

		boolean reading = true;

		boolean closeSent;

		long connectStartNanos;

		long openedNanos;

		long messagesReceived;

		long bytesReceived;

		long pingsReceived;

		@Nullable String failure;

		/** Free for the scenario's own state. */
		public @Nullable Object attachment;

		Connection(int id, Listener listener) {
			this.id = id;
			this.listener = listener;
		}

		/**
		 * The number of this connection in its client, from 0.
		 * @return the id
		 */
		public int id() {
			return this.id;
		}

		/**
		 * Where it is.
		 * @return the state
		 */
		public State state() {
			return this.state;
		}

		/**
		 * How long the TCP connect and the upgrade took.
		 * @return nanoseconds
		 */
		public long handshakeNanos() {
			return this.openedNanos - this.connectStartNanos;
		}

		/**
		 * Messages received so far.
		 * @return the count
		 */
		public long messagesReceived() {
			return this.messagesReceived;
		}

		/**
		 * Payload bytes of the messages received so far.
		 * @return bytes
		 */
		public long bytesReceived() {
			return this.bytesReceived;
		}

		/**
		 * Pings received so far.
		 * @return the count
		 */
		public long pingsReceived() {
			return this.pingsReceived;
		}

		/**
		 * Why it failed, if it did.
		 * @return the failure, or {@code null}
		 */
		public @Nullable String failure() {
			return this.failure;
		}

		/**
		 * Queue a text frame; it is written at the end of the selector's pass.
		 * @param payload the UTF-8 payload
		 * @param offset where it starts
		 * @param length its length
		 */
		public void sendText(byte[] payload, int offset, int length) {
			WsLoadClient.this.writer.frame(this, 0x1, payload, offset, length);
		}

		/**
		 * Start the closing handshake with a close frame.
		 * @param code the close code
		 */
		public void close(int code) {
			if (this.state == State.OPEN) {
				this.state = State.CLOSING;
				WsLoadClient.this.writer.close(this, code);
			}
		}

		/**
		 * Reset the connection at once, without a closing handshake. Reports nothing.
		 */
		public void abort() {
			WsLoadClient.this.abort(this);
		}

		/**
		 * Stop or resume reading: a connection that does not read lets the server's writes
		 * back up, as a stalled peer does.
		 * @param reading whether to read
		 */
		public void reading(boolean reading) {
			this.reading = reading;
			SelectionKey key = this.key;
			if (key != null && key.isValid()) {
				int ops = key.interestOps();
				key.interestOps(reading ? (ops | SelectionKey.OP_READ) : (ops & ~SelectionKey.OP_READ));
			}
			if (reading && this.leftover != null && this.state != State.CLOSED) {
				// frames read before the stop are still to be parsed
				try {
					WsLoadClient.this.reader.read(this);
				}
				catch (IOException | RuntimeException ex) {
					fail(this, ex.toString());
				}
			}
		}

		@Override
		public String toString() {
			return "Connection[" + this.id + ", " + this.state + "]";
		}

	}

}
