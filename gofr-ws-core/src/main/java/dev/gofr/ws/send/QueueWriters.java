package dev.gofr.ws.send;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few threads, about one per core, that write the outbound queues a broadcast filled. A
 * broadcast only queues its frame on every recipient; each queue that turned non-empty is handed
 * to one of these threads, always the same one for a queue, which writes everything the queue
 * holds by then. Frames that pile up while the threads are busy, as in a burst of broadcasts,
 * leave in one socket write per connection instead of one per frame; a single broadcast costs
 * one wake-up per thread, not per recipient.
 * <p>
 * The threads write inside a {@linkplain WriteCompletions write scope}, so a container that
 * completes their writes on the spot does not hand each completion to another thread.
 */
public final class QueueWriters implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(QueueWriters.class);

	/** Queues one thread drains before it runs the completions deferred meanwhile. */
	private static final int QUEUES_PER_ROUND = 64;

	/**
	 * How many broadcasts the broadcasting threads may run ahead of the writers before they help
	 * write: enough for the frames of a burst to leave several to a write, few enough that a
	 * burst's last broadcast is not held up behind all the others.
	 */
	static final int MAX_LAG = 4;

	private final Writer[] writers;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicLong broadcasts = new AtomicLong();

	private volatile boolean closed;

	/**
	 * Create the writers; their threads start with the first queue handed to them.
	 * @param threads how many threads, at least 1
	 * @param name the prefix of the threads' names
	 */
	public QueueWriters(int threads, String name) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, was " + threads);
		}
		this.writers = new Writer[threads];
		for (int i = 0; i < threads; i++) {
			this.writers[i] = new Writer(name + "-" + (i + 1));
		}
	}

	/**
	 * The writers of a node: one thread per available processor.
	 * @return the writers
	 */
	public static QueueWriters perProcessor() {
		return new QueueWriters(Runtime.getRuntime().availableProcessors(), "gofr-ws-writer");
	}

	/**
	 * The writer slot for a new queue: queues are spread over the threads in turn.
	 * @return the slot
	 */
	int assign() {
		return Math.floorMod(this.next.getAndIncrement(), this.writers.length);
	}

	/**
	 * Have a queue written by its thread.
	 * @param queue the queue
	 * @param slot its slot, from {@link #assign()}
	 * @return {@code false} once these writers are closed: the caller writes it itself
	 */
	boolean schedule(OutboundQueue queue, int slot) {
		if (this.closed) {
			return false;
		}
		this.writers[slot].add(queue);
		return true;
	}

	/**
	 * The broadcasts queued so far.
	 * @return their number
	 */
	long broadcasts() {
		return this.broadcasts.get();
	}

	/**
	 * A broadcast has been queued on all its recipients. When the writers have fallen more than
	 * {@value #MAX_LAG} broadcasts behind, the calling thread helps: it writes the queues that
	 * have waited longest until the writers are back within that lag. It never waits for a peer:
	 * writes that cannot finish at once complete later, as on the writer threads.
	 */
	public void broadcastQueued() {
		long queued = this.broadcasts.incrementAndGet();
		for (Writer writer : this.writers) {
			writer.catchUp(queued);
		}
	}

	/**
	 * Stop the threads. Queues handed over later are written by the thread that fills them;
	 * those already handed over are written first.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (Writer writer : this.writers) {
			writer.stop();
		}
	}

	/** One writer thread and the queues handed to it. */
	private final class Writer implements Runnable {

		private static final int RUNNING = 0;

		private static final int PARKED = 1;

		private final String name;

		private final ConcurrentLinkedQueue<OutboundQueue> ready = new ConcurrentLinkedQueue<>();

		private final AtomicInteger state = new AtomicInteger(RUNNING);

		private volatile Thread thread;

		private volatile boolean stopped;

		Writer(String name) {
			this.name = name;
		}

		void add(OutboundQueue queue) {
			this.ready.offer(queue);
			if (this.stopped) {
				drainAll(); // raced with close(): the thread may be gone
				return;
			}
			Thread current = this.thread;
			if (current == null) {
				start();
			}
			else if (this.state.get() == PARKED && this.state.compareAndSet(PARKED, RUNNING)) {
				LockSupport.unpark(current);
			}
		}

		private synchronized void start() {
			if (this.thread == null && !this.stopped) {
				Thread started = new Thread(this, this.name);
				started.setDaemon(true);
				this.thread = started;
				started.start();
			}
			else if (this.stopped) {
				drainAll(); // closed meanwhile: write here what was handed over
			}
		}

		void stop() {
			Thread current;
			synchronized (this) {
				this.stopped = true;
				current = this.thread;
			}
			if (current != null) {
				LockSupport.unpark(current);
			}
			else {
				drainAll();
			}
		}

		@Override
		public void run() {
			while (!this.stopped) {
				if (!writeRound()) {
					this.state.set(PARKED);
					if (this.ready.isEmpty() && !this.stopped) {
						LockSupport.park(this);
					}
					this.state.set(RUNNING);
				}
			}
			drainAll();
		}

		/** Write up to a round of queues; {@code false} when there was none. */
		private boolean writeRound() {
			OutboundQueue queue = this.ready.poll();
			if (queue == null) {
				return false;
			}
			WriteCompletions.enter();
			try {
				int written = 0;
				do {
					write(queue);
				}
				while (++written < QUEUES_PER_ROUND && (queue = this.ready.poll()) != null);
			}
			finally {
				WriteCompletions.exit();
			}
			return true;
		}

		void catchUp(long queued) {
			OutboundQueue oldest;
			while ((oldest = this.ready.peek()) != null && queued - oldest.scheduledAfter > MAX_LAG) {
				OutboundQueue queue = this.ready.poll();
				if (queue == null) {
					return;
				}
				WriteCompletions.enter();
				try {
					write(queue);
				}
				finally {
					WriteCompletions.exit();
				}
			}
		}

		private void drainAll() {
			OutboundQueue queue;
			while ((queue = this.ready.poll()) != null) {
				write(queue);
			}
		}

		private void write(OutboundQueue queue) {
			try {
				queue.drainScheduled();
			}
			catch (RuntimeException | Error ex) { // one connection's failure must not stop the others
				logger.warn("Writing a connection's queue failed", ex);
			}
		}

	}

}
