package dev.gofr.ws.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
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

	private long retryAfterWaits;

	/**
	 * @param clientName names the retry
	 * @param retryRegistry where the retry is registered, or {@code null} for nowhere
	 * @param attempt makes one attempt; run by the scheduler
	 */
	RetrySchedule(String clientName, ReconnectSettings settings, ReconnectStrategy strategy,
			@Nullable RetryRegistry retryRegistry, ScheduledExecutorService scheduler, Runnable attempt) {
		this.settings = settings;
		this.strategy = strategy;
		this.scheduler = scheduler;
		this.attempt = attempt;
		int maxAttempts = !settings.enabled() ? 1
				: (settings.maxAttempts() == 0) ? Integer.MAX_VALUE : settings.maxAttempts();
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.intervalBiFunction((number, either) -> delay(number + this.attemptOffset,
					either.isLeft() ? either.getLeft() : null))
			.build();
		String name = "gofr-ws-client-" + clientName;
		if (retryRegistry != null) {
			retryRegistry.remove(name); // one of an earlier client of this name counts for another schedule
			this.retry = retryRegistry.retry(name, config);
		}
		else {
			this.retry = Retry.of(name, config);
		}
	}

	/**
	 * The wait before attempt {@code number}: what the server asked for when it refused the last
	 * attempt with a {@code Retry-After}, up to the maximum delay; otherwise the strategy's.
	 */
	private long delay(int number, @Nullable Throwable lastError) {
		if (lastError instanceof HandshakeRefusedException refused && refused.retryAfter().isPresent()) {
			this.retryAfterWaits++;
			// up to a jitter's share later, never sooner: clients the server turned away together come back spread
			double asked = refused.retryAfter().get().toMillis();
			double jitter = this.settings.jitter();
			double spread = (jitter > 0) ? asked * ThreadLocalRandom.current().nextDouble(0, jitter) : 0;
			return Math.min(Math.round(asked + spread), this.settings.maxDelay().toMillis());
		}
		return this.strategy.delay(number, lastError).toMillis();
	}

	/**
	 * The waits that followed a server's {@code Retry-After} rather than the backoff.
	 * @return the count since the client was built
	 */
	long retryAfterWaits() {
		return this.retryAfterWaits;
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
