package dev.gofr.ws.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.gofr.ws.route.WsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection's handler has still to do, when its handler runs on an executor
 * ({@link HandlerExecution#on}): the messages that arrived and the callbacks (open, error, close)
 * in the order they came, handed to the handler one at a time by one task on the executor, so that
 * the handler sees its connection as it would on the container's thread: {@code onOpen} first,
 * then each message in order, never two at once, {@code onClose} last.
 * <p>
 * Bounded: once {@code capacity} messages wait, the connection's transport stops reading from
 * the peer ({@link ConnectionTransport#pauseReads()}), and reads again once half of them have
 * been handled; a transport that cannot pause has the thread delivering the next message wait for
 * room instead. Callbacks are not counted and never wait. When this side closes the connection,
 * the messages still waiting are dropped, as the container's thread would read and ignore them,
 * and the transport reads again, so that the peer's close reaches it; when the peer closes first,
 * the messages it sent before are still handled.
 * <p>
 * Messages are offered by the transport's reader, one thread at a time; callbacks and the close
 * may come from any thread. Each task hands on at most {@value #BATCH} items before it makes way
 * for the other connections' tasks on the executor.
 */
final class Mailbox implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Mailbox.class);

	/** The most items one task hands on before it submits itself again. */
	static final int BATCH = 64;

	// What the transport's reads are doing, guarded by this.

	private static final int READING = 0;

	/** A pause is decided and the transport is being told. */
	private static final int PAUSING = 1;

	private static final int PAUSED = 2;

	/** A resume was decided while the transport was being told to pause: it resumes right after. */
	private static final int RESUME_AFTER_PAUSE = 3;

	private final Executor executor;

	private final int capacity;

	private final int resumeAt;

	private final ConnectionTransport transport;

	private final boolean pausable;

	private final Consumer<WsMessage> handler;

	// Guarded by this.

	/** Messages ({@link WsMessage}) and callbacks ({@link Runnable}), in the order they came. */
	private final ArrayDeque<Object> items = new ArrayDeque<>();

	private int waiting;

	/** A task is on the executor, or about to be. */
	private boolean scheduled;

	private int reads = READING;

	/** A reader is held until there is room, on a transport that cannot pause. */
	private boolean holding;

	/** This side closed: no message is handled any more. */
	private boolean discarding;

	/** The connection ended: a held reader lets go. */
	private boolean ended;

	/** Whether the peer is not being read because of this mailbox; read by the sweeper. */
	private volatile boolean readsPaused;

	/**
	 * Create the mailbox of one connection.
	 * @param executor where the handler runs
	 * @param capacity the most messages waiting before reads pause; at least 1
	 * @param transport the connection's transport, whose reads pause
	 * @param handler hands one message to the route's interceptors and handler
	 */
	Mailbox(Executor executor, int capacity, ConnectionTransport transport, Consumer<WsMessage> handler) {
		this.executor = executor;
		this.capacity = capacity;
		this.resumeAt = capacity / 2;
		this.transport = transport;
		this.pausable = transport.pausesReads();
		this.handler = handler;
	}

	/**
	 * A whole message arrived: it waits for the handler. On the transport's reader; when
	 * {@code capacity} messages wait, the transport pauses its reads, or, when it cannot, this call
	 * waits until there is room.
	 * @param message the message
	 */
	void offer(WsMessage message) {
		boolean pause = false;
		boolean schedule;
		synchronized (this) {
			if (!this.pausable) {
				holdUntilRoom();
			}
			if (this.discarding) {
				return;
			}
			this.items.add(message);
			this.waiting++;
			if (this.pausable && this.reads == READING && this.waiting >= this.capacity) {
				this.reads = PAUSING;
				this.readsPaused = true;
				pause = true;
			}
			schedule = !this.scheduled;
			this.scheduled = true;
		}
		if (pause) {
			pause();
		}
		if (schedule) {
			schedule();
		}
	}

	/**
	 * A callback of the handler, such as its {@code onOpen} or {@code onClose}: it runs after
	 * everything that came before it. Never waits.
	 * @param callback the callback
	 */
	void post(Runnable callback) {
		boolean schedule;
		synchronized (this) {
			this.items.add(callback);
			schedule = !this.scheduled;
			this.scheduled = true;
		}
		if (schedule) {
			schedule();
		}
	}

	/**
	 * This side is closing the connection: the messages waiting, and any still arriving, are
	 * dropped, and the transport reads again, so that the peer's answer to the close arrives.
	 * Callbacks still run.
	 */
	void discard() {
		boolean resume;
		synchronized (this) {
			if (this.discarding) {
				return;
			}
			this.discarding = true;
			if (this.waiting > 0) {
				this.items.removeIf(WsMessage.class::isInstance);
				this.waiting = 0;
			}
			resume = resumeDecided();
			notifyAll();
		}
		if (resume) {
			resume();
		}
	}

	/**
	 * The connection ended: a reader held until there is room lets go. The messages waiting are
	 * still handled, unless this side had closed.
	 */
	void ended() {
		synchronized (this) {
			this.ended = true;
			notifyAll();
		}
	}

	/**
	 * Whether the peer is not being read because the handler has fallen behind.
	 * @return {@code true} while reads are paused or a reader is held
	 */
	boolean readsPaused() {
		return this.readsPaused;
	}

	/**
	 * How many messages wait for the handler.
	 * @return the count
	 */
	synchronized int waiting() {
		return this.waiting;
	}

	/**
	 * Hand the items on, in order, until none is left or a batch is done.
	 */
	@Override
	public void run() {
		int handed = 0;
		for (;;) {
			Object item;
			boolean skip;
			boolean resume = false;
			synchronized (this) {
				if (handed == BATCH && !this.items.isEmpty()) {
					if (resubmitted()) {
						return;
					}
					handed = 0;
				}
				item = this.items.poll();
				if (item == null) {
					this.scheduled = false;
					return;
				}
				skip = this.discarding;
				if (item instanceof WsMessage) {
					this.waiting--;
					if (this.waiting <= this.resumeAt) {
						resume = resumeDecided();
					}
					if (this.holding) {
						notifyAll();
					}
				}
			}
			if (resume) {
				resume();
			}
			handOn(item, skip);
			handed++;
		}
	}

	private void handOn(Object item, boolean skip) {
		try {
			if (item instanceof WsMessage message) {
				if (!skip) {
					this.handler.accept(message);
				}
			}
			else {
				((Runnable) item).run();
			}
		}
		catch (Throwable ex) {
			// the dispatcher reports the handler's failures; this keeps the mailbox going whatever else fails
			logger.warn("A task of a WebSocket connection's handler failed", ex);
		}
	}

	/**
	 * Submit this task again, so that the other connections' tasks get their turn.
	 * @return {@code false} when the executor refused it, and this task goes on
	 */
	private boolean resubmitted() {
		try {
			this.executor.execute(this);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private void schedule() {
		try {
			this.executor.execute(this);
		}
		catch (RejectedExecutionException ex) {
			// the executor is full or shutting down: the handler runs here rather than not at all
			logger.debug("Handler executor refused a task; running it on the calling thread", ex);
			run();
		}
	}

	/** Hold the reader while the mailbox is full; guarded by this. */
	private void holdUntilRoom() {
		if (this.waiting < this.capacity) {
			return;
		}
		this.holding = true;
		this.readsPaused = true;
		try {
			while (this.waiting >= this.capacity && !this.discarding && !this.ended) {
				wait();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt(); // the message is taken all the same
		}
		finally {
			this.holding = false;
			this.readsPaused = false;
		}
	}

	/**
	 * Decide to resume reads; guarded by this.
	 * @return {@code true} when the caller must tell the transport
	 */
	private boolean resumeDecided() {
		if (this.reads == PAUSED) {
			this.reads = READING;
			this.readsPaused = false;
			return true;
		}
		if (this.reads == PAUSING) {
			this.reads = RESUME_AFTER_PAUSE;
		}
		return false;
	}

	/** Tell the transport to pause; a resume decided meanwhile follows at once. */
	private void pause() {
		try {
			this.transport.pauseReads();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not pause the reads of a WebSocket connection", ex);
		}
		boolean resume;
		synchronized (this) {
			resume = this.reads == RESUME_AFTER_PAUSE;
			this.reads = resume ? READING : PAUSED;
			if (resume) {
				this.readsPaused = false;
			}
		}
		if (resume) {
			resume();
		}
	}

	private void resume() {
		try {
			this.transport.resumeReads();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not resume the reads of a WebSocket connection", ex);
		}
	}

}
