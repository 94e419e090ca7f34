package dev.gofr.ws.autoconfigure;

import java.time.Duration;

import dev.gofr.ws.limit.RateLimit;
import org.jspecify.annotations.Nullable;

/**
 * Connection limits and message rate limits. A route may set its own under
 * {@code gofr.ws.endpoints.<name>.limits}: its connection limits count its own connections, on
 * top of the node's; the message limits it leaves unset are the node's.
 * @see GofrWsProperties#getLimits()
 * @see EndpointProperties#getLimits()
 */
public class LimitsProperties extends RouteOverridable {

	/**
	 * Most open connections on this node (on a route: on that route, on top of the node's
	 * limit); 0 for no limit; over it, handshakes get 503 with Retry-After.
	 */
	private int maxConnections;

	/**
	 * Most open connections from one address (as the container reports it, so behind a proxy
	 * set server.forward-headers-strategy), on this node (on a route: on that route, on top of
	 * the node's limit); 0 for no limit; over it, handshakes get 429.
	 */
	private int maxConnectionsPerIp;

	/**
	 * Messages per second each connection may send; 0 for no limit.
	 */
	private double messageRate = 0;

	/**
	 * Messages a connection may send at once before the rate applies; defaults to the message
	 * rate.
	 */
	private @Nullable Integer messageBurst;

	/**
	 * What happens to a message over the rate: reject (RATE_LIMITED error frame, message
	 * dropped) or close (4429).
	 */
	private RateLimit.Action onRateExceeded = RateLimit.Action.REJECT;

	/**
	 * Time in which the handshake throttle admits one more handshake on this node (on a route:
	 * on that route, on top of the node's throttle); 0 for none; faster, handshakes get 503 with
	 * Retry-After.
	 */
	private Duration connectionThrottle = Duration.ZERO;

	/**
	 * Handshakes the throttle admits at once after a quiet spell, before its rate applies (on a
	 * route: that route's throttle, on top of the node's); at least 1; defaults to one second's
	 * worth of the throttle (1000 for 1ms).
	 */
	private @Nullable Integer connectionThrottleBurst;


	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public int getMaxConnectionsPerIp() {
		return this.maxConnectionsPerIp;
	}

	public void setMaxConnectionsPerIp(int maxConnectionsPerIp) {
		this.maxConnectionsPerIp = maxConnectionsPerIp;
	}

	public double getMessageRate() {
		return this.messageRate;
	}

	public void setMessageRate(double messageRate) {
		this.messageRate = messageRate;
		markSet("message-rate");
	}

	public @Nullable Integer getMessageBurst() {
		return this.messageBurst;
	}

	public void setMessageBurst(@Nullable Integer messageBurst) {
		this.messageBurst = messageBurst;
		markSet("message-burst");
	}

	public RateLimit.Action getOnRateExceeded() {
		return this.onRateExceeded;
	}

	public void setOnRateExceeded(RateLimit.Action onRateExceeded) {
		this.onRateExceeded = onRateExceeded;
		markSet("on-rate-exceeded");
	}

	public Duration getConnectionThrottle() {
		return this.connectionThrottle;
	}

	public void setConnectionThrottle(Duration connectionThrottle) {
		this.connectionThrottle = connectionThrottle;
	}

	public @Nullable Integer getConnectionThrottleBurst() {
		return this.connectionThrottleBurst;
	}

	public void setConnectionThrottleBurst(@Nullable Integer connectionThrottleBurst) {
		this.connectionThrottleBurst = connectionThrottleBurst;
	}

}
