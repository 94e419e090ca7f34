package dev.gofr.ws.bench.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.gofr.GofrBenchServer;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.ClusterRelay;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Broadcast across two nodes: two {@link GofrBenchServer}s in this JVM with clustering on, on the
 * Redis at {@code --redis-port} (6379), each with {@code --connections} clients on
 * {@code /ws/fanout}.
 * <ul>
 * <li><b>Latency.</b> Node 1 broadcasts a stamped message to {@code fanout} {@code --rate} times a
 * second for {@code --seconds}, after {@code --warmup} seconds of the same that are not counted; every client records the time from the broadcast call to its
 * arrival, separately for the clients of node 1 (local delivery) and of node 2 (across Redis).</li>
 * <li><b>Throughput.</b> Node 1 broadcasts {@code --burst} messages to {@code echo} as fast as one
 * thread can, with one client on node 2's {@code /ws/echo}: broadcasts per second that cross
 * to node 2, and how many the relay dropped.</li>
 * </ul>
 * Both nodes and the clients share the machine's CPUs; the load average is printed with the
 * figures. Run with
 * {@code java -cp "gofr-ws-bench/target/classes:gofr-ws-bench/target/lib/*" dev.gofr.ws.bench.cluster.ClusterBench}.
 */
public final class ClusterBench {

	private final Map<String, String> options;

	private ClusterBench(Map<String, String> options) {
		this.options = options;
	}

	/**
	 * Run the benchmark and print a Markdown table.
	 * @param args {@code --connections 10 --rate 500 --warmup 3 --seconds 5 --burst 20000 --size 128
	 * --redis-port 6379 --report path}
	 * @throws Exception when it cannot run
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("connections", "10", "rate", "500", "warmup", "3",
				"seconds", "5", "burst", "20000", "size", "128", "redis-port", "6379"));
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
		double loadBefore = loadAverage();
		String channel = "gofr-ws-bench-" + UUID.randomUUID();
		try (ConfigurableApplicationContext node1 = start("bench-1", channel);
				ConfigurableApplicationContext node2 = start("bench-2", channel)) {
			awaitCluster(node1, node2);
			Broadcaster broadcaster = node1.getBean(Broadcaster.class);
			ClusterRelay relay = node1.getBean(ClusterRelay.class);
			int connections = option("connections");
			int size = option("size");
			HttpClient http = HttpClient.newHttpClient();

			Receivers local = new Receivers();
			Receivers remote = new Receivers();
			List<WebSocket> sockets = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				sockets.add(local.connect(http, port(node1), "/ws/fanout"));
				sockets.add(remote.connect(http, port(node2), "/ws/fanout"));
			}
			awaitConnections(node1, node2, connections);

			// latency: paced broadcasts to every fanout connection of both nodes, after a warm-up
			int rate = option("rate");
			long warmup = pace(broadcaster, rate, (long) rate * option("warmup"), size) * connections;
			awaitCount(() -> local.received.sum() >= warmup && remote.received.sum() >= warmup, Duration.ofSeconds(30));
			local.reset();
			remote.reset();
			long expected = pace(broadcaster, rate, (long) rate * option("seconds"), size) * connections;
			boolean complete = awaitCount(() -> local.received.sum() >= expected && remote.received.sum() >= expected,
					Duration.ofSeconds(30));

			// throughput: a burst to one echo connection on node 2
			Receivers burst = new Receivers();
			sockets.add(burst.connect(http, port(node2), "/ws/echo"));
			int burstSize = option("burst");
			long droppedBefore = relay.dropped();
			long sendStart = System.nanoTime();
			for (int i = 0; i < burstSize; i++) {
				broadcaster.toRoute("echo").send(BenchPayload.stamped(System.nanoTime(), size));
			}
			long sendEnd = System.nanoTime();
			long droppedInBurst = relay.dropped() - droppedBefore;
			awaitCount(() -> burst.received.sum() >= burstSize - droppedInBurst, Duration.ofSeconds(60));
			long lastArrival = burst.lastArrival;
			sockets.forEach((socket) -> socket.abort());
			double loadAfter = loadAverage();

			double burstSeconds = (lastArrival - sendStart) / 1e9;
			StringBuilder out = new StringBuilder();
			out.append("| measure | node 1 (local) | node 2 (across Redis) |\n| --- | --- | --- |\n");
			out.append(row("latency p50 (ms)", ms(local.latency, 50), ms(remote.latency, 50)));
			out.append(row("latency p99 (ms)", ms(local.latency, 99), ms(remote.latency, 99)));
			out.append(row("latency max (ms)", ms(local.latency, 100), ms(remote.latency, 100)));
			out.append(row("deliveries (expected " + expected + " each)", String.valueOf(local.received.sum()),
					remote.received.sum() + (complete ? "" : " (incomplete)")));
			out.append("\n| throughput (burst of ").append(burstSize).append(" broadcasts, ").append(size)
				.append(" B, one receiver on node 2) | value |\n| --- | --- |\n");
			out.append(row2("handed to the broadcaster per second", String.format("%,.0f", burstSize / ((sendEnd - sendStart) / 1e9))));
			out.append(row2("received on node 2 per second", String.format("%,.0f", burst.received.sum() / burstSeconds)));
			out.append(row2("received on node 2", String.valueOf(burst.received.sum())));
			out.append(row2("dropped by the relay (queue full)", String.valueOf(droppedInBurst)));
			out.append(String.format("%nSettings: %d connections per node, %d broadcasts/s for %s s after a %s s warm-up, %d-byte messages; "
					+ "load average %.2f before, %.2f after; %d CPUs.%n", connections, rate, this.options.get("seconds"), this.options.get("warmup"), size,
					loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
			return out.toString();
		}
	}

	/** Broadcast stamped messages at a steady rate; returns how many. */
	private static long pace(Broadcaster broadcaster, int rate, long broadcasts, int size) {
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		long next = System.nanoTime();
		for (long i = 0; i < broadcasts; i++) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait); // pacing the sender, not waiting for a result
			}
			broadcaster.toRoute("fanout").send(BenchPayload.stamped(System.nanoTime(), size));
			next += interval;
		}
		return broadcasts;
	}

	private ConfigurableApplicationContext start(String nodeId, String channel) {
		return new SpringApplicationBuilder(GofrBenchServer.class)
			.properties("spring.config.name=gofr-bench", "server.port=0", "gofr.ws.cluster.enabled=true",
					"gofr.ws.cluster.node-id=" + nodeId, "gofr.ws.cluster.channel=" + channel,
					"gofr.ws.cluster.heartbeat-interval=1s", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + this.options.get("redis-port"), "spring.data.redis.timeout=5s",
					"management.health.redis.enabled=false")
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void awaitCluster(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2) {
		if (!awaitCount(() -> node1.getBean(ClusterNodes.class).live().size() == 2
				&& node2.getBean(ClusterNodes.class).live().size() == 2, Duration.ofSeconds(30))) {
			throw new IllegalStateException("The two nodes did not hear each other through Redis");
		}
	}

	private static void awaitConnections(ConfigurableApplicationContext node1, ConfigurableApplicationContext node2,
			int connections) {
		awaitCount(() -> node1.getBean(dev.gofr.ws.registry.ConnectionRegistry.class).count("fanout") == connections
				&& node2.getBean(dev.gofr.ws.registry.ConnectionRegistry.class).count("fanout") == connections,
				Duration.ofSeconds(30));
	}

	private static boolean awaitCount(java.util.function.BooleanSupplier done, Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling a counter with a bound
		}
		return true;
	}

	private static String ms(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() == 0) ? "-"
				: String.format("%.2f", histogram.getValueAtPercentile(percentile) / 1e6);
	}

	private static String row(String name, String local, String remote) {
		return "| " + name + " | " + local + " | " + remote + " |\n";
	}

	private static String row2(String name, String value) {
		return "| " + name + " | " + value + " |\n";
	}

	private static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** Clients that record the latency of every stamped text message they receive. */
	static final class Receivers {

		final Histogram latency = new ConcurrentHistogram(3);

		final LongAdder received = new LongAdder();

		volatile long lastArrival;

		void reset() {
			this.latency.reset();
			this.received.reset();
		}

		WebSocket connect(HttpClient http, int port, String path) {
			return http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new Listener())
				.orTimeout(30, TimeUnit.SECONDS)
				.join();
		}

		private final class Listener implements WebSocket.Listener {

			private final StringBuilder parts = new StringBuilder();

			@Override
			public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
				this.parts.append(data);
				if (last) {
					long now = System.nanoTime();
					long stamp = BenchPayload.stamp(ByteBuffer.wrap(this.parts.toString().getBytes(StandardCharsets.US_ASCII)));
					this.parts.setLength(0);
					if (stamp > 0) {
						Receivers.this.latency.recordValue(Math.max(0, now - stamp));
					}
					Receivers.this.received.increment();
					Receivers.this.lastArrival = now;
				}
				webSocket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
				webSocket.request(1);
				return CompletableFuture.completedFuture(null);
			}

		}

	}

}
