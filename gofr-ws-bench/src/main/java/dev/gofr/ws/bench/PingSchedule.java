package dev.gofr.ws.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The heartbeat a Spring user adds to a plain WebSocket server: one scheduler thread that pings
 * every open session every interval, while the application runs. Off for a zero interval. The
 * plain Spring servers each say how a round of pings is sent ({@link #pingAll()}).
 */
public abstract class PingSchedule implements SmartLifecycle {

	private final Duration interval;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * A schedule that pings every {@code interval}.
	 * @param interval the time between two rounds; zero for none
	 */
	protected PingSchedule(Duration interval) {
		this.interval = interval;
	}

	/**
	 * Ping every open session once; a session closed meanwhile is skipped.
	 */
	protected abstract void pingAll();

	@Override
	public synchronized void start() {
		if (this.interval.isZero() || this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor();
		long millis = this.interval.toMillis();
		this.scheduler.scheduleAtFixedRate(this::pingAll, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
