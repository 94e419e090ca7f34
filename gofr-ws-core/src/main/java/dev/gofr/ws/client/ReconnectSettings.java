package dev.gofr.ws.client;

import java.time.Duration;

import dev.gofr.ws.error.InvalidSettingException;

/**
 * When a {@link ReconnectingClient} tries again: exponential backoff from {@code initialDelay},
 * times {@code multiplier} per attempt, up to {@code maxDelay}, each delay randomised by
 * {@code jitter}, for at most {@code maxAttempts} attempts in a row. The same rules cover the
 * first connection and every later drop.
 *
 * @param enabled whether the client reconnects at all; when not, one failed attempt or one drop
 * makes it give up
 * @param initialDelay the delay before the first attempt after a drop, and between the first
 * two attempts of the first connection; positive
 * @param maxDelay the longest delay between two attempts, jitter included; at least
 * {@code initialDelay}
 * @param multiplier how much each delay grows over the one before; at least 1
 * @param jitter the randomization factor, from 0 (every client waits the same) to 1: a delay
 * {@code d} becomes a uniform pick in {@code [d × (1 - jitter), d × (1 + jitter)]}, cut at
 * {@code maxDelay}
 * @param maxAttempts the most attempts in a row before the client gives up; 0 for no limit
 */
public record ReconnectSettings(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
		double jitter, int maxAttempts) {

	/** The defaults: on, 1 s doubling up to 60 s, jitter 0.5, no attempt limit. */
	public static final ReconnectSettings DEFAULTS = new ReconnectSettings(true, Duration.ofSeconds(1),
			Duration.ofSeconds(60), 2.0, 0.5, 0);

	public ReconnectSettings {
		if (initialDelay.isNegative() || initialDelay.isZero()) {
			throw new InvalidSettingException("initialDelay", initialDelay, "must be positive");
		}
		if (maxDelay.compareTo(initialDelay) < 0) {
			throw new InvalidSettingException("maxDelay", maxDelay,
					"must not be shorter than the initial delay (" + initialDelay + ")");
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new InvalidSettingException("multiplier", multiplier, "must be at least 1");
		}
		if (!(jitter >= 0.0 && jitter <= 1.0)) {
			throw new InvalidSettingException("jitter", jitter, "must be between 0 (none) and 1");
		}
		if (maxAttempts < 0) {
			throw new InvalidSettingException("maxAttempts", maxAttempts, "must not be negative; 0 means no limit");
		}
	}

	/**
	 * The same settings with another attempt limit.
	 * @param maxAttempts the most attempts in a row; 0 for no limit
	 * @return the settings
	 */
	public ReconnectSettings withMaxAttempts(int maxAttempts) {
		return new ReconnectSettings(this.enabled, this.initialDelay, this.maxDelay, this.multiplier, this.jitter,
				maxAttempts);
	}

	/**
	 * The same settings with other delays.
	 * @param initialDelay the first delay
	 * @param maxDelay the longest delay
	 * @return the settings
	 */
	public ReconnectSettings withDelays(Duration initialDelay, Duration maxDelay) {
		return new ReconnectSettings(this.enabled, initialDelay, maxDelay, this.multiplier, this.jitter,
				this.maxAttempts);
	}

	/**
	 * The same settings with another randomization factor.
	 * @param jitter from 0 to 1
	 * @return the settings
	 */
	public ReconnectSettings withJitter(double jitter) {
		return new ReconnectSettings(this.enabled, this.initialDelay, this.maxDelay, this.multiplier, jitter,
				this.maxAttempts);
	}

}
