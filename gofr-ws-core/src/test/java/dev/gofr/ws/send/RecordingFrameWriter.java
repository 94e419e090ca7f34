package dev.gofr.ws.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link FrameWriter} that records frames and completes writes when the test says so, at
 * once on the writing thread, or on another thread.
 */
final class RecordingFrameWriter implements FrameWriter {

	private final List<OutboundFrame> written = Collections.synchronizedList(new ArrayList<>());

	private final Deque<Callback> pending = new ConcurrentLinkedDeque<>();

	private final AtomicInteger writing = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final List<Integer> stackDepths = Collections.synchronizedList(new ArrayList<>());

	private volatile boolean synchronous;

	private volatile @Nullable Throwable synchronousFailure;

	private volatile @Nullable ExecutorService completer;

	private volatile boolean sometimesSynchronous;

	private volatile int stackDepthEvery;

	@Override
	public void write(OutboundFrame frame, Callback callback) {
		this.mostAtOnce.accumulateAndGet(this.writing.incrementAndGet(), Math::max);
		int count;
		synchronized (this.written) {
			this.written.add(frame);
			count = this.written.size();
		}
		int every = this.stackDepthEvery;
		if (every > 0 && count % every == 0) {
			this.stackDepths.add(Thread.currentThread().getStackTrace().length);
		}
		Callback done = (failure) -> {
			this.writing.decrementAndGet();
			callback.written(failure);
		};
		ExecutorService completer = this.completer;
		if (this.synchronous || (this.sometimesSynchronous && ThreadLocalRandom.current().nextBoolean())) {
			done.written(this.synchronousFailure);
		}
		else if (completer != null) {
			completer.execute(() -> done.written(null));
		}
		else {
			this.pending.add(done);
		}
	}

	@Override
	public void close(int code, String reason, Duration timeout) {
		throw new UnsupportedOperationException("An OutboundQueue never closes the writer");
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	/** Complete each later write before {@code write} returns. */
	void completeSynchronously() {
		this.synchronous = true;
	}

	/** Fail each later write before {@code write} returns. */
	void failSynchronously(Throwable failure) {
		this.synchronousFailure = failure;
		this.synchronous = true;
	}

	/** Complete each later write on the given executor. */
	void completeOn(ExecutorService executor) {
		this.completer = executor;
	}

	/** Complete each later write either at once or on the given executor, at random. */
	void completeOnEither(ExecutorService executor) {
		this.completer = executor;
		this.sometimesSynchronous = true;
	}

	void recordStackDepthEvery(int writes) {
		this.stackDepthEvery = writes;
	}

	/** Complete the oldest pending write. */
	void completeNext() {
		nextPending().written(null);
	}

	/** Fail the oldest pending write. */
	void failNext(Throwable failure) {
		nextPending().written(failure);
	}

	private Callback nextPending() {
		Callback callback = this.pending.poll();
		assertThat(callback).as("a pending write").isNotNull();
		return callback;
	}

	int pendingCount() {
		return this.pending.size();
	}

	List<OutboundFrame> written() {
		return List.copyOf(this.written);
	}

	int mostWritesAtOnce() {
		return this.mostAtOnce.get();
	}

	List<Integer> stackDepths() {
		return List.copyOf(this.stackDepths);
	}

}
