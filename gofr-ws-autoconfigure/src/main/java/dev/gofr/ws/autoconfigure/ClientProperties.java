package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

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

	/**
	 * Largest text message the server may send, in UTF-8 bytes; a larger one closes the
	 * connection with 1009 and the client reconnects as after any drop.
	 */
	private DataSize maxTextMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Largest binary message the server may send; a larger one closes the connection with 1009
	 * and the client reconnects as after any drop.
	 */
	private DataSize maxBinaryMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Whether the application needs this client connected to serve: while it is not open, the
	 * {@code websocketClients} health is DOWN.
	 */
	private boolean required;

	@NestedConfigurationProperty
	private final HeartbeatProperties heartbeat = new HeartbeatProperties();

	private final Reconnect reconnect = new Reconnect();

	private final Buffer buffer = new Buffer();

	private final Compression compression = new Compression();

	private final Ssl ssl = new Ssl();

	private final OAuth2 oauth2 = new OAuth2();

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

	public DataSize getMaxTextMessageSize() {
		return this.maxTextMessageSize;
	}

	public void setMaxTextMessageSize(DataSize maxTextMessageSize) {
		this.maxTextMessageSize = maxTextMessageSize;
	}

	public DataSize getMaxBinaryMessageSize() {
		return this.maxBinaryMessageSize;
	}

	public void setMaxBinaryMessageSize(DataSize maxBinaryMessageSize) {
		this.maxBinaryMessageSize = maxBinaryMessageSize;
	}

	public boolean isRequired() {
		return this.required;
	}

	public void setRequired(boolean required) {
		this.required = required;
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

	public Compression getCompression() {
		return this.compression;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public OAuth2 getOauth2() {
		return this.oauth2;
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

	/**
	 * The permessage-deflate extension (RFC 7692), offered by the client.
	 */
	public static class Compression {

		/**
		 * Whether the client offers permessage-deflate; the server decides whether it is used.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The TLS setup of a wss:// client.
	 */
	public static class Ssl {

		/**
		 * Name of the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust material, and key
		 * material for client certificates, the client uses; the JVM's default trust when unset.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * An OAuth 2.0 access token sent with each handshake, from Spring Security's OAuth 2.0 client.
	 */
	public static class OAuth2 {

		/**
		 * Id of the client registration ({@code spring.security.oauth2.client.registration.<id>})
		 * whose access token each attempt sends as {@code Authorization: Bearer <token>}, fetched
		 * with the registration's client credentials grant and fetched again once it expires.
		 */
		private @Nullable String clientRegistrationId;

		public @Nullable String getClientRegistrationId() {
			return this.clientRegistrationId;
		}

		public void setClientRegistrationId(@Nullable String clientRegistrationId) {
			this.clientRegistrationId = clientRegistrationId;
		}

	}

}
