package dev.gofr.ws.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;

/**
 * When the client's next connection attempt goes: a series of attempts is counted and timed by a
 * Resilience4j {@link Retry}, whose intervals come from the {@link ReconnectStrategy}, and each
 * attempt is scheduled on the client's scheduler, so waiting holds no thread. Guarded by the
 * client's lock: every method is called with it held.
 */
final class RetrySchedule {

	private final ReconnectSettings settings;

	private final ReconnectStrategy strategy;

	private final Retry retry;

	private final ScheduledExecutorService scheduler;

	private final Runnable attempt;

	private Retry.@Nullable AsyncContext<Object> series;

	/** 0 while the first connection is being made, 1 after a drop: see {@link ReconnectStrategy#delay}. */
	private int attemptOffset;

	private int attempts;

	private @Nullable ScheduledFuture<?> next;

	/**
	 * @param clientName names the retry
	 * @param attempt makes one attempt; run by the scheduler
	 */
	RetrySchedule(String clientName, ReconnectSettings settings, ReconnectStrategy strategy,
			ScheduledExecutorService scheduler, Runnable attempt) {
		this.settings = settings;
		this.strategy = strategy;
		this.scheduler = scheduler;
		this.attempt = attempt;
		int maxAttempts = !settings.enabled() ? 1
				: (settings.maxAttempts() == 0) ? Integer.MAX_VALUE : settings.maxAttempts();
		this.retry = Retry.of("gofr-ws-client-" + clientName, RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.intervalBiFunction((number, either) -> this.strategy
				.delay(number + this.attemptOffset, either.isLeft() ? either.getLeft() : null)
				.toMillis())
			.build());
	}

	Retry retry() {
		return this.retry;
	}

	/**
	 * Attempts made in the current series.
	 * @return the count
	 */
	int attempts() {
		return this.attempts;
	}

	/**
	 * A series for the first connection begins; its first attempt goes at once.
	 */
	void startFirstConnection() {
		this.attemptOffset = 0;
		this.attempts = 0;
		this.series = this.retry.asyncContext();
	}

	/**
	 * An attempt begins.
	 */
	void attemptStarted() {
		this.next = null;
		this.attempts++;
	}

	/**
	 * The attempt failed: schedule the next one, unless the series is over.
	 * @param failure why it failed
	 * @return the delay before the next attempt, in milliseconds; negative when the client gives up
	 */
	long attemptFailed(Throwable failure) {
		long delay = (this.series != null) ? this.series.onError(failure) : -1;
		if (delay >= 0) {
			schedule(delay);
		}
		return delay;
	}

	/**
	 * The attempt connected: the series ends.
	 */
	void connected() {
		if (this.series != null) {
			this.series.onComplete();
			this.series = null;
		}
	}

	/**
	 * The connection dropped: a series for reconnecting begins, with a wait before its first
	 * attempt, unless reconnecting is off.
	 * @param cause why it dropped, when known
	 * @return the delay before the first attempt, in milliseconds; negative when the client gives up
	 */
	long dropped(@Nullable Throwable cause) {
		if (!this.settings.enabled()) {
			return -1;
		}
		this.attempts = 0;
		this.attemptOffset = 1;
		this.series = this.retry.asyncContext();
		long delay = Math.max(0, this.strategy.delay(1, cause).toMillis());
		schedule(delay);
		return delay;
	}

	/**
	 * The client closed: the scheduled attempt, if any, does not go.
	 */
	void cancel() {
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
	}

	private void schedule(long delayMillis) {
		this.next = this.scheduler.schedule(this.attempt, delayMillis, TimeUnit.MILLISECONDS);
	}

}
