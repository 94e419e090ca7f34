package dev.gofr.ws.heartbeat;

import java.time.Duration;

import dev.gofr.ws.error.InvalidSettingException;

/**
 * When to ping a connection and when to give up on it.
 *
 * @param enabled whether the heartbeat runs
 * @param pingInterval the time between two pings
 * @param pongWait how long nothing at all (no pong, no other frame) may arrive from the peer
 * before it is closed with 4408; at least {@code pingInterval}
 */
public record HeartbeatSettings(boolean enabled, Duration pingInterval, Duration pongWait) {

	/** The defaults: on, a ping every 30 seconds, closed after 60 seconds of silence. */
	public static final HeartbeatSettings DEFAULTS = new HeartbeatSettings(true, Duration.ofSeconds(30),
			Duration.ofSeconds(60));

	/** No heartbeat. */
	public static final HeartbeatSettings OFF = new HeartbeatSettings(false, Duration.ofSeconds(30),
			Duration.ofSeconds(60));

	public HeartbeatSettings {
		if (pingInterval.isNegative() || pingInterval.isZero()) {
			throw new InvalidSettingException("pingInterval", pingInterval, "must be positive");
		}
		if (pongWait.compareTo(pingInterval) < 0) {
			throw new InvalidSettingException("pongWait", pongWait,
					"must not be shorter than the ping interval (" + pingInterval + ")");
		}
	}

	/**
	 * A heartbeat that runs with the given timings.
	 * @param pingInterval the time between two pings
	 * @param pongWait how long silence is tolerated; at least {@code pingInterval}
	 * @return the settings
	 */
	public static HeartbeatSettings of(Duration pingInterval, Duration pongWait) {
		return new HeartbeatSettings(true, pingInterval, pongWait);
	}

}
