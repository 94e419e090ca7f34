package dev.gofr.ws.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A paced fan-out, as a server that publishes ticks does it: one broadcast every interval, on one
 * scheduler thread, for a given number of broadcasts. Each broadcast is given the time it was due
 * ({@code start + i × interval} on {@link System#nanoTime()}), not the time its tick ran, so that a
 * server that falls behind its pace shows it in the latency its clients measure. A tick that comes
 * late is followed at once by the next ones due, as {@code ScheduledExecutorService#scheduleAtFixedRate}
 * does; ticks never overlap.
 */
public final class PacedBroadcast implements Runnable {

	private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-paced-broadcast");
		thread.setDaemon(true);
		return thread;
	});

	private final int count;

	private final long intervalNanos;

	private final LongConsumer broadcast;

	private final long start;

	private int sent;

	private @Nullable ScheduledFuture<?> schedule;

	private PacedBroadcast(int count, long intervalNanos, LongConsumer broadcast) {
		this.count = count;
		this.intervalNanos = intervalNanos;
		this.broadcast = broadcast;
		this.start = System.nanoTime();
	}

	/**
	 * Start broadcasting; returns at once.
	 * @param count the number of broadcasts
	 * @param intervalMillis the time between two broadcasts, in milliseconds
	 * @param broadcast sends one broadcast, given the time it was due on {@link System#nanoTime()}
	 */
	public static void start(int count, int intervalMillis, LongConsumer broadcast) {
		PacedBroadcast paced = new PacedBroadcast(count, TimeUnit.MILLISECONDS.toNanos(intervalMillis), broadcast);
		synchronized (paced) {
			paced.schedule = SCHEDULER.scheduleAtFixedRate(paced, 0, paced.intervalNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public synchronized void run() {
		if (this.sent >= this.count) {
			return;
		}
		long due = this.start + this.sent * this.intervalNanos;
		this.sent++;
		try {
			this.broadcast.accept(due);
		}
		catch (RuntimeException ex) {
			// a broadcast that fails is lost, as its clients will report; the pace goes on
		}
		ScheduledFuture<?> schedule = this.schedule;
		if (this.sent >= this.count && schedule != null) {
			schedule.cancel(false);
		}
	}

}
