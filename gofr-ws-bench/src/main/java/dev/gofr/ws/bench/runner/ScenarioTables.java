package dev.gofr.ws.bench.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows of each scenario: the rows of its table, the words above it, the figures
 * compared with a baseline, and the headline figure whose spread is shown.
 */
final class ScenarioTables {

	/** Per scenario, the rows of its table: the figures and their labels, in order. */
	static final Map<String, List<Metric>> METRICS = new LinkedHashMap<>();

	static {
		List<Metric> echo = List.of(new Metric("msgsPerSec", "messages/s"), new Metric("rttP50Us", "RTT p50 (µs)"),
				new Metric("rttP99Us", "RTT p99 (µs)"), new Metric("rttP999Us", "RTT p99.9 (µs)"),
				new Metric("serverCpuUsPerMsg", "server CPU per message (µs)"),
				new Metric("serverCpuPctOfCore", "server CPU (% of one core)"),
				new Metric("serverCpuKernelShare", "… of which in the kernel"),
				new Metric("serverContextSwitchesPerUnit", "server context switches per message"),
				new Metric("serverWriteSyscallsPerUnit", "server write system calls per message"),
				new Metric("serverReadSyscallsPerUnit", "server read system calls per message"),
				new Metric("framesPerWrite", "echoes per write system call"),
				new Metric("generatorThreadBusy", "generator thread busy (share of wall time)"));
		METRICS.put("echo", echo);
		METRICS.put("echo-controller", echo);
		METRICS.put("fanout", List.of(new Metric("deliveriesPerSec", "deliveries/s"),
				new Metric("latencyP50Us", "delivery latency p50 (µs)"),
				new Metric("latencyP99Us", "delivery latency p99 (µs)"),
				new Metric("latencyP999Us", "delivery latency p99.9 (µs)"), new Metric("losses", "losses"),
				new Metric("serverCpuUsPerDelivery", "server CPU per delivery (µs)"),
				new Metric("serverCpuKernelShare", "… of which in the kernel"),
				new Metric("serverContextSwitchesPerUnit", "server context switches per delivery"),
				new Metric("serverWriteSyscallsPerUnit", "server write system calls per delivery"),
				new Metric("framesPerWrite", "frames per write system call"),
				new Metric("heapAfterGcMB", "heap after GC at the end (MB)"),
				new Metric("generatorThreadBusy", "generator thread busy (share of wall time)")));
		METRICS.put("fanout-paced", List.of(new Metric("deliveriesPerSec", "deliveries/s"),
				new Metric("latencyP50Us", "delivery latency p50 (µs)"),
				new Metric("latencyP99Us", "delivery latency p99 (µs)"),
				new Metric("latencyP999Us", "delivery latency p99.9 (µs)"),
				new Metric("latencyMaxUs", "delivery latency max (µs)"), new Metric("losses", "losses"),
				new Metric("serverCpuUsPerDelivery", "server CPU per delivery (µs)"),
				new Metric("serverCpuPctOfCore", "server CPU (% of one core)"),
				new Metric("serverCpuKernelShare", "… of which in the kernel"),
				new Metric("serverWriteSyscallsPerUnit", "server write system calls per delivery"),
				new Metric("framesPerWrite", "frames per write system call"),
				new Metric("serverContextSwitchesPerUnit", "server context switches per delivery"),
				new Metric("generatorThreadBusy", "generator thread busy (share of wall time)")));
		METRICS.put("fanout-stalled", List.of(new Metric("deliveriesPerSec", "healthy deliveries/s"),
				new Metric("latencyP50Us", "healthy delivery latency p50 (µs)"),
				new Metric("latencyP99Us", "healthy delivery latency p99 (µs)"),
				new Metric("latencyP999Us", "healthy delivery latency p99.9 (µs)"),
				new Metric("losses", "healthy losses"), new Metric("incompleteRounds", "rounds not delivered in 30 s"),
				new Metric("serverCpuUsPerDelivery", "server CPU per healthy delivery (µs)"),
				new Metric("serverWriteSyscallsPerUnit", "server write system calls per healthy delivery"),
				new Metric("framesPerWrite", "healthy frames per write system call"),
				new Metric("heapAfterGcMB", "heap after GC, stalled clients still stalled (MB)"),
				new Metric("stalled", "stalled clients"),
				new Metric("stalledCutOff", "stalled clients cut off by the server"),
				new Metric("stalledCutOff1013", "… of which a 1013 close frame reached"),
				new Metric("stalledKBMax", "most a stalled client got (KB, of 4,096 asked)"),
				new Metric("generatorThreadBusy", "generator thread busy (share of wall time)")));
		METRICS.put("idle", List.of(new Metric("connections", "idle connections"),
				new Metric("heapPerConnKB", "heap per connection after GC (KB)"),
				new Metric("rssPerConnKB", "RSS per connection (KB)"), new Metric("heapAfterMB", "heap after GC (MB)"),
				new Metric("rssAfterMB", "RSS (MB)")));
		List<Metric> heartbeat = List.of(new Metric("connections", "idle connections"),
				new Metric("serverCpuPctOfCore", "server CPU (% of one core)"),
				new Metric("serverCpuKernelShare", "… of which in the kernel"),
				new Metric("serverContextSwitchesPerSec", "server context switches per second"),
				new Metric("serverWriteSyscallsPerSec", "server write system calls per second"),
				new Metric("pingsPerSec", "pings/s"), new Metric("pingsPerConnPerMin", "pings per connection per minute"),
				new Metric("connectionsPinged", "connections pinged in the window"),
				new Metric("closedDuringRun", "connections closed during the run"),
				new Metric("generatorThreadBusy", "generator thread busy (share of wall time)"));
		METRICS.put("heartbeat", heartbeat);
		METRICS.put("heartbeat-off", heartbeat);
		List<Metric> chatty = new ArrayList<>(heartbeat);
		chatty.add(1, new Metric("echoesPerSec", "messages echoed/s"));
		METRICS.put("heartbeat-chatty", List.copyOf(chatty));
		METRICS.put("chat", List.of(new Metric("deliveriesPerSec", "deliveries/s"),
				new Metric("latencyP50Us", "latency p50, say to receipt (µs)"),
				new Metric("latencyP99Us", "latency p99, say to receipt (µs)"),
				new Metric("latencyP999Us", "latency p99.9, say to receipt (µs)"), new Metric("losses", "losses"),
				new Metric("serverCpuUsPerDelivery", "server CPU per delivery (µs)"),
				new Metric("serverCpuKernelShare", "… of which in the kernel"),
				new Metric("serverContextSwitchesPerUnit", "server context switches per delivery"),
				new Metric("serverWriteSyscallsPerUnit", "server write system calls per delivery"),
				new Metric("framesPerWrite", "frames per write system call"),
				new Metric("otherMessages", "other frames received (errors)"),
				new Metric("generatorThreadBusy", "generator thread busy (share of wall time)")));
		METRICS.put("handshakes", List.of(new Metric("handshakesPerSec", "handshakes/s"),
				new Metric("handshakeP50Us", "connect + upgrade p50 (µs)"),
				new Metric("handshakeP99Us", "connect + upgrade p99 (µs)"),
				new Metric("serverCpuUsPerHandshake", "server CPU per handshake (µs)"),
				new Metric("serverContextSwitchesPerUnit", "server context switches per handshake"),
				new Metric("generatorThreadBusy", "generator thread busy (share of wall time)")));
		METRICS.put("c100k", List.of(new Metric("connections", "idle connections"),
				new Metric("connectionsAsked", "connections asked for"),
				new Metric("heapAfterGcMB", "heap after GC (MB)"),
				new Metric("heapPerConnKB", "heap per connection after GC (KB)"), new Metric("rssMB", "RSS (MB)"),
				new Metric("rssPerConnKB", "RSS per connection (KB)"),
				new Metric("serverCpuPctOfCoreAtRest", "server CPU at rest (% of one core)"),
				new Metric("pingsPerSecAtRest", "pings/s at rest"),
				new Metric("broadcastLastDeliveryMs", "one broadcast to all: request to last delivery (ms)"),
				new Metric("broadcastDelivered", "… deliveries"),
				new Metric("broadcastServerCpuMs", "… server CPU (ms)")));
	}

	/** Per scenario, what it does, above its table. */
	static final Map<String, String> DESCRIPTIONS = descriptions("echo",
			"50 connections × 10 messages in flight, 64 B text, 15 s measured after 5 s of warm-up; RTT from a "
					+ "client timestamp.",
			"echo-controller",
			"As echo, on `/ws/echo-controller`: the same route written as an annotated controller, a "
					+ "`@WsController` whose one `@OnMessage` method takes the text as a `String` and returns it, "
					+ "where echo's is the handler lambda `(connection, message) -> message.payload()`. gofr-ws "
					+ "only, on Tomcat and on Jetty: its server CPU per message over echo's in the same run is "
					+ "what the controller costs.",
			"fanout",
			"2,000 connections on `/ws/fanout`; `POST /bench/fanout?count=200&size=64` broadcasts 200 messages of "
					+ "64 B (400,000 deliveries); one warm-up round, then one measured round, each waited for until "
					+ "every connection has every message (30 s at most; what comes later counts as late, what never "
					+ "comes as lost). Latency from the server's `System.nanoTime()` stamp, taken just before each "
					+ "broadcast, to the client's read.",
			"fanout-paced",
			"2,000 connections on `/ws/fanout`; `POST /bench/fanout?count=1000&size=64&intervalMs=10` has the "
					+ "server broadcast one 64 B message every 10 ms from a scheduler thread of its own "
					+ "(`PacedBroadcast` in the Java servers, a `setTimeout` loop in Node), one frame per write "
					+ "for a server that does not gather: 200,000 deliveries/s when it keeps pace, 2 s of warm-up "
					+ "(200 messages), then 10 s measured (1,000 messages, 2,000,000 deliveries), the window "
					+ "ending at the last delivery. Latency from the time each broadcast was due "
					+ "(`start + i × 10 ms` on the server's monotonic clock), so a server that falls behind its "
					+ "pace shows it.",
			"fanout-stalled",
			"As fan-out, but 20 of the 2,000 clients (every 100th, 4 KB receive buffer) are stalled before the "
					+ "warm-up: each asks for 4 MB on its own connection (64 × `fill 65536`, answered by the "
					+ "`/ws/fanout` handler) and stops reading, so its socket buffers are full when the broadcasts "
					+ "start (on loopback, with 64 KB segments, the kernel holds 0.1–4 MB per connection before a "
					+ "server sees back-pressure). Figures are the 1,980 healthy clients'. After the measured round "
					+ "the generator waits until 13 s after the stall began (10 s send timeouts plus a margin), "
					+ "then reads the stalled clients to see how the server ended them.",
			"idle",
			"5,000 idle connections on `/ws/echo`, 64 KB message limit on every server; heap after two forced "
					+ "GCs and RSS, before and after opening them, divided by the count.",
			"heartbeat",
			"10,000 idle connections on `/ws/echo`, each pinged every 5 s (gofr-ws's heartbeat with "
					+ "`ping-interval=5s`, a scheduled ping loop in raw Spring, `setInterval` + `ws.ping()` in "
					+ "Node); server CPU over 20 s after 5 s of settling.",
			"heartbeat-off",
			"The heartbeat scenario's 10,000 idle connections with no heartbeat: gofr-ws with "
					+ "`gofr.ws.heartbeat.enabled=false`, raw Spring without its ping loop, Node without "
					+ "`setInterval`; what the server costs doing nothing, the baseline of the heartbeat's cost.",
			"heartbeat-chatty",
			"The heartbeat scenario (pings every 5 s) with every connection sending one 32 B text message a "
					+ "second on `/ws/echo` (a tenth of them every 100 ms), echoed back: 10,000 messages/s each "
					+ "way. A heartbeat that pings only silent connections sends none here; pings per "
					+ "connection per minute tell.",
			"handshakes",
			"Connect, upgrade, close handshake, 32 at a time; 500 warm-up, then 4,000 measured. The origin check "
					+ "is on (every server allows only `http://bench.local`, which the client sends); gofr-ws has "
					+ "no connection or rate limits yet.",
			"chat",
			"The sample's chat protocol on `/ws/chat`: 1,000 connections each send `{\"type\":\"name\",…}` and "
					+ "`{\"type\":\"join\",\"room\":\"lobby\"}` and wait for every `joined` answer; then 4 of "
					+ "them send 200 `{\"type\":\"say\",\"room\":\"lobby\",\"text\":…}` in turn, all in one "
					+ "pass of the generator (a burst), and every member, senders included, gets each "
					+ "`{\"type\":\"message\",\"room\",\"from\",\"text\"}` event (200,000 deliveries a round); "
					+ "one warm-up round, then one measured, each waited for as fan-out's. gofr-ws runs the sample's "
					+ "handler (`broadcaster.toRoom(room).send(event)`, JSON by the codec, the sample's rate limit of "
					+ "200/s with a burst of 500, which the senders stay within); raw Spring a `TextWebSocketHandler` "
					+ "with Jackson, rooms in a `ConcurrentHashMap` and a `sendMessage` loop over the room, the event "
					+ "serialised once; Node the same with `ws`. Latency from the generator's clock as it queues a "
					+ "`say` (its text starts with that stamp) to a member's read.",
			"c100k",
			"100,000 idle connections on `/ws/fanout` (as many as the open-file limit allows, less 500, where "
					+ "it is lower; the runner says so), opened 64 at a time from 127.0.0.1, 127.0.0.2, … (25,000 "
					+ "each, below Linux's ephemeral port range); Tomcat's `max-connections` raised to 110,000. "
					+ "10 s to settle, then 65 s at rest with each server's own heartbeat (gofr-ws's default, "
					+ "every 30 s; raw Spring and Node send none); heap after two forced GCs and RSS; then one "
					+ "64 B broadcast to all (`POST /bench/fanout?count=1`), timed from the request to the last "
					+ "delivery.");

	/** Per scenario, the figures compared with the baseline. */
	static final Map<String, List<String>> BASELINE_FIGURES = new LinkedHashMap<>();

	static {
		BASELINE_FIGURES.put("echo", List.of("msgsPerSec", "rttP99Us", "serverCpuUsPerMsg"));
		BASELINE_FIGURES.put("echo-controller", List.of("msgsPerSec", "rttP99Us", "serverCpuUsPerMsg"));
		BASELINE_FIGURES.put("fanout", List.of("deliveriesPerSec", "latencyP99Us", "serverCpuUsPerDelivery",
				"heapAfterGcMB"));
		BASELINE_FIGURES.put("fanout-paced", List.of("latencyP99Us", "serverCpuUsPerDelivery",
				"serverWriteSyscallsPerUnit"));
		BASELINE_FIGURES.put("fanout-stalled", List.of("deliveriesPerSec", "latencyP99Us", "heapAfterGcMB"));
		BASELINE_FIGURES.put("idle", List.of("heapPerConnKB", "rssPerConnKB"));
		BASELINE_FIGURES.put("heartbeat", List.of("serverCpuPctOfCore"));
		BASELINE_FIGURES.put("heartbeat-off", List.of("serverCpuPctOfCore"));
		BASELINE_FIGURES.put("heartbeat-chatty", List.of("serverCpuPctOfCore", "pingsPerConnPerMin"));
		BASELINE_FIGURES.put("chat", List.of("deliveriesPerSec", "latencyP99Us", "serverCpuUsPerDelivery"));
		BASELINE_FIGURES.put("handshakes", List.of("handshakesPerSec", "serverCpuUsPerHandshake"));
		BASELINE_FIGURES.put("c100k", List.of("heapPerConnKB", "serverCpuPctOfCoreAtRest", "broadcastLastDeliveryMs"));
	}

	/** Per scenario, the headline figure whose spread between repeats the report shows. */
	static final Map<String, String> HEADLINES = new LinkedHashMap<>();

	static {
		HEADLINES.put("echo", "msgsPerSec");
		HEADLINES.put("echo-controller", "msgsPerSec");
		HEADLINES.put("fanout", "deliveriesPerSec");
		HEADLINES.put("fanout-paced", "serverCpuUsPerDelivery");
		HEADLINES.put("fanout-stalled", "deliveriesPerSec");
		HEADLINES.put("idle", "heapPerConnKB");
		HEADLINES.put("heartbeat", "serverCpuPctOfCore");
		HEADLINES.put("heartbeat-off", "serverCpuPctOfCore");
		HEADLINES.put("heartbeat-chatty", "serverCpuPctOfCore");
		HEADLINES.put("handshakes", "handshakesPerSec");
		HEADLINES.put("chat", "deliveriesPerSec");
		HEADLINES.put("c100k", "heapPerConnKB");
	}

	private ScenarioTables() {
	}

	/**
	 * The descriptions by scenario, in order: more than the ten pairs {@link Map#of} takes.
	 * @param pairs a scenario, its description, the next scenario, …
	 */
	private static Map<String, String> descriptions(String... pairs) {
		Map<String, String> descriptions = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			descriptions.put(pairs[i], pairs[i + 1]);
		}
		return descriptions;
	}

	/**
	 * The label of a figure in a scenario's table.
	 * @return the label, or the figure's key when the table does not show it
	 */
	static String label(String scenario, String key) {
		return METRICS.get(scenario)
			.stream()
			.filter((metric) -> metric.key().equals(key))
			.map(Metric::label)
			.findFirst()
			.orElse(key);
	}

	/**
	 * A row of a scenario's table.
	 * @param key the figure's name in the generator's JSON
	 * @param label what the table calls it
	 */
	record Metric(String key, String label) {
	}

}
