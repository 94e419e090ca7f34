package dev.gofr.ws.autoconfigure;

import java.time.Duration;

/**
 * Ping/pong heartbeat that closes connections gone silent: the server's for its connections,
 * and each client's for its server (a client then reconnects). A route may set its own under
 * {@code gofr.ws.endpoints.<name>.heartbeat}; what it leaves unset is the node's.
 * @see GofrWsProperties#getHeartbeat()
 * @see EndpointProperties#getHeartbeat()
 * @see ClientProperties#getHeartbeat()
 */
public class HeartbeatProperties extends RouteOverridable {

	/**
	 * Whether the server pings its connections (a client, its server) and closes those gone
	 * silent.
	 */
	private boolean enabled = true;

	/**
	 * How long a peer may stay quiet before it is pinged.
	 */
	private Duration pingInterval = Duration.ofSeconds(30);

	/**
	 * How long nothing at all (no pong, no other frame) may arrive from a peer before it is
	 * closed with 4408; at least the ping interval.
	 */
	private Duration pongWait = Duration.ofSeconds(60);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
		markSet("enabled");
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
		markSet("ping-interval");
	}

	public Duration getPongWait() {
		return this.pongWait;
	}

	public void setPongWait(Duration pongWait) {
		this.pongWait = pongWait;
		markSet("pong-wait");
	}

}
