package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.send.OverflowPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of gofr-ws, under {@code gofr.ws}.
 */
@ConfigurationProperties("gofr.ws")
public class GofrWsProperties {

	/**
	 * Whether gofr-ws serves its routes.
	 */
	private boolean enabled = true;

	/**
	 * Origins allowed to open connections, matched exactly; empty allows the same origin only,
	 * "*" allows any and must be set explicitly.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Largest text message accepted, counted in characters; a larger one closes the connection
	 * with 1009.
	 */
	private DataSize maxTextMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Largest binary message accepted; a larger one closes the connection with 1009.
	 */
	private DataSize maxBinaryMessageSize = DataSize.ofKilobytes(64);

	private final Send send = new Send();

	@NestedConfigurationProperty
	private final HeartbeatProperties heartbeat = new HeartbeatProperties();

	@NestedConfigurationProperty
	private final NodeLimitsProperties limits = new NodeLimitsProperties();

	private final Shutdown shutdown = new Shutdown();

	private final Container container = new Container();

	private final Observation observation = new Observation();

	@NestedConfigurationProperty
	private final CompressionProperties compression = new CompressionProperties();

	@NestedConfigurationProperty
	private final ClusterProperties cluster = new ClusterProperties();

	@NestedConfigurationProperty
	private final HistoryProperties history = new HistoryProperties();

	@NestedConfigurationProperty
	private final HandshakeProperties handshake = new HandshakeProperties();

	private final Security security = new Security();

	@NestedConfigurationProperty
	private final HandlerProperties handler = new HandlerProperties();

	/**
	 * Settings per route, keyed by route name.
	 */
	private Map<String, EndpointProperties> endpoints = new LinkedHashMap<>();

	/**
	 * Reconnecting WebSocket clients, keyed by client name; each becomes a ReconnectingClient
	 * bean.
	 */
	private Map<String, ClientProperties> clients = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
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

	public Send getSend() {
		return this.send;
	}

	public HeartbeatProperties getHeartbeat() {
		return this.heartbeat;
	}

	public NodeLimitsProperties getLimits() {
		return this.limits;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Container getContainer() {
		return this.container;
	}

	public Observation getObservation() {
		return this.observation;
	}

	public CompressionProperties getCompression() {
		return this.compression;
	}

	public ClusterProperties getCluster() {
		return this.cluster;
	}

	public HistoryProperties getHistory() {
		return this.history;
	}

	public HandshakeProperties getHandshake() {
		return this.handshake;
	}

	public Security getSecurity() {
		return this.security;
	}

	public HandlerProperties getHandler() {
		return this.handler;
	}

	public Map<String, EndpointProperties> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(Map<String, EndpointProperties> endpoints) {
		this.endpoints = endpoints;
	}

	public Map<String, ClientProperties> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, ClientProperties> clients) {
		this.clients = clients;
	}

	/**
	 * How each connection's outbound queue treats a slow peer.
	 */
	public static class Send {

		/**
		 * Most outbound bytes queued for one connection; past it the overflow policy applies.
		 */
		private DataSize bufferLimit = DataSize.ofMegabytes(1);

		/**
		 * Longest one write may wait for the peer before the peer counts as slow and is closed
		 * with 1013.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * What happens when the send buffer is full: close (1013), drop-oldest or drop-newest.
		 */
		private OverflowPolicy overflow = OverflowPolicy.CLOSE;

		/**
		 * Threads that write broadcasts to their recipients' sockets; 0 for one per available
		 * processor.
		 */
		private int writerThreads;

		/**
		 * Whether a write by the broadcast writer threads or the heartbeat's sweeper completes on
		 * the writing thread where the container would hand the completion to one of its request
		 * threads (on Tomcat, the connector's executor is wrapped).
		 */
		private boolean inlineCompletions;

		public DataSize getBufferLimit() {
			return this.bufferLimit;
		}

		public void setBufferLimit(DataSize bufferLimit) {
			this.bufferLimit = bufferLimit;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public OverflowPolicy getOverflow() {
			return this.overflow;
		}

		public void setOverflow(OverflowPolicy overflow) {
			this.overflow = overflow;
		}

		public int getWriterThreads() {
			return this.writerThreads;
		}

		public void setWriterThreads(int writerThreads) {
			this.writerThreads = writerThreads;
		}

		public boolean isInlineCompletions() {
			return this.inlineCompletions;
		}

		public void setInlineCompletions(boolean inlineCompletions) {
			this.inlineCompletions = inlineCompletions;
		}

	}

	/**
	 * What happens to open connections when the application stops.
	 */
	public static class Shutdown {

		/**
		 * Longest wait, after sending 1001 to every connection, for queued messages to flush and
		 * connections to close before the rest are cut off.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Micrometer Observations (traces, and the timers derived from them) of handshakes and
	 * messages, made when the application has an observation registry.
	 */
	public static class Observation {

		/**
		 * Whether each handshake is observed as {@code gofr.ws.handshake}.
		 */
		private boolean handshakes = true;

		/**
		 * Whether each handled message is observed as {@code gofr.ws.message}; off by default
		 * because it costs CPU on every message (see docs/observability.md), as Spring's own
		 * messaging listeners do.
		 */
		private boolean messages;

		public boolean isHandshakes() {
			return this.handshakes;
		}

		public void setHandshakes(boolean handshakes) {
			this.handshakes = handshakes;
		}

		public boolean isMessages() {
			return this.messages;
		}

		public void setMessages(boolean messages) {
			this.messages = messages;
		}

	}

	/**
	 * Spring Security after the handshake, when it is on the class path: the security context of
	 * each message, credentials that expire, and what a denied message gets.
	 */
	public static class Security {

		/**
		 * Whether each connection's messages run with its Authentication in the
		 * SecurityContextHolder, its credentials' expiry is watched, and the application's
		 * AuthorizationManager bean of WsMessageAuthorizationContext authorizes every message.
		 */
		private boolean enabled = true;

		/**
		 * Whether a connection is closed with 1008 when its credentials expire (such as a JWT's
		 * exp) or the HTTP session login it was opened under ends (logout, invalidation, timeout),
		 * at the sweeper's first tick after.
		 */
		private boolean closeOnExpiry = true;

		/**
		 * What happens to a message refused for lack of rights (by the message authorization
		 * rules, or an AccessDeniedException from the handler): error (FORBIDDEN, or UNAUTHORIZED
		 * without an authenticated user, as an error frame; the message is dropped) or close
		 * (1008).
		 */
		private OnAccessDenied onAccessDenied = OnAccessDenied.ERROR;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isCloseOnExpiry() {
			return this.closeOnExpiry;
		}

		public void setCloseOnExpiry(boolean closeOnExpiry) {
			this.closeOnExpiry = closeOnExpiry;
		}

		public OnAccessDenied getOnAccessDenied() {
			return this.onAccessDenied;
		}

		public void setOnAccessDenied(OnAccessDenied onAccessDenied) {
			this.onAccessDenied = onAccessDenied;
		}

		/**
		 * What a message refused for lack of rights gets.
		 */
		public enum OnAccessDenied {

			/** An error frame (FORBIDDEN or UNAUTHORIZED); the message is dropped, the connection stays. */
			ERROR,

			/** A close with 1008. */
			CLOSE

		}

	}

	/**
	 * How gofr-ws tunes the servlet container.
	 */
	public static class Container {

		/**
		 * Whether to keep the container's per-connection WebSocket buffers small (on Tomcat:
		 * 512 characters of text and 1024 bytes of binary message buffer, 1024-byte I/O buffers),
		 * so idle connections do not hold buffers sized for the largest message; turn off when
		 * other WebSocket endpoints of the application, such as STOMP, need whole messages larger
		 * than that.
		 */
		private boolean shrinkBuffers = true;

		/**
		 * On Tomcat, the size of each of the connector's two per-connection socket buffers (its
		 * {@code socket.appReadBufSize} and {@code socket.appWriteBufSize}), which every
		 * connection holds for as long as it is open; Tomcat's own 8 KB when unset. They serve
		 * every HTTP request of the connector too, not only WebSocket connections.
		 */
		private @Nullable DataSize socketBufferSize;

		public @Nullable DataSize getSocketBufferSize() {
			return this.socketBufferSize;
		}

		public void setSocketBufferSize(@Nullable DataSize socketBufferSize) {
			this.socketBufferSize = socketBufferSize;
		}

		public boolean isShrinkBuffers() {
			return this.shrinkBuffers;
		}

		public void setShrinkBuffers(boolean shrinkBuffers) {
			this.shrinkBuffers = shrinkBuffers;
		}

	}

}
