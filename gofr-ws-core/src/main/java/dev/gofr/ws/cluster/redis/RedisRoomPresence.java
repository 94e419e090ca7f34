package dev.gofr.ws.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import dev.gofr.ws.cluster.ClusterNode;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.RoomPresence;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Room presence in Redis: one hash per room ({@code {<channel>:<room>}:p}) with a field per node
 * holding that node's member count. The relay's publisher thread reports the counts that changed
 * since its last heartbeat, in the heartbeat's pipeline, and withdraws them when the node stops;
 * a count sums the fields of the live nodes ({@link ClusterNodes}) and deletes those of nodes
 * that are gone.
 */
public final class RedisRoomPresence implements RoomPresence {

	private final RedisConnectionFactory connectionFactory;

	private final String channel;

	private final ClusterNodes nodes;

	private final Supplier<Map<String, Integer>> localCounts;

	private final ToIntFunction<String> localCount;

	/** Every this many reports, every count is sent again, whether it changed or not. */
	private static final int FULL_REPORT = 12;

	/** What this node reported last; touched by the publisher thread alone. */
	private Map<String, Integer> reported = new HashMap<>();

	private int reports;

	/**
	 * Create the presence of a node.
	 * @param connectionFactory the application's Redis connections
	 * @param channel the cluster channel, which the keys start with
	 * @param nodes the live nodes; its {@code self} is this node
	 * @param localCounts this node's rooms with their member counts
	 * @param localCount the member count of one room on this node
	 */
	public RedisRoomPresence(RedisConnectionFactory connectionFactory, String channel, ClusterNodes nodes,
			Supplier<Map<String, Integer>> localCounts, ToIntFunction<String> localCount) {
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.nodes = nodes;
		this.localCounts = localCounts;
		this.localCount = localCount;
	}

	/**
	 * Report the counts that changed since the last report, on a connection (in a pipeline).
	 * @param connection the publisher's connection
	 */
	void report(RedisConnection connection) {
		if (++this.reports % FULL_REPORT == 0) {
			this.reported = new HashMap<>(); // Redis may have lost them (a restart without persistence)
		}
		Map<String, Integer> now = this.localCounts.get();
		byte[] self = bytes(this.nodes.self());
		for (Map.Entry<String, Integer> room : now.entrySet()) {
			if (!room.getValue().equals(this.reported.get(room.getKey()))) {
				connection.hashCommands().hSet(key(room.getKey()), self, bytes(Integer.toString(room.getValue())));
			}
		}
		for (String room : this.reported.keySet()) {
			if (!now.containsKey(room)) {
				connection.hashCommands().hDel(key(room), self);
			}
		}
		this.reported = new HashMap<>(now);
	}

	/**
	 * The last report may not have reached Redis: send every count with the next.
	 */
	void unreported() {
		this.reported = new HashMap<>();
	}

	/**
	 * Take this node's counts back, as it stops.
	 * @param connection a connection
	 */
	void withdraw(RedisConnection connection) {
		byte[] self = bytes(this.nodes.self());
		for (String room : this.reported.keySet()) {
			connection.hashCommands().hDel(key(room), self);
		}
		this.reported = new HashMap<>();
	}

	@Override
	public long members(String room) {
		return members(List.of(room)).getOrDefault(room, 0L);
	}

	@Override
	public Map<String, Long> members(Collection<String> rooms) {
		List<String> names = new ArrayList<>(rooms);
		Map<String, Long> members = new LinkedHashMap<>();
		if (names.isEmpty()) {
			return members;
		}
		Set<String> live = new HashSet<>();
		for (ClusterNode node : this.nodes.live()) {
			live.add(node.id());
		}
		String self = this.nodes.self();
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			List<Object> replies = hGetAll(connection, names);
			List<byte[][]> gone = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				String room = names.get(i);
				long count = this.localCount.applyAsInt(room);
				for (Map.Entry<?, ?> field : fields(replies, i).entrySet()) {
					String node = new String((byte[]) field.getKey(), StandardCharsets.UTF_8);
					if (node.equals(self)) {
						continue; // counted as it is now
					}
					if (live.contains(node)) {
						count += Long.parseLong(new String((byte[]) field.getValue(), StandardCharsets.UTF_8));
					}
					else {
						gone.add(new byte[][] { key(room), (byte[]) field.getKey() });
					}
				}
				members.put(room, count);
			}
			for (byte[][] field : gone) {
				connection.hashCommands().hDel(field[0], field[1]); // a node that died without a farewell
			}
		}
		return members;
	}

	/** One round trip on a single Redis; one per room on a Redis Cluster, which Spring Data Redis does not pipeline. */
	private List<Object> hGetAll(RedisConnection connection, List<String> rooms) {
		if (connection instanceof RedisClusterConnection) {
			List<Object> replies = new ArrayList<>(rooms.size());
			for (String room : rooms) {
				replies.add(connection.hashCommands().hGetAll(key(room)));
			}
			return replies;
		}
		connection.openPipeline();
		for (String room : rooms) {
			connection.hashCommands().hGetAll(key(room));
		}
		return connection.closePipeline();
	}

	private static Map<?, ?> fields(@Nullable List<Object> replies, int index) {
		Object reply = (replies != null && index < replies.size()) ? replies.get(index) : null;
		return (reply instanceof Map<?, ?> map) ? map : Map.of();
	}

	private byte[] key(String room) {
		return bytes("{" + this.channel + ":" + room + "}:p");
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
