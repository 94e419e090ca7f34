package dev.gofr.ws.limit;

import java.time.Duration;

import dev.gofr.ws.error.InvalidSettingException;

/**
 * How many connections are accepted, and how fast.
 * <p>
 * The throttle is a token bucket: it holds up to {@code throttleBurst} handshakes and gains one
 * every {@code throttle}. A wave of clients that reconnect together after a quiet spell is let in
 * at once up to the burst, then at the throttle's rate; a handshake finding the bucket empty gets
 * 503 with {@code Retry-After}.
 *
 * @param maxConnections the most open connections; 0 for no limit; over it, 503 with
 * {@code Retry-After}
 * @param maxConnectionsPerIp the most open connections from one address; 0 for no limit; over
 * it, 429
 * @param throttle the time in which the throttle admits one more handshake; zero for none;
 * faster, 503 with {@code Retry-After}
 * @param throttleBurst how many handshakes the throttle admits at once after a quiet spell, at
 * least 1; 1 admits one per {@code throttle} and no more
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerIp, Duration throttle, int throttleBurst) {

	/** No limits. */
	public static final ConnectionLimits NONE = new ConnectionLimits(0, 0, Duration.ZERO);

	public ConnectionLimits {
		if (maxConnections < 0) {
			throw new InvalidSettingException("maxConnections", maxConnections, "must not be negative; 0 means no limit");
		}
		if (maxConnectionsPerIp < 0) {
			throw new InvalidSettingException("maxConnectionsPerIp", maxConnectionsPerIp,
					"must not be negative; 0 means no limit");
		}
		if (throttle.isNegative()) {
			throw new InvalidSettingException("throttle", throttle, "must not be negative; 0 means none");
		}
		if (throttleBurst < 1) {
			throw new InvalidSettingException("throttleBurst", throttleBurst, "must be at least 1");
		}
	}

	/**
	 * Limits whose throttle admits bursts of {@linkplain #defaultBurst(Duration) one second's
	 * worth} of handshakes.
	 * @param maxConnections the most open connections; 0 for no limit
	 * @param maxConnectionsPerIp the most open connections from one address; 0 for no limit
	 * @param throttle the time in which the throttle admits one more handshake; zero for none
	 */
	public ConnectionLimits(int maxConnections, int maxConnectionsPerIp, Duration throttle) {
		this(maxConnections, maxConnectionsPerIp, throttle, defaultBurst(throttle));
	}

	/**
	 * The throttle's burst unless set: the handshakes it admits in one second, at least 1 (1,000
	 * for a throttle of 1 ms, 1 for a throttle of a second or more).
	 * @param throttle the throttle; zero for none
	 * @return the burst
	 */
	public static int defaultBurst(Duration throttle) {
		if (throttle.isZero() || throttle.isNegative()) {
			return 1;
		}
		long perSecond = Duration.ofSeconds(1).toNanos() / Math.max(1, throttle.toNanos());
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, perSecond));
	}

	/**
	 * Whether any limit applies.
	 * @return {@code true} when one is set
	 */
	public boolean isLimited() {
		return this.maxConnections > 0 || this.maxConnectionsPerIp > 0 || !this.throttle.isZero();
	}

}
