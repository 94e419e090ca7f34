package dev.gofr.ws.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when told to: for tests of code that waits (heartbeat,
 * sweeper, shutdown, client backoff), which advance it instead of sleeping.
 * <p>
 * Declared as a bean in a test's application context, it is the node's time: heartbeats, send
 * timeouts, connection throttles, rate limits and the shutdown's timeout. A test moves it, then
 * calls {@code ConnectionSweeper.sweep()} rather than waiting for the sweeper's next tick. Time
 * that does not move does not end the shutdown's wait either: let the test's connections close
 * before the context does.
 */
public final class ManualTicker implements Ticker {

	private final AtomicLong nanos;

	/**
	 * A ticker that starts at an arbitrary, non-zero time.
	 */
	public ManualTicker() {
		this(1_000_000_000L);
	}

	/**
	 * A ticker that starts at the given time.
	 * @param startNanos the first reading
	 */
	public ManualTicker(long startNanos) {
		this.nanos = new AtomicLong(startNanos);
	}

	@Override
	public long nanos() {
		return this.nanos.get();
	}

	/**
	 * Move time forward.
	 * @param duration how far; not negative
	 * @return this ticker
	 */
	public ManualTicker advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("A ticker cannot go back: " + duration);
		}
		this.nanos.addAndGet(duration.toNanos());
		return this;
	}

}
