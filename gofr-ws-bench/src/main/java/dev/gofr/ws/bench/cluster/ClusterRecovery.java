package dev.gofr.ws.bench.cluster;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.gofr.ws.bench.client.ChatText;
import dev.gofr.ws.bench.client.WsLoadClient;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.cluster.redis.RedisClusterSubscription;
import dev.gofr.ws.registry.ConnectionRegistry;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Recovery across nodes after a reconnect storm, on two nodes with history on: {@code clients}
 * connections on node 2's {@code /ws/chat} join the room {@code recovery}; node 1 broadcasts one
 * JSON object to the room, from which each client learns its offset and epoch; the clients
 * disconnect; node 1 broadcasts {@code messages} more (JSON objects of about {@code size} bytes,
 * numbered, so stamped and kept); then every client reconnects at once, to node 1, and joins with
 * its offset and epoch. Each client checks that it gets {@code "recovered":true}, then exactly the
 * messages it missed, in order, with consecutive offsets of the same epoch.
 * <p>
 * Reported: how long until every client is connected, answered, and has every missed message;
 * the clients that failed, by reason; and the CPU time during that window of this JVM (both
 * nodes, with their GC and JIT) less the clients' one thread, and of Redis.
 */
final class ClusterRecovery {

	private static final String ROOM = "recovery";

	private static final byte[] JOINED = bytes("\"type\":\"joined\"");

	private static final byte[] RECOVERED = bytes("\"recovered\":true");

	private static final byte[] SEQ = bytes("\"seq\":");

	private static final byte[] OFFSET = bytes("\"offset\":");

	private static final byte[] EPOCH = bytes("\"epoch\":\"");

	private final int clients;

	private final int messages;

	private final int size;

	private final AtomicInteger joined = new AtomicInteger();

	private final AtomicInteger positioned = new AtomicInteger();

	private final AtomicInteger settled = new AtomicInteger();

	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	/**
	 * @param clients the clients that reconnect
	 * @param messages the messages each of them missed
	 * @param size about the size of each message in bytes, before stamping
	 */
	ClusterRecovery(int clients, int messages, int size) {
		this.clients = clients;
		this.messages = messages;
		this.size = size;
	}

	/**
	 * Play the scenario.
	 * @param node1 the node that broadcasts, and that the clients come back to
	 * @param node2 the node that the clients leave
	 * @return the figures, as a Markdown table
	 */
	String run(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2) throws Exception {
		try (WsLoadClient client = new WsLoadClient("recovery-clients")) {
			List<Member> members = new ArrayList<>();
			for (int i = 0; i < this.clients; i++) {
				members.add(new Member());
			}
			InetSocketAddress first = new InetSocketAddress("127.0.0.1", ClusterBench.port(node2));
			members.forEach((member) -> client.connect(first, "/ws/chat", null, 0, member));
			Broadcaster broadcaster2 = node2.getBean(Broadcaster.class);
			check(() -> this.joined.get() == this.clients && broadcaster2.rooms().count(ROOM) == this.clients
					&& node2.getBean(RedisClusterSubscription.class).isSubscribed(ROOM), "every client joined on node 2");

			Broadcaster broadcaster = node1.getBean(Broadcaster.class);
			broadcaster.toRoom(ROOM).send(message(0));
			check(() -> this.positioned.get() == this.clients, "every client got its position");
			client.execute(() -> members.forEach(Member::leave));
			check(() -> node2.getBean(ConnectionRegistry.class).count("chat") == 0, "every client left node 2");

			ClusterRelay relay = node1.getBean(ClusterRelay.class);
			long publishedBefore = relay.published();
			long droppedBefore = relay.dropped();
			long storeStart = System.nanoTime();
			for (int seq = 1; seq <= this.messages; seq++) {
				broadcaster.toRoom(ROOM).send(message(seq));
			}
			check(() -> relay.published() - publishedBefore >= this.messages
					|| relay.dropped() > droppedBefore, "node 1 stored the messages");
			long storeNanos = System.nanoTime() - storeStart;
			long dropped = relay.dropped() - droppedBefore;

			RedisConnectionFactory redis = node1.getBean(RedisConnectionFactory.class);
			double redisCpuBefore = redisCpuSeconds(redis);
			long gcBefore = gcMillis();
			long clientCpuBefore = client.threadCpuNanos();
			long processCpuBefore = processCpuNanos();
			long start = System.nanoTime();
			InetSocketAddress second = new InetSocketAddress("127.0.0.1", ClusterBench.port(node1));
			members.forEach((member) -> member.reconnect(client, second));
			boolean done = ClusterBench.await(() -> this.settled.get() == this.clients, Duration.ofSeconds(120));
			long end = System.nanoTime();
			long processCpu = processCpuNanos() - processCpuBefore;
			long clientCpu = client.threadCpuNanos() - clientCpuBefore;
			long gc = gcMillis() - gcBefore;
			double redisCpu = redisCpuSeconds(redis) - redisCpuBefore;
			Timings timings = client.call(() -> Timings.of(members, start)).join();
			client.execute(() -> members.forEach(Member::leave));

			double window = (end - start) / 1e9;
			double serverCpu = (processCpu - clientCpu) / 1e9;
			StringBuilder out = new StringBuilder();
			out.append(String.format("| recovery: %d clients reconnect at once to node 1, each missed %d messages "
					+ "(joined on node 2) | value |%n| --- | --- |%n", this.clients, this.messages));
			out.append(row("recovered every message, in order, once", timings.complete + " of " + this.clients
					+ (done ? "" : " (timed out after 120 s)")));
			out.append(row("failed", (this.failures.isEmpty() ? "0" : new TreeMap<>(this.failures).toString())));
			out.append(row("until every client was connected", ms(timings.lastOpened)));
			out.append(row("until every client had its `joined` answer", ms(timings.lastJoined)));
			out.append(row("per client, until its `joined` answer: p50 / p99",
					ClusterBench.ms(timings.joined, 50) + " / " + ClusterBench.ms(timings.joined, 99) + " ms"));
			out.append(row("until every client had every missed message", ms(timings.lastComplete)));
			out.append(row("per client, until its last missed message: p50 / p99",
					ClusterBench.ms(timings.completion, 50) + " / " + ClusterBench.ms(timings.completion, 99) + " ms"));
			out.append(row("missed messages delivered", String.format("%,d (%,.0f a second)", timings.delivered,
					timings.delivered / Math.max(1e-9, timings.lastComplete / 1e9))));
			out.append(row("CPU of the nodes' JVM less the clients' thread", String.format("%.2f s in %.2f s (%.2f CPUs); GC %d ms",
					serverCpu, window, serverCpu / window, gc)));
			out.append(row("CPU of the clients' thread", String.format("%.2f s", clientCpu / 1e9)));
			out.append(row("CPU of Redis", String.format("%.2f s", redisCpu)));
			out.append(row("before: node 1 stored the " + this.messages + " messages in", String.format("%.0f ms (%d dropped)",
					storeNanos / 1e6, dropped)));
			return out.toString();
		}
	}

	private String message(int seq) {
		StringBuilder json = new StringBuilder(this.size).append("{\"seq\":").append(seq).append(",\"text\":\"");
		while (json.length() < this.size - 2) {
			json.append('x');
		}
		return json.append("\"}").toString();
	}

	private void fail(String reason) {
		this.failures.merge(reason, 1, Integer::sum);
	}

	private static void check(BooleanSupplier condition, String what) {
		if (!ClusterBench.await(condition, Duration.ofSeconds(60))) {
			throw new IllegalStateException("Not within 60 s: " + what);
		}
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static long gcMillis() {
		long millis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			millis += Math.max(0, collector.getCollectionTime());
		}
		return millis;
	}

	/** Redis's own CPU time, user and system, from {@code INFO cpu}. */
	private static double redisCpuSeconds(RedisConnectionFactory connectionFactory) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			Properties cpu = connection.serverCommands().info("cpu");
			return Double.parseDouble(cpu.getProperty("used_cpu_user", "0"))
					+ Double.parseDouble(cpu.getProperty("used_cpu_sys", "0"));
		}
	}

	private static String row(String name, String value) {
		return "| " + name + " | " + value + " |\n";
	}

	private static String ms(long nanos) {
		return String.format("%.0f ms", nanos / 1e6);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The decimal number after a key, or -1 when the key is not there. */
	private static long number(ByteBuffer payload, byte[] key) {
		int at = ChatText.lastIndexOf(payload, key);
		if (at < 0) {
			return -1;
		}
		long value = 0;
		for (int i = at + key.length; i < payload.limit() && payload.get(i) >= '0' && payload.get(i) <= '9'; i++) {
			value = value * 10 + (payload.get(i) - '0');
		}
		return value;
	}

	/** The string after {@code "epoch":"}, or {@code null}. */
	private static @Nullable String epoch(ByteBuffer payload) {
		int at = ChatText.lastIndexOf(payload, EPOCH);
		if (at < 0) {
			return null;
		}
		StringBuilder epoch = new StringBuilder();
		for (int i = at + EPOCH.length; i < payload.limit() && payload.get(i) != '"'; i++) {
			epoch.append((char) payload.get(i));
		}
		return epoch.toString();
	}

	/** Whether the epoch after {@code "epoch":"} is the given one, without a copy. */
	private static boolean hasEpoch(ByteBuffer payload, String epoch) {
		int at = ChatText.lastIndexOf(payload, EPOCH);
		int end = at + EPOCH.length + epoch.length();
		if (at < 0 || end >= payload.limit() || payload.get(end) != '"') {
			return false;
		}
		for (int i = 0; i < epoch.length(); i++) {
			if (payload.get(at + EPOCH.length + i) != epoch.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** The number of a message: {@code seq}, its first field. */
	private static long seq(ByteBuffer payload) {
		int at = payload.position();
		for (int i = 0; i < SEQ.length + 1; i++) {
			if (at + i >= payload.limit() || payload.get(at + i) != ((i == 0) ? '{' : SEQ[i - 1])) {
				return -1;
			}
		}
		long value = 0;
		for (int i = at + SEQ.length + 1; i < payload.limit() && payload.get(i) >= '0' && payload.get(i) <= '9'; i++) {
			value = value * 10 + (payload.get(i) - '0');
		}
		return value;
	}

	/**
	 * One client: on node 2, joins and learns its position; back on node 1, recovers. Used on the
	 * client's selector thread only.
	 */
	private final class Member implements WsLoadClient.Listener {

		private @Nullable Connection connection;

		private boolean recovering;

		private long offset;

		private @Nullable String epoch;

		private int received;

		private boolean answered;

		private boolean settled;

		private long openedAt;

		private long joinedAt;

		private long completedAt;

		void leave() {
			Connection current = this.connection;
			if (current != null) {
				current.close(1000);
			}
		}

		void reconnect(WsLoadClient client, InetSocketAddress address) {
			this.recovering = true;
			client.connect(address, "/ws/chat", null, 0, this);
		}

		@Override
		public void opened(Connection connection) {
			this.connection = connection;
			String join = "{\"type\":\"join\",\"room\":\"" + ROOM + "\"";
			if (this.recovering) {
				this.openedAt = System.nanoTime();
				join += ",\"offset\":" + this.offset + ",\"epoch\":\"" + this.epoch + "\"";
			}
			byte[] bytes = (join + "}").getBytes(StandardCharsets.UTF_8);
			connection.sendText(bytes, 0, bytes.length);
		}

		@Override
		public void failed(Connection connection, String reason) {
			settle("could not connect: " + reason);
		}

		@Override
		public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
			long seq = seq(payload);
			if (seq < 0 && ChatText.lastIndexOf(payload, JOINED) >= 0) {
				if (!this.recovering) {
					ClusterRecovery.this.joined.incrementAndGet();
				}
				else if (ChatText.lastIndexOf(payload, RECOVERED) < 0) {
					settle("answered without recovered:true");
				}
				else {
					this.answered = true;
					this.joinedAt = now;
				}
				return;
			}
			long offset = number(payload, OFFSET);
			String epoch = (this.recovering && this.epoch != null && hasEpoch(payload, this.epoch)) ? this.epoch
					: epoch(payload);
			if (seq < 0 || offset < 0 || epoch == null) {
				String other = StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
				settle("got something else: " + other.substring(0, Math.min(80, other.length())));
			}
			else if (!this.recovering) {
				this.offset = offset;
				this.epoch = epoch;
				ClusterRecovery.this.positioned.incrementAndGet();
			}
			else if (!this.answered) {
				settle("a message before the joined answer");
			}
			else if (seq != this.received + 1 || offset != this.offset + 1 || !epoch.equals(this.epoch)) {
				settle("a message out of order, twice, or of another epoch");
			}
			else if (!this.settled) {
				this.received++;
				this.offset = offset;
				if (this.received == ClusterRecovery.this.messages) {
					this.completedAt = now;
					this.settled = true;
					ClusterRecovery.this.settled.incrementAndGet();
				}
			}
			else {
				settle("more messages than were missed");
			}
		}

		@Override
		public void closed(Connection connection, int code) {
			if (this.recovering && !this.settled) {
				settle("closed with " + code);
			}
		}

		private void settle(String failure) {
			if (this.settled) {
				if (this.completedAt != 0) {
					this.completedAt = 0; // a complete client that then got more
					fail(failure);
				}
				return;
			}
			this.settled = true;
			fail(failure);
			ClusterRecovery.this.settled.incrementAndGet();
		}

	}

	/** The timings of the clients that recovered, read on the selector thread. */
	private record Timings(int complete, long delivered, long lastOpened, long lastJoined, long lastComplete,
			Histogram joined, Histogram completion) {

		static Timings of(List<Member> members, long start) {
			int complete = 0;
			long delivered = 0;
			long lastOpened = 0;
			long lastJoined = 0;
			long lastComplete = 0;
			Histogram joined = new Histogram(3);
			Histogram completion = new Histogram(3);
			for (Member member : members) {
				delivered += member.received;
				lastOpened = Math.max(lastOpened, member.openedAt - start);
				if (member.joinedAt != 0) {
					lastJoined = Math.max(lastJoined, member.joinedAt - start);
					joined.recordValue(member.joinedAt - start);
				}
				if (member.completedAt != 0) {
					complete++;
					lastComplete = Math.max(lastComplete, member.completedAt - start);
					completion.recordValue(member.completedAt - start);
				}
			}
			return new Timings(complete, delivered, lastOpened, lastJoined, lastComplete, joined, completion);
		}

	}

}
