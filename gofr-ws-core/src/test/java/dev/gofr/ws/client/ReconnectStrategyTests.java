package dev.gofr.ws.client;

import java.time.Duration;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectStrategyTests {

	private static final ReconnectSettings SETTINGS = new ReconnectSettings(true, Duration.ofSeconds(1),
			Duration.ofSeconds(60), 2.0, 0.5, 0);

	@Test
	void withoutJitterDelaysDoubleUpToTheCap() {
		ReconnectStrategy strategy = ReconnectStrategy.exponential(SETTINGS.withJitter(0));
		assertThat(java.util.stream.IntStream.rangeClosed(1, 9).mapToObj((n) -> strategy.delay(n, null).toMillis()))
			.containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L);
	}

	@Test
	void withJitterEveryDelayStaysInItsBandAndUnderTheCap() {
		ReconnectStrategy strategy = ReconnectStrategy.exponential(SETTINGS);
		for (int attempt = 1; attempt <= 12; attempt++) {
			double base = Math.min(60_000, 1000 * Math.pow(2, attempt - 1));
			for (int i = 0; i < 2000; i++) {
				assertThat(strategy.delay(attempt, null).toMillis()).isBetween((long) (base * 0.5),
						(long) Math.min(60_000, base * 1.5));
			}
		}
	}

	@Test
	void jitterStillSpreadsDelaysAtTheCap() {
		ReconnectStrategy strategy = ReconnectStrategy.exponential(SETTINGS);
		long shortest = Long.MAX_VALUE;
		long longest = 0;
		for (int i = 0; i < 2000; i++) {
			long delay = strategy.delay(20, null).toMillis();
			shortest = Math.min(shortest, delay);
			longest = Math.max(longest, delay);
		}
		assertThat(shortest).isLessThan(35_000);
		assertThat(longest).isGreaterThan(55_000).isLessThanOrEqualTo(60_000);
	}

	@Test
	void fullJitterMayNotWaitAtAll() {
		ReconnectStrategy strategy = ReconnectStrategy.exponential(SETTINGS.withJitter(1));
		for (int i = 0; i < 1000; i++) {
			assertThat(strategy.delay(1, null).toMillis()).isBetween(0L, 2000L);
		}
	}

	@Test
	void adaptsAResilience4jIntervalFunction() {
		ReconnectStrategy strategy = ReconnectStrategy
			.of(IntervalBiFunction.ofIntervalFunction(IntervalFunction.ofExponentialBackoff(100, 3.0)));
		assertThat(strategy.delay(1, null)).isEqualTo(Duration.ofMillis(100));
		assertThat(strategy.delay(3, new IllegalStateException())).isEqualTo(Duration.ofMillis(900));
	}

}
