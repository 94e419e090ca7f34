package dev.gofr.ws.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.error.ErrorFrameFormat;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.send.QueueWriters;
import dev.gofr.ws.time.Ticker;
import dev.gofr.ws.transport.FrameWriters;
import org.jspecify.annotations.Nullable;

/**
 * What the routes of one node share: the registry, the rooms, the JSON codec, the error frame format,
 * the connection listeners, the threads that write broadcasts ({@link QueueWriters}), a small
 * pool of threads for the writes that may wait on a socket (close frames, and all writes on
 * containers without asynchronous sends), the {@link Ticker} that the connections' heartbeats
 * and send timeouts, the {@link ConnectionSweeper} and the {@link GracefulShutdown} read, and the
 * {@link ConnectionSecurity} of its connections, if any.
 */
public final class NodeServices implements AutoCloseable {

	private static final int IO_THREADS = 16;

	private final ConnectionRegistry registry;

	private final Rooms rooms;

	private final PayloadCodec codec;

	private final ErrorFrameFormat errorFormat;

	private final ConnectionListener events;

	private final HeartbeatListener heartbeatEvents;

	/** The pool behind {@link #executor()}; {@code null} for a node without threads. */
	private final @Nullable ExecutorService pool;

	private final Executor executor;

	private final @Nullable QueueWriters writers;

	private final boolean inlineCompletions;

	private final Ticker ticker;

	private final Supplier<String> ids;

	private final @Nullable ConnectionSecurity security;

	/**
	 * Create the services of a node.
	 * @param registry the registry of live connections
	 * @param rooms the rooms of this node
	 * @param codec the JSON codec
	 * @param errorFormat the error frame format
	 * @param listeners the connection listeners, in order
	 * @param heartbeatListeners the heartbeat listeners, in order
	 */
	public NodeServices(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec, ErrorFrameFormat errorFormat,
			List<? extends ConnectionListener> listeners, List<? extends HeartbeatListener> heartbeatListeners) {
		this(registry, rooms, codec, errorFormat, listeners, heartbeatListeners, 0, false);
	}

	/**
	 * Create the services of a node, with its fan-out writers set.
	 * @param registry the registry of live connections
	 * @param rooms the rooms of this node
	 * @param codec the JSON codec
	 * @param errorFormat the error frame format
	 * @param listeners the connection listeners, in order
	 * @param heartbeatListeners the heartbeat listeners, in order
	 * @param writerThreads the threads that write broadcasts ({@link QueueWriters}); 0 for one per
	 * available processor
	 * @param inlineCompletions whether the completions of those threads' writes stay on them
	 * where the container would hand them to another thread (Tomcat)
	 */
	public NodeServices(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec, ErrorFrameFormat errorFormat,
			List<? extends ConnectionListener> listeners, List<? extends HeartbeatListener> heartbeatListeners,
			int writerThreads, boolean inlineCompletions) {
		this(registry, rooms, codec, errorFormat, listeners, heartbeatListeners, writerThreads, inlineCompletions,
				Ticker.system());
	}

	/**
	 * Create the services of a node, with its fan-out writers and its time source set.
	 * @param registry the registry of live connections
	 * @param rooms the rooms of this node
	 * @param codec the JSON codec
	 * @param errorFormat the error frame format
	 * @param listeners the connection listeners, in order
	 * @param heartbeatListeners the heartbeat listeners, in order
	 * @param writerThreads the threads that write broadcasts ({@link QueueWriters}); 0 for one per
	 * available processor
	 * @param inlineCompletions whether the completions of those threads' writes stay on them
	 * where the container would hand them to another thread (Tomcat)
	 * @param ticker the time that heartbeats, send timeouts and the shutdown's timeout are measured
	 * on: {@link Ticker#system()}, or a {@link dev.gofr.ws.time.ManualTicker} in tests
	 */
	public NodeServices(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec, ErrorFrameFormat errorFormat,
			List<? extends ConnectionListener> listeners, List<? extends HeartbeatListener> heartbeatListeners,
			int writerThreads, boolean inlineCompletions, Ticker ticker) {
		this(registry, rooms, codec, errorFormat, listeners, heartbeatListeners, writerThreads, inlineCompletions,
				ticker, null);
	}

	/**
	 * Create the services of a node, with its fan-out writers, its time source and the security
	 * of its connections set.
	 * @param registry the registry of live connections
	 * @param rooms the rooms of this node
	 * @param codec the JSON codec
	 * @param errorFormat the error frame format
	 * @param listeners the connection listeners, in order
	 * @param heartbeatListeners the heartbeat listeners, in order
	 * @param writerThreads the threads that write broadcasts ({@link QueueWriters}); 0 for one per
	 * available processor
	 * @param inlineCompletions whether the completions of those threads' writes stay on them
	 * where the container would hand them to another thread (Tomcat)
	 * @param ticker the time that heartbeats, send timeouts and the shutdown's timeout are measured
	 * on: {@link Ticker#system()}, or a {@link dev.gofr.ws.time.ManualTicker} in tests
	 * @param security what the node does about its connections' users after the handshake, such
	 * as {@link dev.gofr.ws.security.SpringConnectionSecurity}; {@code null} for nothing
	 */
	public NodeServices(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec, ErrorFrameFormat errorFormat,
			List<? extends ConnectionListener> listeners, List<? extends HeartbeatListener> heartbeatListeners,
			int writerThreads, boolean inlineCompletions, Ticker ticker, @Nullable ConnectionSecurity security) {
		this(registry, rooms, codec, errorFormat, listeners, heartbeatListeners, writers(writerThreads), ioPool(),
				inlineCompletions, ticker, randomIds(), security);
	}

	private NodeServices(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec, ErrorFrameFormat errorFormat,
			List<? extends ConnectionListener> listeners, List<? extends HeartbeatListener> heartbeatListeners,
			@Nullable QueueWriters writers, @Nullable ExecutorService pool, boolean inlineCompletions, Ticker ticker,
			Supplier<String> ids, @Nullable ConnectionSecurity security) {
		this.registry = registry;
		this.rooms = rooms;
		this.codec = codec;
		this.errorFormat = errorFormat;
		this.events = ConnectionListener.composite(listeners);
		this.heartbeatEvents = HeartbeatListener.composite(heartbeatListeners);
		this.writers = writers;
		this.pool = pool;
		this.executor = (pool != null) ? (task) -> execute(pool, task) : Runnable::run;
		this.inlineCompletions = inlineCompletions;
		this.ticker = ticker;
		this.ids = ids;
		this.security = security;
	}

	/**
	 * The services of a node without threads of its own, for connections over transports that
	 * complete their writes at once, such as gofr-ws-test's in-memory ones: broadcasts are written
	 * and close frames sent on the calling thread, so that all a message causes is done when the
	 * call that delivered it returns.
	 * @param registry the registry of live connections
	 * @param rooms the rooms of this node
	 * @param codec the JSON codec
	 * @param errorFormat the error frame format
	 * @param listeners the connection listeners, in order
	 * @param heartbeatListeners the heartbeat listeners, in order
	 * @param ticker the time that heartbeats and send timeouts are measured on
	 * @param ids the ids of new connections, one per call; each must be unique in the registry
	 * @return the services
	 */
	public static NodeServices withoutThreads(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec,
			ErrorFrameFormat errorFormat, List<? extends ConnectionListener> listeners,
			List<? extends HeartbeatListener> heartbeatListeners, Ticker ticker, Supplier<String> ids) {
		return withoutThreads(registry, rooms, codec, errorFormat, listeners, heartbeatListeners, ticker, ids, null);
	}

	/**
	 * The services of a node without threads of its own, as
	 * {@link #withoutThreads(ConnectionRegistry, Rooms, PayloadCodec, ErrorFrameFormat, List, List, Ticker, Supplier)},
	 * with the security of its connections set.
	 * @param registry the registry of live connections
	 * @param rooms the rooms of this node
	 * @param codec the JSON codec
	 * @param errorFormat the error frame format
	 * @param listeners the connection listeners, in order
	 * @param heartbeatListeners the heartbeat listeners, in order
	 * @param ticker the time that heartbeats and send timeouts are measured on
	 * @param ids the ids of new connections, one per call; each must be unique in the registry
	 * @param security what the node does about its connections' users; {@code null} for nothing
	 * @return the services
	 */
	public static NodeServices withoutThreads(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec,
			ErrorFrameFormat errorFormat, List<? extends ConnectionListener> listeners,
			List<? extends HeartbeatListener> heartbeatListeners, Ticker ticker, Supplier<String> ids,
			@Nullable ConnectionSecurity security) {
		return new NodeServices(registry, rooms, codec, errorFormat, listeners, heartbeatListeners, null, null, false,
				ticker, ids, security);
	}

	private static QueueWriters writers(int threads) {
		if (threads < 0) {
			throw new IllegalArgumentException("writerThreads must not be negative, was " + threads);
		}
		return (threads == 0) ? QueueWriters.perProcessor() : new QueueWriters(threads, "gofr-ws-writer");
	}

	private static ExecutorService ioPool() {
		AtomicInteger threads = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "gofr-ws-io-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/** Ids of 16 URL-safe characters from 96 random bits. */
	private static Supplier<String> randomIds() {
		SecureRandom random = new SecureRandom();
		return () -> {
			byte[] bytes = new byte[12];
			random.nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		};
	}

	/**
	 * The registry of live connections.
	 * @return the registry
	 */
	public ConnectionRegistry registry() {
		return this.registry;
	}

	/**
	 * The rooms of this node.
	 * @return the rooms
	 */
	public Rooms rooms() {
		return this.rooms;
	}

	/**
	 * The JSON codec.
	 * @return the codec
	 */
	public PayloadCodec codec() {
		return this.codec;
	}

	/**
	 * The error frame format.
	 * @return the format
	 */
	public ErrorFrameFormat errorFormat() {
		return this.errorFormat;
	}

	/**
	 * The time this node's connections, sweeper and shutdown read.
	 * @return the ticker
	 */
	public Ticker ticker() {
		return this.ticker;
	}

	/**
	 * What the node does about its connections' users after the handshake.
	 * @return the security, or {@code null} when the node has none
	 */
	public @Nullable ConnectionSecurity security() {
		return this.security;
	}

	ConnectionListener events() {
		return this.events;
	}

	/**
	 * Report a refused handshake to the connection listeners.
	 * @param route the route's name
	 * @param reason why it was refused
	 */
	public void handshakeRejected(String route, String reason) {
		this.events.rejected(route, reason);
	}

	HeartbeatListener heartbeatEvents() {
		return this.heartbeatEvents;
	}

	/**
	 * A new connection id: 16 URL-safe characters from 96 random bits, unless this node was given
	 * ids of its own.
	 */
	String newId() {
		return this.ids.get();
	}

	/**
	 * Runs the writes that may wait on a socket: on the node's pool, or at once on a node without
	 * threads.
	 */
	Executor executor() {
		return this.executor;
	}

	/**
	 * The threads that write broadcasts.
	 * @return the writers, or {@code null} on a node without threads, where the broadcasting
	 * thread writes them
	 */
	@Nullable QueueWriters writers() {
		return this.writers;
	}

	boolean inlineCompletions() {
		return this.inlineCompletions;
	}

	private static void execute(ExecutorService pool, Runnable task) {
		try {
			pool.execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run(); // closing down: do it here rather than not at all
		}
	}

	@Override
	public void close() {
		if (this.writers != null) {
			this.writers.close();
		}
		if (this.pool != null) {
			this.pool.shutdown();
		}
		FrameWriters.release();
	}

}
