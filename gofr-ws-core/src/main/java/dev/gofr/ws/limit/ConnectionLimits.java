package dev.gofr.ws.limit;

import java.time.Duration;

/**
 * How many connections are accepted, and how fast.
 *
 * @param maxConnections the most open connections; 0 for no limit; over it, 503 with
 * {@code Retry-After}
 * @param maxConnectionsPerIp the most open connections from one address; 0 for no limit; over
 * it, 429
 * @param throttle the shortest time between two accepted handshakes; zero for none; sooner, 503
 * with {@code Retry-After}
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerIp, Duration throttle) {

	/** No limits. */
	public static final ConnectionLimits NONE = new ConnectionLimits(0, 0, Duration.ZERO);

	public ConnectionLimits {
		if (maxConnections < 0 || maxConnectionsPerIp < 0) {
			throw new IllegalArgumentException("Limits must not be negative");
		}
		if (throttle.isNegative()) {
			throw new IllegalArgumentException("throttle must not be negative, was " + throttle);
		}
	}

	/**
	 * Whether any limit applies.
	 * @return {@code true} when one is set
	 */
	public boolean isLimited() {
		return this.maxConnections > 0 || this.maxConnectionsPerIp > 0 || !this.throttle.isZero();
	}

}
