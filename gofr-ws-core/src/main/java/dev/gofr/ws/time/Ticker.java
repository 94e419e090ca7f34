package dev.gofr.ws.time;

/**
 * A source of monotonic time in nanoseconds: what the sweeper, the heartbeat, the shutdown, the
 * connection limits and the reconnecting client read instead of {@link System#nanoTime()}, so
 * that their tests can drive time ({@link ManualTicker}) instead of waiting for it.
 */
@FunctionalInterface
public interface Ticker {

	/**
	 * The current time, in nanoseconds from an arbitrary origin; only differences mean anything.
	 * @return the time
	 */
	long nanos();

	/**
	 * The system's monotonic clock.
	 * @return {@link System#nanoTime()} as a ticker
	 */
	static Ticker system() {
		return System::nanoTime;
	}

}
