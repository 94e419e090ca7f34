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
	 * What the heartbeat does for one connection at one of its checks: close it when nothing at
	 * all was heard from the peer within the pong wait, ping it when the peer has been silent for
	 * a whole ping interval since it was last heard or pinged, else nothing. Anything the peer
	 * sent proves it alive, so a busy connection is never pinged. The server's sweep and the
	 * reconnecting client follow this one rule.
	 * @param nowNanos the time now, in nanoseconds of a {@link dev.gofr.ws.time.Ticker}
	 * @param lastHeardNanos when the last frame of any kind arrived from the peer, same clock
	 * @param lastPingNanos when the heartbeat last pinged the peer (or started), same clock
	 * @return what is due; {@link Due#NOTHING} when the heartbeat is off
	 */
	public Due due(long nowNanos, long lastHeardNanos, long lastPingNanos) {
		if (!this.enabled) {
			return Due.NOTHING;
		}
		if (nowNanos - lastHeardNanos > this.pongWait.toNanos()) {
			return Due.TIMEOUT;
		}
		if (nowNanos - Math.max(lastPingNanos, lastHeardNanos) >= this.pingInterval.toNanos()) {
			return Due.PING;
		}
		return Due.NOTHING;
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

	/**
	 * What a heartbeat check finds due, see {@link #due(long, long, long)}.
	 */
	public enum Due {

		/** Nothing: the peer was heard or pinged within the ping interval. */
		NOTHING,

		/** A ping: the peer has been silent for a whole ping interval. */
		PING,

		/** Close with 4408: nothing was heard from the peer within the pong wait. */
		TIMEOUT

	}

}
