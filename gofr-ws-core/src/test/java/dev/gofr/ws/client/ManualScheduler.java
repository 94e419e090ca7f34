package dev.gofr.ws.client;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.time.ManualTicker;

/**
 * A scheduler on a {@link ManualTicker}: nothing runs until the test moves time, and then each
 * task that falls due runs on the test's thread, at its time, in order. Given to a client with
 * the same ticker, it makes backoff and heartbeat a matter of moving time instead of waiting for
 * it. Tasks may be scheduled from any thread.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final ManualTicker ticker;

	private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();

	private long sequence;

	private volatile boolean shutdown;

	ManualScheduler(ManualTicker ticker) {
		this.ticker = ticker;
	}

	ManualTicker ticker() {
		return this.ticker;
	}

	/**
	 * Move time forward, running every task that falls due on the way at its time, including
	 * those that the tasks schedule.
	 * @param duration how far
	 */
	void advance(Duration duration) {
		long target = this.ticker.nanos() + duration.toNanos();
		while (true) {
			Task<?> next;
			synchronized (this) {
				next = this.tasks.peek();
				if (next == null || next.due - target > 0) {
					break;
				}
				this.tasks.poll();
			}
			moveTo(next.due);
			next.run();
		}
		moveTo(target);
	}

	/**
	 * Move time to the next task and run the tasks due then.
	 * @return how far time moved
	 * @throws IllegalStateException when nothing is scheduled
	 */
	Duration runNext() {
		long due;
		synchronized (this) {
			Task<?> next = this.tasks.peek();
			if (next == null) {
				throw new IllegalStateException("Nothing is scheduled");
			}
			due = next.due;
		}
		Duration wait = Duration.ofNanos(Math.max(0, due - this.ticker.nanos()));
		advance(wait);
		return wait;
	}

	/**
	 * The tasks waiting to run, not counting those cancelled.
	 * @return the count
	 */
	synchronized int scheduled() {
		return this.tasks.size();
	}

	private void moveTo(long nanos) {
		long now = this.ticker.nanos();
		if (nanos - now > 0) {
			this.ticker.advance(Duration.ofNanos(nanos - now));
		}
	}

	private <V> Task<V> add(Callable<V> callable, long delayNanos, long period) {
		if (this.shutdown) {
			throw new java.util.concurrent.RejectedExecutionException("Shut down");
		}
		Task<V> task = new Task<>(callable, this.ticker.nanos() + Math.max(0, delayNanos), period);
		requeue(task);
		return task;
	}

	private synchronized void requeue(Task<?> task) {
		task.sequence = this.sequence++;
		this.tasks.add(task);
	}

	private synchronized void remove(Task<?> task) {
		this.tasks.remove(task);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return add(Executors.callable(command), unit.toNanos(delay), 0);
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return add(callable, unit.toNanos(delay), 0);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return add(Executors.callable(command), unit.toNanos(initialDelay), unit.toNanos(period));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return add(Executors.callable(command), unit.toNanos(initialDelay), -unit.toNanos(delay));
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> waiting = List.copyOf(this.tasks);
		this.tasks.clear();
		return waiting;
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutdown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return this.shutdown;
	}

	private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {

		/** Positive: a fixed rate; negative: a fixed delay; 0: once. */
		private final long period;

		private long due;

		private long sequence;

		Task(Callable<V> callable, long due, long period) {
			super(callable);
			this.due = due;
			this.period = period;
		}

		@Override
		public boolean isPeriodic() {
			return this.period != 0;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.due - ManualScheduler.this.ticker.nanos(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			Task<?> task = (Task<?>) other;
			int byDue = Long.signum(this.due - task.due);
			return (byDue != 0) ? byDue : Long.compare(this.sequence, task.sequence);
		}

		@Override
		public void run() {
			if (!isPeriodic()) {
				super.run();
			}
			else if (runAndReset()) {
				this.due = (this.period > 0) ? this.due + this.period : ManualScheduler.this.ticker.nanos() - this.period;
				requeue(this);
			}
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			boolean cancelled = super.cancel(mayInterruptIfRunning);
			remove(this);
			return cancelled;
		}

	}

}
