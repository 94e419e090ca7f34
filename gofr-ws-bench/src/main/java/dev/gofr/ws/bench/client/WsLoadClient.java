package dev.gofr.ws.bench.client;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
 * one pass of the loop are written together at its end, one write per connection.
 */
public final class WsLoadClient implements Closeable {

	/** The largest frame read, in bytes; the benchmark's are far smaller. */
	static final int MAX_FRAME = 256 * 1024;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Selector selector;

	private final Thread thread;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final ByteBuffer readBuffer = ByteBuffer.allocate(MAX_FRAME + 64 * 1024);

	private final List<Connection> dirty = new ArrayList<>();

	private volatile boolean running = true;

	private long random = System.nanoTime() | 1;

	private int nextId;

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

	private void open(InetSocketAddress address, String path, @Nullable String origin, int receiveBuffer,
			Listener listener) {
		Connection connection = new Connection(this.nextId++, listener);
		try {
			SocketChannel channel = SocketChannel.open();
			connection.channel = channel;
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (receiveBuffer > 0) {
				channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
			}
			connection.request = request(address, path, origin);
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

	private byte[] request(InetSocketAddress address, String path, @Nullable String origin) {
		byte[] key = new byte[16];
		for (int i = 0; i < key.length; i++) {
			key[i] = (byte) nextRandom();
		}
		StringBuilder request = new StringBuilder(256);
		request.append("GET ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n");
		request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		request.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n");
		request.append("Sec-WebSocket-Version: 13\r\n");
		if (origin != null) {
			request.append("Origin: ").append(origin).append("\r\n");
		}
		request.append("\r\n");
		return request.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private void connected(Connection connection) {
		connection.state = State.HANDSHAKING;
		byte[] request = connection.request;
		connection.request = null;
		if (request != null) {
			connection.append(request, 0, request.length);
			flush(connection);
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
							flush(connection);
						}
						if (key.isValid() && key.isReadable()) {
							read(connection);
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
				flushDirty();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void flushDirty() {
		for (int i = 0; i < this.dirty.size(); i++) {
			Connection connection = this.dirty.get(i);
			connection.dirty = false;
			if (connection.state != State.CLOSED) {
				flush(connection);
			}
		}
		this.dirty.clear();
	}

	private void flush(Connection connection) {
		ByteBuffer out = connection.out;
		if (out == null || out.position() == 0 || connection.state == State.CLOSED) {
			return;
		}
		try {
			out.flip();
			connection.channel.write(out);
			out.compact();
			SelectionKey key = connection.key;
			if (key != null && key.isValid()) {
				int ops = key.interestOps();
				int wanted = (out.position() > 0) ? (ops | SelectionKey.OP_WRITE) : (ops & ~SelectionKey.OP_WRITE);
				if (wanted != ops) {
					key.interestOps(wanted);
				}
			}
			if (out.position() == 0 && out.capacity() > 16 * 1024) {
				connection.out = null; // an idle connection keeps no write buffer
			}
		}
		catch (IOException | RuntimeException ex) {
			fail(connection, ex.toString());
		}
	}

	private void read(Connection connection) throws IOException {
		ByteBuffer buffer = this.readBuffer;
		for (;;) {
			buffer.clear();
			byte[] leftover = connection.leftover;
			if (leftover != null) {
				buffer.put(leftover);
				connection.leftover = null;
			}
			int read = connection.channel.read(buffer);
			if (read < 0) {
				ended(connection, CloseCodes.EOF);
				return;
			}
			buffer.flip();
			long now = System.nanoTime();
			if (connection.state == State.HANDSHAKING && !handshake(connection, buffer, now)) {
				keepLeftover(connection, buffer);
				return;
			}
			parse(connection, buffer, now);
			if (connection.state == State.CLOSED) {
				return;
			}
			keepLeftover(connection, buffer);
			if (read == 0 || buffer.limit() < buffer.capacity() || !connection.reading) {
				return;
			}
		}
	}

	private static void keepLeftover(Connection connection, ByteBuffer buffer) {
		if (buffer.hasRemaining()) {
			byte[] rest = new byte[buffer.remaining()];
			buffer.get(rest);
			connection.leftover = rest;
		}
	}

	/**
	 * Read the upgrade response.
	 * @return {@code true} once it is complete and the connection is open
	 */
	private boolean handshake(Connection connection, ByteBuffer buffer, long now) {
		int start = buffer.position();
		int end = -1;
		for (int i = start; i + 3 < buffer.limit(); i++) {
			if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r'
					&& buffer.get(i + 3) == '\n') {
				end = i + 4;
				break;
			}
		}
		if (end < 0) {
			if (buffer.remaining() > 16 * 1024) {
				fail(connection, "Upgrade response too long");
			}
			return false;
		}
		byte[] head = new byte[end - start];
		buffer.get(head);
		String status = new String(head, 0, Math.min(head.length, 64), StandardCharsets.US_ASCII);
		if (!status.startsWith("HTTP/1.1 101")) {
			int eol = status.indexOf('\r');
			fail(connection, "Upgrade refused: " + ((eol > 0) ? status.substring(0, eol) : status));
			return false;
		}
		connection.state = State.OPEN;
		connection.openedNanos = now;
		connection.listener.opened(connection);
		return connection.state != State.CLOSED;
	}

	private void parse(Connection connection, ByteBuffer buffer, long now) {
		while (connection.state != State.CLOSED && connection.reading && buffer.remaining() >= 2) {
			int at = buffer.position();
			int b0 = buffer.get(at) & 0xFF;
			int b1 = buffer.get(at + 1) & 0xFF;
			boolean fin = (b0 & 0x80) != 0;
			int opcode = b0 & 0x0F;
			boolean masked = (b1 & 0x80) != 0;
			long length = b1 & 0x7F;
			int header = 2;
			if (length == 126) {
				if (buffer.remaining() < 4) {
					return;
				}
				length = buffer.getShort(at + 2) & 0xFFFF;
				header = 4;
			}
			else if (length == 127) {
				if (buffer.remaining() < 10) {
					return;
				}
				length = buffer.getLong(at + 2);
				header = 10;
			}
			int maskAt = at + header;
			if (masked) {
				header += 4;
			}
			if (length > MAX_FRAME) {
				fail(connection, "Frame of " + length + " bytes");
				return;
			}
			if (buffer.remaining() < header + length) {
				return;
			}
			int payloadAt = at + header;
			int payloadEnd = payloadAt + (int) length;
			if (masked) {
				for (int i = payloadAt; i < payloadEnd; i++) {
					buffer.put(i, (byte) (buffer.get(i) ^ buffer.get(maskAt + ((i - payloadAt) & 3))));
				}
			}
			int limit = buffer.limit();
			buffer.position(payloadAt).limit(payloadEnd);
			frame(connection, opcode, fin, buffer, now);
			buffer.limit(limit).position(payloadEnd);
		}
	}

	private void frame(Connection connection, int opcode, boolean fin, ByteBuffer payload, long now) {
		switch (opcode) {
			case 0x0 -> continuation(connection, fin, payload, now);
			case 0x1, 0x2 -> {
				if (fin) {
					connection.messagesReceived++;
					connection.bytesReceived += payload.remaining();
					connection.listener.message(connection, opcode == 0x1, payload, now);
				}
				else {
					connection.fragments = ByteBuffer.allocate(Math.max(1024, payload.remaining() * 2));
					connection.fragmentsText = opcode == 0x1;
					connection.fragments.put(payload);
				}
			}
			case 0x8 -> {
				int code = (payload.remaining() >= 2) ? (payload.getShort(payload.position()) & 0xFFFF)
						: CloseCodes.NO_STATUS;
				if (!connection.closeSent) {
					sendClose(connection, code);
					flush(connection);
				}
				ended(connection, code);
			}
			case 0x9 -> {
				connection.pingsReceived++;
				byte[] data = new byte[payload.remaining()];
				payload.get(data);
				connection.sendFrame(0xA, data, 0, data.length);
				connection.listener.pinged(connection, now);
			}
			case 0xA -> connection.listener.ponged(connection, now);
			default -> fail(connection, "Unknown opcode " + opcode);
		}
	}

	private void continuation(Connection connection, boolean fin, ByteBuffer payload, long now) {
		ByteBuffer fragments = connection.fragments;
		if (fragments == null) {
			fail(connection, "Continuation without a first frame");
			return;
		}
		if (fragments.remaining() < payload.remaining()) {
			if (fragments.position() + payload.remaining() > MAX_FRAME) {
				fail(connection, "Fragmented message too long");
				return;
			}
			ByteBuffer bigger = ByteBuffer.allocate(Math.max(fragments.capacity() * 2, fragments.position()
					+ payload.remaining()));
			fragments.flip();
			bigger.put(fragments);
			fragments = bigger;
			connection.fragments = bigger;
		}
		fragments.put(payload);
		if (fin) {
			fragments.flip();
			connection.fragments = null;
			connection.messagesReceived++;
			connection.bytesReceived += fragments.remaining();
			connection.listener.message(connection, connection.fragmentsText, fragments, now);
		}
	}

	private void sendClose(Connection connection, int code) {
		connection.closeSent = true;
		byte[] payload = { (byte) (code >> 8), (byte) code };
		connection.sendFrame(0x8, payload, 0, (code == CloseCodes.NO_STATUS) ? 0 : 2);
	}

	private void ended(Connection connection, int code) {
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

	private void fail(Connection connection, String reason) {
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
	private void abort(Connection connection) {
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

	private long nextRandom() {
		long x = this.random;
		x ^= x << 13;
		x ^= x >>> 7;
		x ^= x << 17;
		this.random = x;
		return x;
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

		private final int id;

		private final Listener listener;

		private SocketChannel channel;

		private @Nullable SelectionKey key;

		private State state = State.CONNECTING;

		private byte @Nullable [] request;

		private @Nullable ByteBuffer out;

		private byte @Nullable [] leftover;

		private @Nullable ByteBuffer fragments;

		private boolean fragmentsText;

		private boolean dirty;

		private boolean reading = true;

		private boolean closeSent;

		private long connectStartNanos;

		private long openedNanos;

		private long messagesReceived;

		private long bytesReceived;

		private long pingsReceived;

		private @Nullable String failure;

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
			sendFrame(0x1, payload, offset, length);
		}

		/**
		 * Start the closing handshake with a close frame.
		 * @param code the close code
		 */
		public void close(int code) {
			if (this.state == State.OPEN) {
				this.state = State.CLOSING;
				sendClose(this, code);
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
					WsLoadClient.this.read(this);
				}
				catch (IOException | RuntimeException ex) {
					fail(this, ex.toString());
				}
			}
		}

		void sendFrame(int opcode, byte[] payload, int offset, int length) {
			if (this.state == State.CLOSED) {
				return;
			}
			int header = (length < 126) ? 6 : (length < 65536) ? 8 : 14;
			ByteBuffer buffer = room(header + length);
			buffer.put((byte) (0x80 | opcode));
			if (length < 126) {
				buffer.put((byte) (0x80 | length));
			}
			else if (length < 65536) {
				buffer.put((byte) (0x80 | 126));
				buffer.putShort((short) length);
			}
			else {
				buffer.put((byte) (0x80 | 127));
				buffer.putLong(length);
			}
			int mask = (int) nextRandom();
			buffer.putInt(mask);
			byte m0 = (byte) (mask >>> 24);
			byte m1 = (byte) (mask >>> 16);
			byte m2 = (byte) (mask >>> 8);
			byte m3 = (byte) mask;
			for (int i = 0; i < length; i++) {
				byte m = switch (i & 3) {
					case 0 -> m0;
					case 1 -> m1;
					case 2 -> m2;
					default -> m3;
				};
				buffer.put((byte) (payload[offset + i] ^ m));
			}
			if (!this.dirty) {
				this.dirty = true;
				WsLoadClient.this.dirty.add(this);
			}
		}

		void append(byte[] bytes, int offset, int length) {
			room(length).put(bytes, offset, length);
		}

		private ByteBuffer room(int needed) {
			ByteBuffer buffer = this.out;
			if (buffer == null) {
				buffer = ByteBuffer.allocate(Math.max(4096, needed));
				this.out = buffer;
			}
			else if (buffer.remaining() < needed) {
				ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + needed));
				buffer.flip();
				bigger.put(buffer);
				buffer = bigger;
				this.out = bigger;
			}
			return buffer;
		}

		@Override
		public String toString() {
			return "Connection[" + this.id + ", " + this.state + "]";
		}

	}

}
