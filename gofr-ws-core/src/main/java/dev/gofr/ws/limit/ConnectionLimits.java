package dev.gofr.ws.limit;

import java.time.Duration;

import dev.gofr.ws.error.InvalidSettingException;

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
	}

	/**
	 * Whether any limit applies.
	 * @return {@code true} when one is set
	 */
	public boolean isLimited() {
		return this.maxConnections > 0 || this.maxConnectionsPerIp > 0 || !this.throttle.isZero();
	}

}
