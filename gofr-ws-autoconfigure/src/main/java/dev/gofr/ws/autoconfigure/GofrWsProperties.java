package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gofr.ws.limit.RateLimit;
import dev.gofr.ws.send.OverflowPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
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

	private final Heartbeat heartbeat = new Heartbeat();

	private final Limits limits = new Limits();

	private final Shutdown shutdown = new Shutdown();

	private final Container container = new Container();

	private final Observation observation = new Observation();

	private final Compression compression = new Compression();

	private final Cluster cluster = new Cluster();

	private final Handshake handshake = new Handshake();

	private final Security security = new Security();

	private final Handler handler = new Handler();

	/**
	 * Settings per route, keyed by route name.
	 */
	private Map<String, Endpoint> endpoints = new LinkedHashMap<>();

	/**
	 * Reconnecting WebSocket clients, keyed by client name; each becomes a ReconnectingClient
	 * bean.
	 */
	private Map<String, Client> clients = new LinkedHashMap<>();

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

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public Limits getLimits() {
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

	public Compression getCompression() {
		return this.compression;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Handshake getHandshake() {
		return this.handshake;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Handler getHandler() {
		return this.handler;
	}

	public Map<String, Endpoint> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(Map<String, Endpoint> endpoints) {
		this.endpoints = endpoints;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, Client> clients) {
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
	 * Ping/pong heartbeat that closes connections gone silent: the server's for its connections,
	 * and each client's for its server (a client then reconnects). A route may set its own under
	 * gofr.ws.endpoints.<name>.heartbeat; what it leaves unset is the node's.
	 */
	public static class Heartbeat extends RouteOverridable {

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

	/**
	 * Connection limits and message rate limits. A route may set its own under
	 * gofr.ws.endpoints.<name>.limits: its connection limits count its own connections, on top of
	 * the node's; the message limits it leaves unset are the node's.
	 */
	public static class Limits extends RouteOverridable {

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
		 * Shortest time between two accepted handshakes on this node (on a route: on that route,
		 * on top of the node's throttle); 0 for none; sooner, handshakes get 503 with Retry-After.
		 */
		private Duration connectionThrottle = Duration.ZERO;

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
	 * Rooms and broadcast across every node of the application, through Redis pub/sub on the
	 * application's Spring Data Redis connection ({@code spring.data.redis.*}).
	 */
	public static class Cluster {

		/**
		 * Whether rooms and broadcast span every node through Redis; needs Spring Data Redis and
		 * a Redis connection.
		 */
		private boolean enabled;

		/**
		 * Redis pub/sub channel the nodes of one cluster share.
		 */
		private String channel = "gofr-ws";

		/**
		 * Id of this node, unique in the cluster; a random one is made at startup when unset.
		 */
		private @Nullable String nodeId;

		/**
		 * Time between two heartbeats of this node, which carry its connection count; a publish
		 * to Redis that takes longer marks Redis unreachable.
		 */
		private Duration heartbeatInterval = Duration.ofSeconds(5);

		/**
		 * How long a node stays listed after its last heartbeat.
		 */
		private Duration nodeTimeout = Duration.ofSeconds(15);

		/**
		 * Most broadcasts waiting to be published to Redis; further ones are dropped for the
		 * other nodes, and counted.
		 */
		private int maxPending = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getChannel() {
			return this.channel;
		}

		public void setChannel(String channel) {
			this.channel = channel;
		}

		public @Nullable String getNodeId() {
			return this.nodeId;
		}

		public void setNodeId(@Nullable String nodeId) {
			this.nodeId = nodeId;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public Duration getNodeTimeout() {
			return this.nodeTimeout;
		}

		public void setNodeTimeout(Duration nodeTimeout) {
			this.nodeTimeout = nodeTimeout;
		}

		public int getMaxPending() {
			return this.maxPending;
		}

		public void setMaxPending(int maxPending) {
			this.maxPending = maxPending;
		}

	}

	/**
	 * The permessage-deflate extension (RFC 7692). A route may set its own under
	 * gofr.ws.endpoints.<name>.compression; unset, it is the node's.
	 */
	public static class Compression extends RouteOverridable {

		/**
		 * Whether permessage-deflate is negotiated with clients that offer it; it trades server
		 * CPU for fewer bytes on the wire (see docs/compression.md), and compressing secrets next
		 * to attacker-chosen text can leak them (CRIME/BREACH).
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
			markSet("enabled");
		}

	}

	/**
	 * What a connection keeps of its handshake request, besides its route's path variables and
	 * its query. A route may set its own under gofr.ws.endpoints.<name>.handshake; unset, it is
	 * the node's.
	 */
	public static class Handshake extends RouteOverridable {

		/**
		 * Request headers a connection keeps from its handshake, by name (case-insensitive), for
		 * WsConnection.handshakeHeader; the others are not kept, so list a credential such as
		 * Authorization only when a handler must read it.
		 */
		private List<String> headers = new ArrayList<>();

		public List<String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(List<String> headers) {
			this.headers = headers;
			markSet("headers");
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
	 * Where the routes' handlers run (see docs/handlers-that-block.md). A route may set its own
	 * under gofr.ws.endpoints.<name>.handler; unset, it is the node's.
	 */
	public static class Handler extends RouteOverridable {

		/**
		 * Where handlers run: container (the container's thread that read the message), virtual (a
		 * virtual thread per connection with work waiting; Java 21 or later) or the name of a
		 * TaskExecutor bean; on an executor each connection's messages are handled one at a time,
		 * in order; unset, virtual when spring.threads.virtual.enabled is true on Java 21 or later,
		 * container otherwise.
		 */
		private @Nullable String executor;

		/**
		 * Most messages of one connection waiting for its handler on an executor; when reached,
		 * the connection stops reading from its peer until half of them have been handled.
		 */
		private int maxQueuedMessages = 16;

		public @Nullable String getExecutor() {
			return this.executor;
		}

		public void setExecutor(@Nullable String executor) {
			this.executor = executor;
			markSet("executor");
		}

		public int getMaxQueuedMessages() {
			return this.maxQueuedMessages;
		}

		public void setMaxQueuedMessages(int maxQueuedMessages) {
			this.maxQueuedMessages = maxQueuedMessages;
			markSet("max-queued-messages");
		}

	}

	/**
	 * How gofr-ws tunes the servlet container.
	 */
	public static class Container {

		/**
		 * Whether to keep the container's per-connection WebSocket buffers small (on Tomcat:
		 * 1024 characters of text and 2048 bytes of binary message buffer, 2048-byte I/O buffers),
		 * so idle connections do not hold buffers sized for the largest message; turn off when
		 * other WebSocket endpoints of the application, such as STOMP, need whole messages larger
		 * than that.
		 */
		private boolean shrinkBuffers = true;

		public boolean isShrinkBuffers() {
			return this.shrinkBuffers;
		}

		public void setShrinkBuffers(boolean shrinkBuffers) {
			this.shrinkBuffers = shrinkBuffers;
		}

	}

	/**
	 * Settings of one route; unset values fall back to the global ones.
	 */
	public static class Endpoint {

		/**
		 * Path of the route, replacing the one given in code; a template such as
		 * /ws/rooms/{room} names variables that each match one segment.
		 */
		private @Nullable String path;

		/**
		 * Origins allowed to open connections on this route, replacing gofr.ws.allowed-origins.
		 */
		private @Nullable List<String> allowedOrigins;

		/**
		 * Subprotocols this route speaks, most preferred first: the handshake accepts the first
		 * of them the client offers; replaces those the route names in code; empty keeps them.
		 */
		private List<String> subprotocols = new ArrayList<>();

		/**
		 * Whether a handshake offering none of the route's subprotocols is refused with 400;
		 * unset keeps the route's own choice (false unless the route requires one).
		 */
		private @Nullable Boolean requireSubprotocol;

		private final Heartbeat heartbeat = new Heartbeat();

		private final Limits limits = new Limits();

		private final Compression compression = new Compression();

		private final Handshake handshake = new Handshake();

		private final Handler handler = new Handler();

		public List<String> getSubprotocols() {
			return this.subprotocols;
		}

		public void setSubprotocols(List<String> subprotocols) {
			this.subprotocols = subprotocols;
		}

		public @Nullable Boolean getRequireSubprotocol() {
			return this.requireSubprotocol;
		}

		public void setRequireSubprotocol(@Nullable Boolean requireSubprotocol) {
			this.requireSubprotocol = requireSubprotocol;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public Handshake getHandshake() {
			return this.handshake;
		}

		public Handler getHandler() {
			return this.handler;
		}

		public Heartbeat getHeartbeat() {
			return this.heartbeat;
		}

		public Limits getLimits() {
			return this.limits;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(@Nullable List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

	}

	/**
	 * One reconnecting client: the server it connects to, and how it stays connected.
	 */
	public static class Client {

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

		private final Heartbeat heartbeat = new Heartbeat();

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

		public Heartbeat getHeartbeat() {
			return this.heartbeat;
		}

		public Reconnect getReconnect() {
			return this.reconnect;
		}

		public Buffer getBuffer() {
			return this.buffer;
		}

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
	 * A group of settings that a route may set for itself under {@code gofr.ws.endpoints.<name>}:
	 * it remembers which of its values were set, so that a value a route leaves unset is the
	 * node's.
	 */
	public abstract static class RouteOverridable {

		private final Set<String> set = new HashSet<>();

		/**
		 * Note that a value was set.
		 * @param key the value's key within the group, such as {@code ping-interval}
		 */
		protected final void markSet(String key) {
			this.set.add(key);
		}

		/**
		 * Whether a value was set, rather than left at its default.
		 * @param key the value's key within the group, such as {@code ping-interval}
		 * @return whether it was set
		 */
		public final boolean wasSet(String key) {
			return this.set.contains(key);
		}

	}

}
