package dev.gofr.ws.bench.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.CompilerActivity;
import dev.gofr.ws.bench.gofr.GofrBenchServer;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.cluster.redis.RedisClusterSubscription;
import dev.gofr.ws.registry.ConnectionRegistry;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Broadcast across two nodes: two {@link GofrBenchServer}s in this JVM with clustering on, on the
 * Redis at {@code --redis-port} (6379). {@code --scenarios} picks among (run in this order: {@code route}, {@code room},
 * {@code recovery}):
 * <ul>
 * <li><b>{@code room}</b>: {@code --connections} clients per node on {@code /ws/chat} join the room
 * {@code bench}; node 1 broadcasts a stamped message to the room ({@code toRoom}) {@code --rate}
 * times a second for {@code --seconds}, after {@code --warmup} seconds of the same that are not
 * counted; every client records the time from the broadcast call to its arrival, separately for
 * the clients of node 1 (local delivery) and of node 2 (across Redis, on the room's channel).
 * Then a burst of {@code --burst} broadcasts to the room {@code burst}, whose one member is on
 * node 2, as fast as one thread can: broadcasts per second that cross to node 2, and how many the
 * relay dropped. The burst is repeated, up to {@code --burst-warmup} times, until the JIT compiler
 * worked less than a tenth of its time; the last one is reported, with the CPU of the busiest
 * threads printed for each.</li>
 * <li><b>{@code route}</b>: the same to {@code --connections} clients per node on
 * {@code /ws/fanout} ({@code toRoute}, on the cluster channel), and the burst to one client on
 * node 2's {@code /ws/echo}.</li>
 * <li><b>{@code recovery}</b>: two other nodes with history on; see {@link ClusterRecovery}.</li>
 * </ul>
 * Both nodes and the clients share the machine's CPUs; the load average is printed with the
 * figures. Measuring starts once the JIT compiler is done with the two nodes' start (at most a
 * minute). Run with
 * {@code java -cp "gofr-ws-bench/target/classes:gofr-ws-bench/target/lib/*" dev.gofr.ws.bench.cluster.ClusterBench}.
 */
public final class ClusterBench {

	private static final String ROOM = "bench";

	private static final String BURST_ROOM = "burst";

	private final Map<String, String> options;

	/** One client for every connection, as an application would have: one selector thread, not one per socket. */
	private final HttpClient http = HttpClient.newHttpClient();

	private ClusterBench(Map<String, String> options) {
		this.options = options;
	}

	/**
	 * Run the benchmark and print a Markdown table.
	 * @param args {@code --scenarios room,route,recovery --connections 10 --rate 500 --warmup 3
	 * --seconds 5 --burst 20000 --burst-warmup 20 --size 128 --recovery-clients 1000
	 * --recovery-messages 1000 --redis-port 6379 --report path}
	 * @throws Exception when it cannot run
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("scenarios", "room,route,recovery", "connections", "10",
				"rate", "500", "warmup", "3", "seconds", "5", "burst", "20000", "size", "128", "recovery-clients", "1000",
				"recovery-messages", "1000", "redis-port", "6379"));
		options.put("burst-warmup", "20");
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String report = new ClusterBench(options).run();
		System.out.println(report);
		if (options.containsKey("report")) {
			Files.writeString(Path.of(options.get("report")), report);
		}
		System.exit(0);
	}

	private int option(String name) {
		return Integer.parseInt(this.options.get(name));
	}

	String run() throws Exception {
		Set<String> scenarios = Set.of(this.options.get("scenarios").split(","));
		double loadBefore = loadAverage();
		StringBuilder out = new StringBuilder();
		int size = option("size");
		if (scenarios.contains("room") || scenarios.contains("route")) {
			String channel = channel();
			try (ConfigurableApplicationContext node1 = start("bench-1", channel);
					ConfigurableApplicationContext node2 = start("bench-2", channel)) {
				awaitCluster(node1, node2);
				// the compiler done with what starting two nodes gave it, at most a minute
				CompilerActivity.awaitQuiet(Duration.ofMinutes(1));
				List<Measured> latencies = new ArrayList<>();
				List<Burst> bursts = new ArrayList<>();
				// the route first, so that it runs as it did before there were rooms in this benchmark
				if (scenarios.contains("route")) {
					latencies.add(routeLatency(node1, node2));
					bursts.add(routeBurst(node1, node2));
				}
				if (scenarios.contains("room")) {
					latencies.add(roomLatency(node1, node2));
					bursts.add(roomBurst(node1, node2));
				}
				long expected = (long) option("rate") * option("seconds") * option("connections");
				out.append("| latency (ms), ").append(option("rate")).append(" broadcasts/s | local p50 | local p99 | local max "
						+ "| across Redis p50 | across Redis p99 | across Redis max | deliveries local / across (of ")
					.append(expected).append(" each) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
				latencies.forEach((measured) -> out.append(measured.row(expected)));
				out.append("\n| burst of ").append(option("burst")).append(" broadcasts, ").append(size)
					.append(" B, one receiver on node 2 | handed over per second | received on node 2 | received per second "
							+ "| dropped by the relay | ms compiling (JIT) of the burst's ms |\n| --- | --- | --- | --- | --- | --- |\n");
				bursts.forEach((burst) -> out.append(burst.row()));
			}
		}
		if (scenarios.contains("recovery")) {
			String channel = channel();
			String[] history = { "gofr.ws.history.enabled=true",
					"gofr.ws.history.size=" + Math.max(1000, option("recovery-messages")) };
			try (ConfigurableApplicationContext node1 = start("recovery-1", channel, history);
					ConfigurableApplicationContext node2 = start("recovery-2", channel, history)) {
				awaitCluster(node1, node2);
				out.append('\n').append(new ClusterRecovery(option("recovery-clients"), option("recovery-messages"), size)
					.run(node1, node2));
			}
		}
		out.append(String.format("%nSettings: %d connections per node, %d broadcasts/s for %s s after a %s s warm-up, %d-byte messages; "
				+ "load average %.2f before, %.2f after; %d CPUs.%n", option("connections"), option("rate"),
				this.options.get("seconds"), this.options.get("warmup"), size, loadBefore, loadAverage(),
				Runtime.getRuntime().availableProcessors()));
		return out.toString();
	}

	private Measured roomLatency(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2) {
		Broadcaster broadcaster = node1.getBean(Broadcaster.class);
		return latency("to a room (`toRoom`, the room's channel)", node1, node2,
				(receivers, node) -> receivers.join(this.http, port(node), ROOM),
				() -> awaitMembers(node1, node2, ROOM, option("connections")),
				(text) -> broadcaster.toRoom(ROOM).send(text));
	}

	private Measured routeLatency(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2) {
		Broadcaster broadcaster = node1.getBean(Broadcaster.class);
		int connections = option("connections");
		return latency("to a route (`toRoute`, the cluster channel)", node1, node2,
				(receivers, node) -> receivers.connect(this.http, port(node), "/ws/fanout"),
				() -> await(() -> node1.getBean(ConnectionRegistry.class).count("fanout") == connections
						&& node2.getBean(ConnectionRegistry.class).count("fanout") == connections, Duration.ofSeconds(30)),
				(text) -> broadcaster.toRoute("fanout").send(text));
	}

	/** Connect the clients of both nodes, wait until they are ready, measure, disconnect. */
	private Measured latency(String name, ConfigurableApplicationContext node1, ConfigurableApplicationContext node2,
			BiFunction<Receivers, ConfigurableApplicationContext, WebSocket> connect, Runnable ready,
			Consumer<String> send) {
		Receivers local = new Receivers();
		Receivers remote = new Receivers();
		List<WebSocket> sockets = new ArrayList<>();
		for (int i = 0; i < option("connections"); i++) {
			sockets.add(connect.apply(local, node1));
			sockets.add(connect.apply(remote, node2));
		}
		ready.run();
		Measured measured = measure(name, local, remote, send);
		sockets.forEach(WebSocket::abort);
		return measured;
	}

	/** Paced broadcasts, a warm-up then the measured ones, each awaited on both nodes. */
	private Measured measure(String name, Receivers local, Receivers remote, Consumer<String> send) {
		int rate = option("rate");
		int connections = option("connections");
		long warmup = pace(send, rate, (long) rate * option("warmup"), option("size")) * connections;
		await(() -> local.received.sum() >= warmup && remote.received.sum() >= warmup, Duration.ofSeconds(30));
		local.reset();
		remote.reset();
		long expected = pace(send, rate, (long) rate * option("seconds"), option("size")) * connections;
		boolean complete = await(() -> local.received.sum() >= expected && remote.received.sum() >= expected,
				Duration.ofSeconds(30));
		return new Measured(name, local, remote, complete);
	}

	private Burst roomBurst(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2) {
		Receivers receiver = new Receivers();
		WebSocket socket = receiver.join(this.http, port(node2), BURST_ROOM);
		await(() -> node2.getBean(Broadcaster.class).rooms().count(BURST_ROOM) == 1
				&& node2.getBean(RedisClusterSubscription.class).isSubscribed(BURST_ROOM), Duration.ofSeconds(30));
		Broadcaster broadcaster = node1.getBean(Broadcaster.class);
		Burst burst = burst("to a room (`toRoom`)", node1, receiver, (text) -> broadcaster.toRoom(BURST_ROOM).send(text));
		socket.abort();
		return burst;
	}

	private Burst routeBurst(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2) {
		Receivers receiver = new Receivers();
		WebSocket socket = receiver.connect(this.http, port(node2), "/ws/echo");
		await(() -> node2.getBean(ConnectionRegistry.class).count("echo") == 1, Duration.ofSeconds(30));
		Broadcaster broadcaster = node1.getBean(Broadcaster.class);
		Burst burst = burst("to a route (`toRoute`)", node1, receiver, (text) -> broadcaster.toRoute("echo").send(text));
		socket.abort();
		return burst;
	}

	/**
	 * Broadcasts handed over as fast as one thread can, awaited on node 2 but for those dropped.
	 * The message is made once, before the clock starts, so that the one broadcasting thread
	 * spends its time in gofr-ws (a broadcast encodes its message every time all the same).
	 */
	private Burst burst(String name, ConfigurableApplicationContext node1, Receivers receiver, Consumer<String> send) {
		Burst burst = measureBurst(name, node1, receiver, send);
		// bursts until the JIT compiler has caught up (under a tenth of a burst's time compiling), so
		// that the one measured shows the code as it runs, not as it is being compiled
		for (int i = 0; i < option("burst-warmup") && burst.jitMillis() > burst.millis() / 10; i++) {
			receiver.reset();
			burst = measureBurst(name, node1, receiver, send);
		}
		return burst;
	}

	private Burst measureBurst(String name, ConfigurableApplicationContext node1, Receivers receiver,
			Consumer<String> send) {
		ClusterRelay relay = node1.getBean(ClusterRelay.class);
		int count = option("burst");
		String message = BenchPayload.stamped(System.nanoTime(), option("size"));
		long droppedBefore = relay.dropped();
		long jitBefore = CompilerActivity.millis();
		Map<String, Long> cpuBefore = threadCpu();
		long sendStart = System.nanoTime();
		for (int i = 0; i < count; i++) {
			send.accept(message);
		}
		long sendEnd = System.nanoTime();
		long dropped = relay.dropped() - droppedBefore;
		await(() -> receiver.received.sum() >= count - dropped || receiver.closed != null, Duration.ofSeconds(60));
		long received = receiver.received.sum();
		long nanos = receiver.lastArrival - sendStart;
		Map<String, Long> cpu = threadCpu();
		cpu.replaceAll((thread, time) -> time - cpuBefore.getOrDefault(thread, 0L));
		StringBuilder busiest = new StringBuilder();
		cpu.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(8)
			.forEach((entry) -> busiest.append(String.format(" %s %.0f%%,", entry.getKey(), 100.0 * entry.getValue() / nanos)));
		System.out.println(name + ", " + received + " in " + nanos / 1_000_000 + " ms; threads' CPU (of one core):" + busiest);
		return new Burst(name, count / ((sendEnd - sendStart) / 1e9), received, received / (nanos / 1e9), dropped,
				receiver.closed, nanos / 1_000_000, CompilerActivity.millis() - jitBefore);
	}

	/** CPU time of the JVM's threads so far, summed by name without its number (a pool's threads together). */
	private static Map<String, Long> threadCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> cpu = new HashMap<>();
		for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			long time = (thread != null) ? threads.getThreadCpuTime(thread.getThreadId()) : -1;
			if (time > 0) {
				cpu.merge(thread.getThreadName().replaceAll("\\d+", "N"), time, Long::sum);
			}
		}
		return cpu;
	}

	/** Broadcast stamped messages at a steady rate; returns how many. */
	private static long pace(Consumer<String> send, int rate, long broadcasts, int size) {
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long next = System.nanoTime();
		for (long i = 0; i < broadcasts; i++) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait); // pacing the sender, not waiting for a result
			}
			send.accept(BenchPayload.stamped(System.nanoTime(), size));
			next += interval;
		}
		return broadcasts;
	}

	private static String channel() {
		return "gofr-ws-bench-" + UUID.randomUUID();
	}

	private ConfigurableApplicationContext start(String nodeId, String channel, String... properties) {
		return new SpringApplicationBuilder(GofrBenchServer.class)
			.properties("spring.config.name=gofr-bench", "server.port=0", "gofr.ws.cluster.enabled=true",
					"gofr.ws.cluster.node-id=" + nodeId, "gofr.ws.cluster.channel=" + channel,
					"gofr.ws.cluster.heartbeat-interval=1s", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + this.options.get("redis-port"), "spring.data.redis.timeout=5s",
					"management.health.redis.enabled=false")
			.properties(properties)
			.run();
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void awaitCluster(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2) {
		if (!await(() -> node1.getBean(ClusterNodes.class).live().size() == 2
				&& node2.getBean(ClusterNodes.class).live().size() == 2, Duration.ofSeconds(30))) {
			throw new IllegalStateException("The two nodes did not hear each other through Redis");
		}
	}

	/** Until both nodes have their members in a room, and follow the room's channel. */
	private static void awaitMembers(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2,
			String room, int members) {
		if (!await(() -> node1.getBean(Broadcaster.class).rooms().count(room) == members
				&& node2.getBean(Broadcaster.class).rooms().count(room) == members
				&& node2.getBean(RedisClusterSubscription.class).isSubscribed(room), Duration.ofSeconds(30))) {
			throw new IllegalStateException("The clients did not all join room '" + room + "'");
		}
	}

	/**
	 * Poll a condition every 10 ms until it holds or the bound has passed.
	 * @return whether it holds
	 */
	static boolean await(BooleanSupplier done, Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling a counter with a bound
		}
		return true;
	}

	static String ms(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() == 0) ? "-"
				: String.format("%.2f", histogram.getValueAtPercentile(percentile) / 1e6);
	}

	private static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** The latency of one kind of broadcast, on node 1 (local) and on node 2 (across Redis). */
	private record Measured(String name, Receivers local, Receivers remote, boolean complete) {

		String row(long expected) {
			return "| " + this.name + " | " + ms(this.local.latency, 50) + " | " + ms(this.local.latency, 99) + " | "
					+ ms(this.local.latency, 100) + " | " + ms(this.remote.latency, 50) + " | "
					+ ms(this.remote.latency, 99) + " | " + ms(this.remote.latency, 100) + " | "
					+ this.local.received.sum() + " / " + this.remote.received.sum()
					+ (this.complete ? "" : " (incomplete)") + " |\n";
		}

	}

	/** What one burst got across, and how long the JIT compiler worked meanwhile. */
	private record Burst(String name, double handedPerSecond, long received, double receivedPerSecond, long dropped,
			@Nullable String closed, long millis, long jitMillis) {

		String row() {
			return String.format("| %s | %,.0f | %d%s | %,.0f | %d | %d of %d |%n", this.name, this.handedPerSecond,
					this.received, (this.closed != null) ? " (the receiver was closed: " + this.closed + ")" : "",
					this.receivedPerSecond, this.dropped, this.jitMillis, this.millis);
		}

	}

}
