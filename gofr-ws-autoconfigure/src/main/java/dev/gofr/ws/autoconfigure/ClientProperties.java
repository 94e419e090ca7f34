package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * One reconnecting client: the server it connects to, and how it stays connected.
 * @see GofrWsProperties#getClients()
 */
public class ClientProperties {

	/**
	 * Address of the server, starting with ws:// or wss://.
	 */
	private @Nullable String url;

	/**
	 * Request headers sent with every handshake, such as Authorization, keyed by header name
	 * (case-insensitive).
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Subprotocols offered to the server, in order of preference.
	 */
	private List<String> subprotocols = new ArrayList<>();

	/**
	 * Longest one connection attempt may take, from the TCP connection to the end of the
	 * handshake.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	@NestedConfigurationProperty
	private final HeartbeatProperties heartbeat = new HeartbeatProperties();

	private final Reconnect reconnect = new Reconnect();

	private final Buffer buffer = new Buffer();

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public List<String> getSubprotocols() {
		return this.subprotocols;
	}

	public void setSubprotocols(List<String> subprotocols) {
		this.subprotocols = subprotocols;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public HeartbeatProperties getHeartbeat() {
		return this.heartbeat;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Buffer getBuffer() {
		return this.buffer;
	}

	/**
	 * When a client tries again, after a failed attempt or a drop: exponential backoff with
	 * jitter.
	 */
	public static class Reconnect {

		/**
		 * Whether the client reconnects; when not, one failed attempt or one drop makes it give
		 * up.
		 */
		private boolean enabled = true;

		/**
		 * Delay before the first attempt after a drop, and between the first two attempts of the
		 * first connection.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Longest delay between two attempts, jitter included; at least the initial delay.
		 */
		private Duration maxDelay = Duration.ofSeconds(60);

		/**
		 * How much each delay grows over the one before; at least 1.
		 */
		private double multiplier = 2.0;

		/**
		 * Randomization factor of each delay, from 0 (none) to 1: a delay d becomes a uniform
		 * pick between d*(1-jitter) and d*(1+jitter), so that clients that lost the same server do
		 * not come back all at once.
		 */
		private double jitter = 0.5;

		/**
		 * Most attempts in a row before the client gives up; 0 for no limit.
		 */
		private int maxAttempts;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/**
	 * The sends a client holds while it cannot write them.
	 */
	public static class Buffer {

		/**
		 * Most sends held while disconnected (or while earlier ones are written), sent in order
		 * once connected; past it sends fail at once and are counted; 0 to hold none.
		 */
		private int maxMessages = 1000;

		public int getMaxMessages() {
			return this.maxMessages;
		}

		public void setMaxMessages(int maxMessages) {
			this.maxMessages = maxMessages;
		}

	}

}
