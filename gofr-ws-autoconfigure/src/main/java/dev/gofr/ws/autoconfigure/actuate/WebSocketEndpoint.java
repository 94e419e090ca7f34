package dev.gofr.ws.autoconfigure.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.gofr.ws.client.ClientStatus;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.RoomPresence;

import dev.gofr.ws.connection.ConnectionInfo;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code websocket} Actuator endpoint: connection counts, rooms, a bounded list of sessions
 * and the reconnecting clients; one session by id; and, where write access is granted
 * ({@code management.endpoint.websocket.access=unrestricted}), closing one with 1000. Metadata
 * and path variable values are masked unless {@code management.endpoint.websocket.show-values}
 * allows them. The handshake's query and headers are never shown: query values are often
 * credentials.
 */
@Endpoint(id = "websocket", defaultAccess = Access.READ_ONLY)
public class WebSocketEndpoint {

	/** The most sessions listed when the request does not say. */
	public static final int DEFAULT_LIMIT = 100;

	private static final String MASK = "******";

	private final ConnectionRegistry registry;

	private final Rooms rooms;

	private final Show showValues;

	private final Set<String> roles;

	private final Supplier<? extends List<ReconnectingClient>> clients;

	private final @Nullable ClusterNodes clusterNodes;

	private final @Nullable RoomPresence presence;

	/**
	 * Create the endpoint, with no clients.
	 * @param registry the live connections
	 * @param rooms the rooms
	 * @param showValues when metadata values are shown
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}
	 */
	public WebSocketEndpoint(ConnectionRegistry registry, Rooms rooms, Show showValues, Set<String> roles) {
		this(registry, rooms, showValues, roles, List::of, null);
	}

	/**
	 * Create the endpoint of a node with reconnecting clients.
	 * @param registry the live connections
	 * @param rooms the rooms
	 * @param showValues when metadata values are shown
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}
	 * @param clients the reconnecting clients, read on each request
	 */
	public WebSocketEndpoint(ConnectionRegistry registry, Rooms rooms, Show showValues, Set<String> roles,
			Supplier<? extends List<ReconnectingClient>> clients) {
		this(registry, rooms, showValues, roles, clients, null);
	}

	/**
	 * Create the endpoint.
	 * @param registry the live connections
	 * @param rooms the rooms
	 * @param showValues when metadata values are shown
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}
	 * @param clients the reconnecting clients, read on each request
	 * @param clusterNodes the live nodes of the cluster, or {@code null} when clustering is off
	 */
	public WebSocketEndpoint(ConnectionRegistry registry, Rooms rooms, Show showValues, Set<String> roles,
			Supplier<? extends List<ReconnectingClient>> clients, @Nullable ClusterNodes clusterNodes) {
		this(registry, rooms, showValues, roles, clients, clusterNodes, null);
	}

	/**
	 * Create the endpoint of a node of a cluster that counts rooms' members on every node.
	 * @param registry the live connections
	 * @param rooms the rooms
	 * @param showValues when metadata values are shown
	 * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED}
	 * @param clients the reconnecting clients, read on each request
	 * @param clusterNodes the live nodes of the cluster, or {@code null} when clustering is off
	 * @param presence counts rooms' members across the cluster, or {@code null}
	 */
	public WebSocketEndpoint(ConnectionRegistry registry, Rooms rooms, Show showValues, Set<String> roles,
			Supplier<? extends List<ReconnectingClient>> clients, @Nullable ClusterNodes clusterNodes,
			@Nullable RoomPresence presence) {
		this.presence = presence;
		this.registry = registry;
		this.rooms = rooms;
		this.showValues = showValues;
		this.roles = roles;
		this.clients = clients;
		this.clusterNodes = clusterNodes;
	}

	/**
	 * The summary, with the sessions filtered and bounded.
	 * @param securityContext the caller
	 * @param endpoint only sessions of this endpoint
	 * @param room only sessions in this room
	 * @param limit at most this many sessions; {@value #DEFAULT_LIMIT} by default
	 * @return the summary
	 */
	@ReadOperation
	public WebSocketDescriptor websocket(SecurityContext securityContext, @Nullable String endpoint,
			@Nullable String room, @Nullable Integer limit) {
		boolean show = this.showValues.isShown(securityContext, this.roles);
		Map<String, Integer> byEndpoint = new TreeMap<>();
		for (String name : this.registry.routes()) {
			byEndpoint.put(name, this.registry.count(name));
		}
		Stream<WsConnection> sessions = (room != null) ? this.rooms.members(room).stream()
				: (endpoint != null) ? this.registry.connections(endpoint).stream() : this.registry.connections().stream();
		if (room != null && endpoint != null) {
			sessions = sessions.filter((connection) -> connection.endpoint().equals(endpoint));
		}
		int max = (limit != null && limit >= 0) ? limit : DEFAULT_LIMIT;
		List<SessionDescriptor> listed = oldest(sessions, max).stream()
			.map((connection) -> describe(connection, show))
			.toList();
		Map<String, Integer> counts = this.rooms.counts();
		Map<String, Long> inCluster = inCluster(counts.keySet());
		List<RoomDescriptor> rooms = counts.entrySet()
			.stream()
			.map((entry) -> new RoomDescriptor(entry.getKey(), entry.getValue(), inCluster.get(entry.getKey())))
			.toList();
		List<ClientDescriptor> clients = this.clients.get()
			.stream()
			.map(ReconnectingClient::status)
			.sorted(Comparator.comparing(ClientStatus::name))
			.map(ClientDescriptor::of)
			.toList();
		return new WebSocketDescriptor(new ConnectionsDescriptor(this.registry.count(), this.registry.opened(), byEndpoint),
				rooms, listed, clients, cluster());
	}

	private Map<String, Long> inCluster(Set<String> rooms) {
		if (this.presence == null || rooms.isEmpty()) {
			return Map.of();
		}
		try {
			return this.presence.members(rooms);
		}
		catch (RuntimeException ex) {
			return Map.of(); // Redis is away: the node's own counts only
		}
	}

	private @Nullable ClusterDescriptor cluster() {
		if (this.clusterNodes == null) {
			return null;
		}
		List<NodeDescriptor> nodes = this.clusterNodes.live()
			.stream()
			.map((node) -> new NodeDescriptor(node.id(), node.connections(), node.self(), node.lastSeen()))
			.toList();
		return new ClusterDescriptor(this.clusterNodes.self(), nodes,
				nodes.stream().mapToInt(NodeDescriptor::connections).sum());
	}

	/**
	 * One session.
	 * @param securityContext the caller
	 * @param id the connection id
	 * @return the session, or {@code null} (404) when unknown
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(SecurityContext securityContext, @Selector String id) {
		boolean show = this.showValues.isShown(securityContext, this.roles);
		return this.registry.find(id).map((connection) -> describe(connection, show)).orElse(null);
	}

	/**
	 * Close one session with 1000, "closed by operator".
	 * @param id the connection id
	 * @return what was closed, or {@code null} (404) when unknown
	 */
	@DeleteOperation
	public @Nullable ClosedDescriptor close(@Selector String id) {
		return this.registry.find(id).map((connection) -> {
			connection.close(CloseCodes.NORMAL, "closed by operator");
			return new ClosedDescriptor(connection.id(), CloseCodes.NORMAL, "closed by operator");
		}).orElse(null);
	}

	/**
	 * The {@code max} longest-connected sessions, oldest first, without describing or sorting the
	 * rest: a node with many connections answers in O(n log max).
	 */
	private static List<WsConnection> oldest(Stream<WsConnection> sessions, int max) {
		if (max == 0) {
			return List.of();
		}
		Comparator<WsConnection> byAge = Comparator.comparing(WsConnection::connectedAt);
		PriorityQueue<WsConnection> youngestOnTop = new PriorityQueue<>(Math.min(max, 1024), byAge.reversed());
		sessions.forEach((connection) -> {
			if (youngestOnTop.size() < max) {
				youngestOnTop.add(connection);
			}
			else if (byAge.compare(connection, youngestOnTop.peek()) < 0) {
				youngestOnTop.poll();
				youngestOnTop.add(connection);
			}
		});
		List<WsConnection> oldest = new ArrayList<>(youngestOnTop);
		oldest.sort(byAge);
		return oldest;
	}

	private static SessionDescriptor describe(WsConnection connection, boolean show) {
		ConnectionInfo info = connection.info();
		Map<String, Object> values = new LinkedHashMap<>();
		new TreeMap<>(connection.metadata()).forEach((key, value) -> values.put(key, show ? value : MASK));
		Map<String, String> pathVariables = new LinkedHashMap<>();
		new TreeMap<>(connection.pathVariables()).forEach((name, value) -> pathVariables.put(name, show ? value : MASK));
		return new SessionDescriptor(info.id(), info.endpoint(), pathVariables, info.state().name(),
				(info.remoteAddress() != null) ? info.remoteAddress().getAddress().getHostAddress() + ":"
						+ info.remoteAddress().getPort() : null,
				info.connectedAt(), info.lastActivity(), info.subprotocol(), info.extensions(),
				info.rooms().stream().sorted().toList(), info.messagesReceived(), info.messagesSent(),
				info.bytesReceived(), info.bytesSent(), info.bytesQueued(), values);
	}

	/**
	 * The whole answer of {@code GET /actuator/websocket}.
	 * @param connections the counts
	 * @param rooms every room with its member count
	 * @param sessions the sessions listed
	 * @param clients the reconnecting clients
	 * @param cluster the live nodes, with clustering on; left out otherwise
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record WebSocketDescriptor(ConnectionsDescriptor connections, List<RoomDescriptor> rooms,
			List<SessionDescriptor> sessions, List<ClientDescriptor> clients,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ClusterDescriptor cluster)
			implements OperationResponseBody {
	}

	/**
	 * The cluster, as this node sees it.
	 * @param node this node's id
	 * @param nodes the live nodes, this one first
	 * @param total the open connections of all of them
	 */
	public record ClusterDescriptor(String node, List<NodeDescriptor> nodes, int total) {
	}

	/**
	 * A live node.
	 * @param id its id
	 * @param connections its open connections
	 * @param self whether it is the node answering
	 * @param lastSeen when its last heartbeat arrived
	 */
	public record NodeDescriptor(String id, int connections, boolean self, Instant lastSeen) {
	}

	/**
	 * Connection counts.
	 * @param active open now
	 * @param opened opened since the application started
	 * @param byEndpoint open now, per endpoint
	 */
	public record ConnectionsDescriptor(int active, long opened, Map<String, Integer> byEndpoint) {
	}

	/**
	 * A room.
	 * @param name the room name
	 * @param members its member count on this node
	 * @param membersInCluster its member count on every live node, with clustering on (as each
	 * node reported it with its last heartbeat); left out otherwise
	 */
	public record RoomDescriptor(String name, int members,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long membersInCluster) {

		/**
		 * A room of a node on its own.
		 * @param name the room name
		 * @param members its member count
		 */
		public RoomDescriptor(String name, int members) {
			this(name, members, null);
		}

	}

	/**
	 * A session.
	 * @param id the connection id
	 * @param endpoint the endpoint name
	 * @param pathVariables the variables of the route's path, values masked unless shown
	 * @param state the state
	 * @param remoteAddress the peer's address and port
	 * @param connectedAt when it connected
	 * @param lastActivity when the peer last sent a frame
	 * @param subprotocol the negotiated subprotocol
	 * @param extensions the negotiated extensions
	 * @param rooms the rooms it is in
	 * @param messagesReceived data messages received
	 * @param messagesSent data messages written
	 * @param bytesReceived payload bytes received
	 * @param bytesSent payload bytes written
	 * @param bytesQueued payload bytes waiting to be written
	 * @param metadata the metadata, values masked unless shown
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record SessionDescriptor(String id, String endpoint, Map<String, String> pathVariables, String state,
			@Nullable String remoteAddress, Instant connectedAt, Instant lastActivity, @Nullable String subprotocol, List<String> extensions,
			List<String> rooms, long messagesReceived, long messagesSent, long bytesReceived, long bytesSent,
			long bytesQueued, Map<String, Object> metadata) implements OperationResponseBody {
	}

	/**
	 * A reconnecting client.
	 * @param name the client name
	 * @param url the server's address
	 * @param state CONNECTING, OPEN, RECONNECTING, CLOSED or GAVE_UP
	 * @param attempts connection attempts since the last successful one began
	 * @param connectedAt when the current connection opened, {@code null} when not open
	 * @param lastError the last failure or drop, {@code null} when none
	 * @param reconnects times it connected again after a drop
	 * @param buffered sends waiting to be written
	 * @param rejected sends refused because its buffer was full
	 * @param retryAfterWaits waits that the server set with {@code Retry-After} when it refused an
	 * attempt
	 * @param oversizedMessages incoming messages over its size limits, each of which closed its
	 * connection with 1009
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ClientDescriptor(String name, String url, String state, int attempts, @Nullable Instant connectedAt,
			@Nullable String lastError, long reconnects, int buffered, long rejected, long retryAfterWaits,
			long oversizedMessages) {

		static ClientDescriptor of(ClientStatus status) {
			return new ClientDescriptor(status.name(), status.url().toString(), status.state().name(), status.attempts(),
					status.connectedAt(), status.lastError(), status.reconnects(), status.buffered(), status.rejected(),
					status.retryAfterWaits(), status.oversizedMessages());
		}

	}

	/**
	 * The answer of {@code DELETE /actuator/websocket/{id}}.
	 * @param id the connection id
	 * @param code the close code sent
	 * @param reason the close reason sent
	 */
	public record ClosedDescriptor(String id, int code, String reason) implements OperationResponseBody {
	}

}
