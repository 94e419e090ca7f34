package dev.gofr.ws.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTests {

	/** Waits 100 ms times the number of the wait. */
	private static final ReconnectStrategy STEPS = (attempt, lastError) -> Duration.ofMillis(100L * attempt);

	private final ManualScheduler scheduler = new ManualScheduler(new ManualTicker());

	private final AtomicInteger attempts = new AtomicInteger();

	@Test
	void theFirstConnectionIsTriedAtOnceThenAfterEachWaitUntilTheAttemptsRunOut() {
		RetrySchedule retries = retries(ReconnectSettings.DEFAULTS.withMaxAttempts(3));
		retries.startFirstConnection();
		retries.attemptStarted();
		assertThat(retries.attemptFailed(new IllegalStateException("refused"))).isEqualTo(100);
		assertThat(this.scheduler.runNext()).isEqualTo(Duration.ofMillis(100));
		assertThat(this.attempts).hasValue(1);
		retries.attemptStarted();
		assertThat(retries.attemptFailed(new IllegalStateException("refused"))).isEqualTo(200);
		assertThat(this.scheduler.runNext()).isEqualTo(Duration.ofMillis(200));
		retries.attemptStarted();
		assertThat(retries.attempts()).isEqualTo(3);
		assertThat(retries.attemptFailed(new IllegalStateException("refused"))).as("given up").isNegative();
		assertThat(this.scheduler.scheduled()).isZero();
		assertThat(retries.retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
	}

	@Test
	void afterADropTheClientWaitsBeforeItsFirstAttempt() {
		RetrySchedule retries = retries(ReconnectSettings.DEFAULTS);
		assertThat(retries.dropped(null)).isEqualTo(100);
		assertThat(this.scheduler.runNext()).isEqualTo(Duration.ofMillis(100));
		retries.attemptStarted();
		assertThat(retries.attemptFailed(new IllegalStateException("refused"))).as("the second wait").isEqualTo(200);
		retries.attemptStarted();
		retries.connected();
		assertThat(retries.attempts()).isEqualTo(2);
		assertThat(retries.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
	}

	@Test
	void withReconnectingOffADropGivesUp() {
		RetrySchedule retries = retries(new ReconnectSettings(false, Duration.ofMillis(100), Duration.ofMillis(100), 2.0, 0, 0));
		assertThat(retries.dropped(null)).isNegative();
		assertThat(this.scheduler.scheduled()).isZero();
	}

	@Test
	void cancelStopsTheScheduledAttempt() {
		RetrySchedule retries = retries(ReconnectSettings.DEFAULTS);
		retries.dropped(null);
		assertThat(this.scheduler.scheduled()).isOne();
		retries.cancel();
		assertThat(this.scheduler.scheduled()).isZero();
		this.scheduler.advance(Duration.ofMinutes(1));
		assertThat(this.attempts).hasValue(0);
	}

	private RetrySchedule retries(ReconnectSettings settings) {
		return new RetrySchedule("prices", settings, STEPS, null, this.scheduler, this.attempts::incrementAndGet);
	}

}
