package dev.gofr.ws.send;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The bounded outbound queue of one connection. Any thread may {@link #offer} a frame; none of
 * them waits for the peer. One frame at a time is handed to the {@link FrameWriter}; when its
 * write completes, the next one goes, on whichever thread completed it. The queue holds at most
 * {@link SendSettings#bufferLimit()} bytes; past that, {@link SendSettings#overflow()} decides.
 * <p>
 * No lock: a work-in-progress counter makes exactly one thread the drainer at a time, and a
 * write that completes on the drainer's own thread continues the loop instead of recursing.
 */
public final class OutboundQueue implements FrameWriter.Callback {

	private static final VarHandle QUEUED_BYTES;

	private static final VarHandle WIP;

	private static final VarHandle IN_FLIGHT;

	private static final VarHandle SCHEDULED;

	/**
	 * Stands in for the frame being written while its completion reports it: no other write
	 * starts and {@link #discard()} leaves it to the completion, so each frame is reported once.
	 */
	private static final OutboundFrame COMPLETING = OutboundFrame.ping(new byte[0]);

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			QUEUED_BYTES = lookup.findVarHandle(OutboundQueue.class, "queuedBytes", long.class);
			WIP = lookup.findVarHandle(OutboundQueue.class, "wip", int.class);
			IN_FLIGHT = lookup.findVarHandle(OutboundQueue.class, "inFlight", OutboundFrame.class);
			SCHEDULED = lookup.findVarHandle(OutboundQueue.class, "scheduled", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final FrameWriter writer;

	private final SendSettings settings;

	private final Listener listener;

	private final @Nullable QueueWriters writers;

	private final int writerSlot;

	private final Ticker ticker;

	private final ConcurrentLinkedQueue<OutboundFrame> frames = new ConcurrentLinkedQueue<>();

	/** The number of broadcasts queued before this queue was last handed to its writer thread. */
	long scheduledAfter;

	/** 1 while this queue waits for its writer thread. */
	@SuppressWarnings("unused") // through SCHEDULED
	private volatile int scheduled;

	@SuppressWarnings("unused") // through QUEUED_BYTES
	private volatile long queuedBytes;

	@SuppressWarnings("unused") // through WIP
	private volatile int wip;

	/** No more offers: a close is queued or the queue was discarded. */
	private volatile boolean finished;

	/**
	 * The close frame, once requested: kept apart from the frames so that dropping the oldest
	 * never drops it; written when every frame queued before it is.
	 */
	private volatile @Nullable OutboundFrame pendingClose;

	/** No more writes. */
	private volatile boolean terminated;

	@SuppressWarnings("unused") // through IN_FLIGHT
	private volatile @Nullable OutboundFrame inFlight;

	private volatile long inFlightSince;

	/**
	 * Create a queue.
	 * @param writer where frames go
	 * @param settings the buffer limit, timeout and overflow policy
	 * @param listener told what becomes of frames
	 */
	public OutboundQueue(FrameWriter writer, SendSettings settings, Listener listener) {
		this(writer, settings, listener, null);
	}

	/**
	 * Create a queue that {@link #offerToWriter} can hand to a writer thread.
	 * @param writer where frames go
	 * @param settings the buffer limit, timeout and overflow policy
	 * @param listener told what becomes of frames
	 * @param writers the writer threads, or {@code null} to write on the offering thread only
	 */
	public OutboundQueue(FrameWriter writer, SendSettings settings, Listener listener, @Nullable QueueWriters writers) {
		this(writer, settings, listener, writers, Ticker.system());
	}

	/**
	 * Create a queue that {@link #offerToWriter} can hand to a writer thread, and that times its
	 * writes on the given ticker.
	 * @param writer where frames go
	 * @param settings the buffer limit, timeout and overflow policy
	 * @param listener told what becomes of frames
	 * @param writers the writer threads, or {@code null} to write on the offering thread only
	 * @param ticker the time {@link #inFlightSince()} is read on
	 */
	public OutboundQueue(FrameWriter writer, SendSettings settings, Listener listener, @Nullable QueueWriters writers,
			Ticker ticker) {
		this.ticker = ticker;
		this.writer = writer;
		this.settings = settings;
		this.listener = listener;
		this.writers = writers;
		this.writerSlot = (writers != null) ? writers.assign() : 0;
	}

	/**
	 * Queue a data, ping or pong frame behind those already queued.
	 * @param frame the frame
	 * @return {@code QUEUED}; {@code DROPPED} when the buffer is full and the policy drops the
	 * new frame; {@code CLOSED} when the queue no longer takes frames or overflowed with the
	 * {@code CLOSE} policy
	 */
	public SendResult offer(OutboundFrame frame) {
		SendResult result = add(frame);
		if (result == SendResult.QUEUED) {
			drain();
		}
		return result;
	}

	/**
	 * Queue a data, ping or pong frame, to be written by this queue's writer thread rather than
	 * by the caller: what a broadcast does, so that frames piling up leave together. Without
	 * writer threads, the same as {@link #offer}.
	 * @param frame the frame
	 * @return as for {@link #offer}
	 */
	public SendResult offerToWriter(OutboundFrame frame) {
		SendResult result = add(frame);
		if (result == SendResult.QUEUED) {
			QueueWriters writers = this.writers;
			if (writers == null) {
				drain();
			}
			else if ((int) SCHEDULED.getVolatile(this) == 0 && SCHEDULED.compareAndSet(this, 0, 1)) {
				this.scheduledAfter = writers.broadcasts();
				if (!writers.schedule(this, this.writerSlot)) {
					this.scheduled = 0;
					drain();
				}
			}
		}
		return result;
	}

	/**
	 * The writer threads of this queue.
	 * @return the writers, or {@code null} when the offering thread writes
	 */
	public @Nullable QueueWriters writers() {
		return this.writers;
	}

	/**
	 * Write what is queued, on a writer thread that this queue was handed to.
	 */
	void drainScheduled() {
		this.scheduled = 0; // before the frames are read: a frame offered from now on schedules again
		drain();
	}

	private SendResult add(OutboundFrame frame) {
		if (frame.kind() == OutboundFrame.Kind.CLOSE) {
			throw new IllegalArgumentException("Use offerClose for close frames");
		}
		if (this.finished) {
			return SendResult.CLOSED;
		}
		int size = frame.size();
		long total = (long) QUEUED_BYTES.getAndAdd(this, (long) size) + size;
		if (total > this.settings.bufferLimit() && total != size) {
			SendResult overflow = overflow(frame, size);
			if (overflow != SendResult.QUEUED) {
				return overflow;
			}
		}
		this.frames.offer(frame);
		if (this.terminated) {
			discardQueued(); // raced with discard(): nothing will write it
			return SendResult.CLOSED;
		}
		return SendResult.QUEUED;
	}

	private SendResult overflow(OutboundFrame frame, int size) {
		switch (this.settings.overflow()) {
			case DROP_OLDEST -> {
				while ((long) QUEUED_BYTES.getVolatile(this) > this.settings.bufferLimit()) {
					OutboundFrame oldest = this.frames.poll();
					if (oldest == null) {
						break; // only the frame being written is left
					}
					QUEUED_BYTES.getAndAdd(this, (long) -oldest.size());
					this.listener.dropped(oldest, DropReason.OVERFLOW);
				}
				return SendResult.QUEUED;
			}
			case DROP_NEWEST -> {
				QUEUED_BYTES.getAndAdd(this, (long) -size);
				this.listener.dropped(frame, DropReason.OVERFLOW);
				return SendResult.DROPPED;
			}
			default -> {
				QUEUED_BYTES.getAndAdd(this, (long) -size);
				this.listener.dropped(frame, DropReason.OVERFLOW);
				this.listener.overflowed();
				return SendResult.CLOSED;
			}
		}
	}

	/**
	 * Queue the close frame: frames already queued are written first, then the listener is told
	 * to close; later offers are refused.
	 * @param close the close frame
	 * @return {@code true} if this call queued it, {@code false} if a close was already queued or
	 * the queue was discarded
	 */
	public boolean offerClose(OutboundFrame close) {
		if (close.kind() != OutboundFrame.Kind.CLOSE) {
			throw new IllegalArgumentException("Not a close frame: " + close);
		}
		synchronized (this.frames) { // only between concurrent closes; sends never take it
			if (this.finished) {
				return false;
			}
			this.pendingClose = close;
			this.finished = true;
		}
		drain();
		return true;
	}

	/**
	 * Stop writing and drop everything queued, for a connection that is cut off. Frames dropped
	 * are reported with {@link DropReason#CLOSED}; the frame being written, if any, is reported
	 * when its write completes.
	 */
	public void discard() {
		this.finished = true;
		this.terminated = true;
		discardQueued();
	}

	/**
	 * Discard, and report the frame being written as dropped too, for a connection that is gone:
	 * a container may never complete a write it queued behind its own close. A completion that
	 * still comes later is ignored.
	 */
	public void abandon() {
		this.finished = true;
		this.terminated = true;
		OutboundFrame frame = this.inFlight;
		if (frame != null && frame != COMPLETING && IN_FLIGHT.compareAndSet(this, frame, null)) {
			this.inFlightSince = 0;
			QUEUED_BYTES.getAndAdd(this, (long) -frame.size());
			this.listener.dropped(frame, DropReason.CLOSED);
		}
		discardQueued();
	}

	private void discardQueued() {
		OutboundFrame frame;
		while ((frame = this.frames.poll()) != null) {
			QUEUED_BYTES.getAndAdd(this, (long) -frame.size());
			this.listener.dropped(frame, DropReason.CLOSED);
		}
	}

	private void drain() {
		if ((int) WIP.getAndAdd(this, 1) != 0) {
			return;
		}
		int missed = 1;
		for (;;) {
			while (this.inFlight == null && !this.terminated) {
				OutboundFrame frame = this.frames.poll();
				if (frame == null) {
					OutboundFrame close = this.pendingClose;
					if (close != null && this.frames.isEmpty()) {
						this.terminated = true;
						// a sender that offered after the check above and still read 'terminated' as
						// false left its frame behind: either it sees 'terminated' now, or this finds it
						discardQueued();
						this.listener.closeReached(close);
					}
					break;
				}
				this.inFlight = frame;
				this.inFlightSince = this.ticker.nanos() | 1; // never 0, which means idle
				this.writer.write(frame, this, !this.frames.isEmpty());
			}
			missed = (int) WIP.getAndAdd(this, -missed) - missed;
			if (missed == 0) {
				return;
			}
		}
	}

	@Override
	public void written(@Nullable Throwable failure) {
		OutboundFrame frame = this.inFlight;
		if (frame == null || frame == COMPLETING) {
			return; // a writer that reported twice, or a write discarded meanwhile
		}
		if (failure != null) {
			// stop before the frame is let go, so that no sender starts another write meanwhile
			this.finished = true;
			this.terminated = true;
			if (!IN_FLIGHT.compareAndSet(this, frame, null)) {
				return; // discarded meanwhile, and reported then
			}
			this.inFlightSince = 0;
			QUEUED_BYTES.getAndAdd(this, (long) -frame.size());
			this.listener.dropped(frame, DropReason.WRITE_FAILED);
			discardQueued();
			this.listener.writeFailed(failure);
			return;
		}
		if (!IN_FLIGHT.compareAndSet(this, frame, COMPLETING)) {
			return; // discarded meanwhile, and reported then
		}
		this.inFlightSince = 0;
		QUEUED_BYTES.getAndAdd(this, (long) -frame.size());
		this.listener.sent(frame); // before the next write can start, so sent() calls never overlap
		this.inFlight = null;
		drain();
	}

	/**
	 * When the write in progress started.
	 * @return its time on the queue's {@link Ticker}, in nanoseconds, or 0 when nothing is being
	 * written
	 */
	public long inFlightSince() {
		return this.inFlightSince;
	}

	/**
	 * The bytes queued, counting the frame being written.
	 * @return bytes (characters for text)
	 */
	public long queuedBytes() {
		return (long) QUEUED_BYTES.getVolatile(this);
	}

	/**
	 * Whether a close is queued or the queue was discarded.
	 * @return {@code true} once no more frames are taken
	 */
	public boolean isFinished() {
		return this.finished;
	}

	/**
	 * The settings of this queue.
	 * @return the settings
	 */
	public SendSettings settings() {
		return this.settings;
	}

	/**
	 * Told what becomes of the frames of one queue. Called on the thread that caused it; must
	 * not block.
	 */
	public interface Listener {

		/**
		 * A frame was written to the socket.
		 * @param frame the frame
		 */
		void sent(OutboundFrame frame);

		/**
		 * A frame will not be written.
		 * @param frame the frame
		 * @param reason why
		 */
		void dropped(OutboundFrame frame, DropReason reason);

		/**
		 * The buffer overflowed and the policy is {@link OverflowPolicy#CLOSE}: the owner should
		 * cut the connection off.
		 */
		void overflowed();

		/**
		 * A write failed; the queue has stopped.
		 * @param failure the cause
		 */
		void writeFailed(Throwable failure);

		/**
		 * Every frame queued before the close frame is written: the owner should now close the
		 * connection with it.
		 * @param close the close frame
		 */
		void closeReached(OutboundFrame close);

	}

}
