package dev.gofr.ws.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import org.jspecify.annotations.Nullable;

/**
 * How long a {@link ReconnectingClient} waits before an attempt. The default,
 * {@link #exponential(ReconnectSettings)}, follows {@code reconnect.*}; replace it with a builder
 * option or, in a Spring Boot application, a bean of this type, for example to wait for a time
 * the server announced.
 * <p>
 * The client's Resilience4j {@code Retry} calls it; {@link #of(IntervalBiFunction)} adapts any
 * Resilience4j interval function.
 */
@FunctionalInterface
public interface ReconnectStrategy {

	/**
	 * The delay before an attempt.
	 * @param attempt which wait of the series this is, from 1. After a drop the client waits
	 * before its first attempt, so wait {@code n} comes before attempt {@code n}; the first
	 * connection makes its first attempt at once, so there wait {@code n} comes before attempt
	 * {@code n + 1}
	 * @param lastError what failed: the attempt, or the connection that dropped
	 * @return the delay; zero or positive
	 */
	Duration delay(int attempt, @Nullable Throwable lastError);

	/**
	 * Exponential backoff with jitter: {@code initialDelay × multiplier^(attempt - 1)}, cut at
	 * {@code maxDelay}, then a uniform pick within {@code ± jitter} of it, cut at
	 * {@code maxDelay} again, so that clients that lost the same server spread their attempts
	 * out instead of arriving together, and no delay exceeds {@code maxDelay}.
	 * @param settings the backoff settings
	 * @return the strategy
	 */
	static ReconnectStrategy exponential(ReconnectSettings settings) {
		double initial = settings.initialDelay().toMillis();
		double max = settings.maxDelay().toMillis();
		return (attempt, lastError) -> {
			double base = Math.min(max, initial * Math.pow(settings.multiplier(), Math.max(0, attempt - 1)));
			double low = base * (1 - settings.jitter());
			double high = Math.min(max, base * (1 + settings.jitter()));
			double millis = (high > low) ? ThreadLocalRandom.current().nextDouble(low, high) : low;
			return Duration.ofMillis(Math.round(millis));
		};
	}

	/**
	 * A strategy from a Resilience4j interval function, such as one of {@code IntervalFunction}'s.
	 * @param function the function; it is given the attempt number and the error
	 * @return the strategy
	 */
	static ReconnectStrategy of(IntervalBiFunction<?> function) {
		@SuppressWarnings("unchecked")
		IntervalBiFunction<Object> intervals = (IntervalBiFunction<Object>) function;
		return (attempt, lastError) -> Duration.ofMillis(intervals.apply(attempt,
				Either.left((lastError != null) ? lastError : new IllegalStateException("disconnected"))));
	}

}
