package dev.gofr.ws.bench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.bench.runner.ScenarioTables.Metric;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.gofr.ws.bench.runner.FigureFormat.cell;
import static dev.gofr.ws.bench.runner.FigureFormat.format;
import static dev.gofr.ws.bench.runner.FigureFormat.max;
import static dev.gofr.ws.bench.runner.FigureFormat.median;
import static dev.gofr.ws.bench.runner.FigureFormat.min;

/**
 * The Markdown report of one benchmark run: where and how it ran, per scenario the median of the
 * repeats for each server with their spread, the targets met or missed, and the runs the
 * generator limited. A hand-written part below {@link #NOTES} in the existing file is kept.
 */
final class Report {

	/** Everything from this line on in an existing report is kept as it is. */
	static final String NOTES = "<!-- bench:notes (kept by the runner) -->";

	private final BenchRunner.Options options;

	private final List<ObjectNode> results;

	Report(BenchRunner.Options options, List<ObjectNode> results) {
		this.options = options;
		this.results = results;
	}

	String markdown() throws IOException {
		StringBuilder md = new StringBuilder();
		md.append("# Performance\n\n");
		md.append("gofr-ws measured against the same application written with plain Spring WebSocket and "
				+ "against Node's `ws`, on one machine, by `gofr-ws-bench`. Regenerate this page with:\n\n");
		md.append("```shell\ngofr-ws-bench/bench.sh\n```\n\n");
		md.append("It builds the module, installs `ws@8.23.0` with npm into `gofr-ws-bench/target/node` "
				+ "if it is missing, runs every scenario against the three servers (about 25 minutes on a 2-vCPU machine) and rewrites "
				+ "this page; `gofr-ws-bench/README.md` has the options. Each run also appends one JSON line to "
				+ "`gofr-ws-bench/target/bench-results.jsonl`.\n\n");
		md.append("## This run\n\n");
		md.append("| | |\n| --- | --- |\n");
		md.append("| date | ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
			.append(" |\n");
		md.append("| machine | ").append(machine()).append(" |\n");
		md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
			.append(System.getProperty("java.runtime.version")).append(" |\n");
		md.append("| Node | ").append(command("node", "--version")).append(", ws ").append(wsVersion())
			.append(" |\n");
		md.append("| command | `").append(this.options.command).append("` |\n");
		List<Double> loads = new ArrayList<>();
		this.results.forEach((result) -> loads.add(result.path("loadAverage").asDouble(-1)));
		md.append("| load average at the start of each run | median ").append(format(median(loads))).append(", ")
			.append(format(min(loads))).append("–").append(format(max(loads)))
			.append(" (2 = both CPUs busy; anything above the benchmark's own ~2 is other work on the machine) |\n");
		md.append("| runs | ").append(this.results.size()).append(" (").append(this.options.repeats)
			.append(" per scenario and server, interleaved: ")
			.append(String.join(" ", this.options.servers.stream().map(ServerKind::id).toList()))
			.append(", then again)").append(this.options.quick ? "; **quick mode: smoke-test sizes, not figures**" : "")
			.append(" |\n\n");
		md.append(setup());
		md.append("## Results\n\n");
		md.append("Each cell is the median of the repeats, with the lowest and highest in brackets. These "
				+ "2-vCPU machines are noisy: the same build has varied up to 2× between runs, so compare "
				+ "servers within this run, and read server CPU per message beside throughput.\n\n");
		for (Map.Entry<String, List<Metric>> scenario : ScenarioTables.METRICS.entrySet()) {
			if (!this.options.scenarios.contains(scenario.getKey())) {
				continue;
			}
			// a column for each server that serves the scenario: the others did not run it
			List<ServerKind> servers = BenchRunner.serving(scenario.getKey(), this.options.servers);
			if (servers.isEmpty()) {
				continue;
			}
			md.append("### ").append(scenario.getKey()).append("\n\n");
			md.append(ScenarioTables.DESCRIPTIONS.get(scenario.getKey())).append("\n\n");
			md.append("| | ");
			for (ServerKind server : servers) {
				md.append(server.label()).append(" | ");
			}
			md.append("\n| --- |");
			md.append(" ---: |".repeat(servers.size()));
			md.append('\n');
			for (Metric metric : scenario.getValue()) {
				md.append("| ").append(metric.label()).append(" | ");
				for (ServerKind server : servers) {
					md.append(cell(values(scenario.getKey(), server, metric.key()))).append(" | ");
				}
				md.append('\n');
			}
			md.append('\n');
		}
		md.append(threads());
		md.append(targets());
		md.append(againstBaseline());
		md.append(spread());
		md.append(generatorLimits());
		md.append(failures());
		md.append(notes());
		return md.toString();
	}

	private String setup() {
		StringBuilder md = new StringBuilder();
		md.append("## Setup\n\n");
		md.append("- **gofr**: `GofrBenchServer`, the sample's setup: gofr-ws defaults (heartbeat every 30 s, "
				+ "metrics, registry, 64 KB message limits, 1 MiB send buffer, no rate limit), Actuator with "
				+ "Prometheus. `/ws/echo` returns `message.payload()`; `/ws/echo-controller`, the same echo as an "
				+ "annotated controller, is a `@WsController` whose `@OnMessage` method returns the `String` it "
				+ "takes; `POST /bench/fanout` calls `broadcaster.toRoute(\"fanout\").send(text)` per message.\n");
		md.append("- **raw**: `RawSpringBenchServer`, plain Spring Boot 4 WebSocket as a Spring user writes it: "
				+ "`@EnableWebSocket`, `TextWebSocketHandler`s keeping sessions in a `ConcurrentHashMap`, each "
				+ "wrapped in `ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024)`; the broadcast "
				+ "is a loop of `sendMessage(new TextMessage(text))` over them, skipping a session that throws. "
				+ "64 KB messages are configured the documented way, a `ServletServerContainerFactoryBean` with "
				+ "`setMaxTextMessageBufferSize(65536)` and `setMaxBinaryMessageBufferSize(65536)`. Same class "
				+ "path as gofr, started with `gofr.ws.enabled=false`.\n");
		md.append("- **node**: `src/main/node/server.js`, `ws` 8.23.0 with `maxPayload` 64 KB, broadcast as "
				+ "`for (const ws of wss.clients) ws.send(text)`, stamped with `process.hrtime.bigint()`.\n");
		if (this.options.servers.stream().anyMatch(ServerKind::isJetty)) {
			md.append("- **gofr-jetty**, **raw-jetty**: the same main classes, flags and properties on Jetty 12 "
					+ "(Boot's `spring-boot-starter-jetty`): the class path with Tomcat's jars and Boot's Tomcat "
					+ "module replaced by `target/lib-jetty`. Each run checks that `GET /bench/health` names "
					+ "Jetty. On Jetty, raw Spring's 64 KB limits are Jetty's defaults (the "
					+ "`ServletServerContainerFactoryBean` is for Tomcat only).\n");
		}
		if (this.options.servers.contains(ServerKind.RAW_NETTY)) {
			md.append("- **raw-netty**: `RawNettyBenchServer`, plain Spring WebFlux on Reactor Netty (NIO) as a "
					+ "Spring user writes it: a `WebSocketHandler` on `/ws/echo` in a `SimpleUrlHandlerMapping`, "
					+ "echoing text and binary messages with `session.send(session.receive().map(retain))`, "
					+ "64 KB frames (Reactor Netty's default). Its heartbeat is one scheduler thread that "
					+ "sends every open session `session.send(Mono.just(session.pingMessage(…)))` every "
					+ "interval. The class path with Tomcat replaced by `target/lib-netty` (WebFlux and Reactor "
					+ "Netty), started as a reactive application with `gofr.ws.enabled=false`; each run checks "
					+ "that `GET /bench/health` names Netty. It serves the scenarios on `/ws/echo` only: echo, "
					+ "idle and the heartbeat ones.\n");
		}
		String baseline = this.options.baselineClasspath;
		if (this.options.servers.stream().anyMatch(ServerKind::isBaseline) && baseline != null) {
			md.append("- **gofr-base**: the same `GofrBenchServer` with the same flags and properties as gofr, "
					+ "started from an earlier build's class path, `")
				.append(baseline)
				.append("` (`gofr-base-jetty`: the same on Jetty, with this build's Jetty jars).\n");
		}
		md.append("- The Java servers: `").append(String.join(" ", BenchRunner.SERVER_JVM))
			.append("`, Tomcat `max-connections=20000`, `accept-count=1024`. The heap ceiling is 4 GB because raw "
					+ "Spring's 64 KB buffers take 192 KB of heap per connection (Tomcat allocates them when the "
					+ "connection opens): 10,000 connections need 1.9 GB.\n");
		md.append("- Servers run with `taskset -c 0`, the load generator with `taskset -c 1`")
			.append(this.options.pin ? "" : " (**not pinned in this run: taskset missing or one CPU**)")
			.append(". The generator is one NIO selector thread (`WsLoadClient`) with HdrHistogram; it reads the "
					+ "server's CPU time (utime + stime, every thread) from `/proc/<pid>/stat` and its read and "
					+ "write system calls (`syscr`, `syscw`) from `/proc/<pid>/io` at the edges of the "
					+ "measured window, and its own thread's CPU time: a thread busy ≥ 90 % of the window marks "
					+ "the run as limited by the generator. Frames per write system call are deliveries (or "
					+ "echoes) over the server's write calls in the window; those also count the few of HTTP, "
					+ "logging and the runtime.\n");
		md.append("- The server stamps are `System.nanoTime()` (Java) or `process.hrtime.bigint()` (Node): both "
				+ "`CLOCK_MONOTONIC` on Linux, so the generator's `System.nanoTime()` is on the same clock; the "
				+ "generator checks this against `GET /bench/clock` before each fan-out run (`clockOffsetNs` in "
				+ "the JSON, 0 when within the request's round trip).\n\n");
		return md.toString();
	}

	/**
	 * The busiest server threads of the heartbeat scenarios, grouped by name: per group the
	 * median of the repeats.
	 */
	private String threads() {
		StringBuilder md = new StringBuilder();
		for (String scenario : List.of("heartbeat", "heartbeat-off", "heartbeat-chatty")) {
			if (!this.options.scenarios.contains(scenario)) {
				continue;
			}
			if (md.isEmpty()) {
				md.append("## Server CPU per thread\n\nIn the heartbeat scenarios, the server's busiest threads over the "
						+ "window (utime + stime of `/proc/<pid>/task/*/stat`), grouped by name with digits as `*` "
						+ "(Java names from `jcmd Thread.print`), in % of one core, the median of the repeats.\n\n");
			}
			md.append("### ").append(scenario).append("\n\n");
			for (ServerKind server : this.options.servers) {
				Map<String, List<Double>> groups = new LinkedHashMap<>();
				for (ObjectNode result : runs(scenario, server)) {
					result.path("metrics").path("serverThreadsCpuPctOfCore").properties().forEach((group) ->
							groups.computeIfAbsent(group.getKey(), (key) -> new ArrayList<>())
								.add(group.getValue().asDouble()));
				}
				if (groups.isEmpty()) {
					continue;
				}
				md.append("- ").append(server.label()).append(": ");
				List<String> parts = new ArrayList<>();
				groups.entrySet()
					.stream()
					.sorted((a, b) -> Double.compare(median(b.getValue()), median(a.getValue())))
					.forEach((group) -> parts.add("`" + group.getKey() + "` " + format(median(group.getValue()))));
				md.append(String.join(", ", parts)).append('\n');
			}
			md.append('\n');
		}
		return md.toString();
	}

	private String targets() {
		StringBuilder md = new StringBuilder("## Targets\n\nFrom the medians above; gofr against raw Spring.\n\n");
		Double echoRate = ratio("echo", "msgsPerSec");
		md.append(line("echo throughput ≥ 0.95× raw", echoRate, (r) -> r >= 0.95,
				figures("echo", "msgsPerSec", "msgs/s"), true));
		Double echoCpu = ratio("echo", "serverCpuUsPerMsg");
		md.append(line("echo server CPU per message ≤ 1.1× raw", echoCpu, (r) -> r <= 1.1,
				figures("echo", "serverCpuUsPerMsg", "µs"), true));
		Double echoP99 = ratio("echo", "rttP99Us");
		md.append(line("echo RTT p99 ≤ raw", echoP99, (r) -> r <= 1.0, figures("echo", "rttP99Us", "µs"), true));
		Double handlerCpu = median(values("echo", ServerKind.GOFR, "serverCpuUsPerMsg"));
		Double controllerCpu = median(values("echo-controller", ServerKind.GOFR, "serverCpuUsPerMsg"));
		Double controllerCost = (handlerCpu != null && controllerCpu != null) ? controllerCpu - handlerCpu : null;
		md.append(line("echo through an annotated controller: server CPU per message ≤ 0.3 µs over the handler "
				+ "lambda's (gofr, this run)", controllerCost, (d) -> d <= 0.3, "gofr " + format(controllerCpu)
						+ " µs through the controller, " + format(handlerCpu) + " µs through the lambda, "
						+ format(controllerCost) + " µs more",
				false));
		Double fanRate = ratio("fanout", "deliveriesPerSec");
		md.append(line("fan-out deliveries/s ≥ 2× raw", fanRate, (r) -> r >= 2.0,
				figures("fanout", "deliveriesPerSec", "deliveries/s"), true));
		Double fanCpu = median(values("fanout", ServerKind.GOFR, "serverCpuUsPerDelivery"));
		md.append(line("fan-out server CPU ≤ 10 µs per delivery", fanCpu, (v) -> v <= 10.0,
				figures("fanout", "serverCpuUsPerDelivery", "µs"), false));
		Double fanLoss = max(values("fanout", ServerKind.GOFR, "losses"));
		md.append(line("fan-out without loss (every repeat)", fanLoss, (v) -> v == 0,
				"gofr lost " + format(fanLoss) + " at most", false));
		Double fanP99 = ratio("fanout", "latencyP99Us");
		md.append(line("fan-out delivery p99 ≤ raw", fanP99, (r) -> r <= 1.0,
				figures("fanout", "latencyP99Us", "µs"), true));
		Double stalledP99 = median(values("fanout-stalled", ServerKind.GOFR, "latencyP99Us"));
		Double cleanP99 = median(values("fanout", ServerKind.GOFR, "latencyP99Us"));
		Double stallRatio = (stalledP99 != null && cleanP99 != null && cleanP99 > 0) ? stalledP99 / cleanP99 : null;
		md.append(line("fan-out with 1% stalled: healthy p99 ≤ 1.5× the no-stall run", stallRatio, (r) -> r <= 1.5,
				"gofr " + format(stalledP99) + " µs against " + format(cleanP99) + " µs", true));
		Double cut = min(values("fanout-stalled", ServerKind.GOFR, "stalledCutOff"));
		Double cut1013 = min(values("fanout-stalled", ServerKind.GOFR, "stalledCutOff1013"));
		Double stalled = max(values("fanout-stalled", ServerKind.GOFR, "stalled"));
		md.append(line("fan-out with 1% stalled: the stalled clients cut off, with 1013 (every repeat)",
				(cut != null && cut1013 != null && stalled != null) ? Math.min(cut, cut1013) - stalled : null,
				(d) -> d >= 0, "at least " + format(cut) + " of " + format(stalled) + " cut off, " + format(cut1013)
						+ " of them with a 1013 close frame that reached the client",
				false));
		Double stallHeap = max(values("fanout-stalled", ServerKind.GOFR, "heapAfterGcMB"));
		Double cleanHeap = max(values("fanout", ServerKind.GOFR, "heapAfterGcMB"));
		Double growth = (stallHeap != null && cleanHeap != null) ? stallHeap - cleanHeap : null;
		md.append(line("fan-out with 1% stalled: heap bounded (at most 20 × the 1 MiB send buffer over the "
				+ "no-stall run)", growth, (g) -> g <= 20.0,
				"gofr " + format(stallHeap) + " MB against " + format(cleanHeap) + " MB", false));
		Double idle = ratio("idle", "heapPerConnKB");
		md.append(line("idle heap per connection ≤ 0.5× raw (64 KB limit)", idle, (r) -> r <= 0.5,
				figures("idle", "heapPerConnKB", "KB"), true));
		Double heartbeat = median(values("heartbeat", ServerKind.GOFR, "serverCpuPctOfCore"));
		md.append(line("heartbeat, 10,000 idle connections pinged every 5 s: ≤ 5 % of one core", heartbeat,
				(v) -> v <= 5.0, figures("heartbeat", "serverCpuPctOfCore", "%"), false));
		Double chatRate = ratio("chat", "deliveriesPerSec");
		md.append(line("the sample's chat fan-out (1,000 members): deliveries/s ≥ 2× raw Spring's naive chat", chatRate,
				(r) -> r >= 2.0, figures("chat", "deliveriesPerSec", "deliveries/s"), true));
		Double chatLoss = max(values("chat", ServerKind.GOFR, "losses"));
		md.append(line("chat without loss (every repeat)", chatLoss, (v) -> v == 0,
				"gofr lost " + format(chatLoss) + " at most", false));
		Double handshakes = ratio("handshakes", "handshakesPerSec");
		md.append(line("handshakes/s ≥ 0.9× raw", handshakes, (r) -> r >= 0.9,
				figures("handshakes", "handshakesPerSec", "/s"), true));
		md.append('\n');
		return md.toString();
	}

	private static String line(String target, @Nullable Double value, java.util.function.DoublePredicate met,
			String figures, boolean showRatio) {
		String verdict = (value == null) ? "not measured" : met.test(value) ? "**met**" : "**missed**";
		String ratio = (showRatio && value != null) ? " (ratio " + format(value) + ")" : "";
		return "- " + target + ": " + verdict + " — " + figures + ratio + "\n";
	}

	private String figures(String scenario, String key, String unit) {
		Double gofr = median(values(scenario, ServerKind.GOFR, key));
		Double raw = median(values(scenario, ServerKind.RAW, key));
		return "gofr " + format(gofr) + " " + unit + ", raw " + format(raw) + " " + unit;
	}

	private @Nullable Double ratio(String scenario, String key) {
		Double gofr = median(values(scenario, ServerKind.GOFR, key));
		Double raw = median(values(scenario, ServerKind.RAW, key));
		return (gofr != null && raw != null && raw != 0) ? gofr / raw : null;
	}

	/**
	 * This build against the baseline on the figures a before/after note quotes; empty without a
	 * baseline.
	 */
	private String againstBaseline() {
		if (!this.options.servers.contains(ServerKind.GOFR_BASELINE)
				|| !this.options.servers.contains(ServerKind.GOFR)) {
			return "";
		}
		StringBuilder md = new StringBuilder("## Against the baseline\n\n");
		md.append("This build's median over the baseline's (gofr-ws / gofr-ws (baseline)), both run interleaved "
				+ "in this run; above 1 is better for throughput, worse for latency, CPU and memory.\n\n");
		md.append("| scenario | figure | ").append(ServerKind.GOFR_BASELINE.label()).append(" | ")
			.append(ServerKind.GOFR.label()).append(" | ratio |\n| --- | --- | ---: | ---: | ---: |\n");
		for (Map.Entry<String, List<String>> scenario : ScenarioTables.BASELINE_FIGURES.entrySet()) {
			if (!this.options.scenarios.contains(scenario.getKey())
					|| !ServerKind.GOFR_BASELINE.serves(scenario.getKey())) {
				continue;
			}
			for (String key : scenario.getValue()) {
				Double base = median(values(scenario.getKey(), ServerKind.GOFR_BASELINE, key));
				Double gofr = median(values(scenario.getKey(), ServerKind.GOFR, key));
				Double ratio = (base != null && gofr != null && base != 0) ? gofr / base : null;
				String label = ScenarioTables.label(scenario.getKey(), key);
				md.append("| ").append(scenario.getKey()).append(" | ").append(label).append(" | ")
					.append(format(base)).append(" | ").append(format(gofr)).append(" | ").append(format(ratio))
					.append(" |\n");
			}
		}
		md.append('\n');
		return md.toString();
	}

	private String spread() {
		StringBuilder md = new StringBuilder("## Spread between repeats\n\n");
		md.append("(highest − lowest) / median of the headline figure of each scenario, per server:\n\n");
		md.append("| scenario | figure | ");
		this.options.servers.forEach((server) -> md.append(server.label()).append(" | "));
		md.append("\n| --- | --- |").append(" ---: |".repeat(this.options.servers.size())).append('\n');
		ScenarioTables.HEADLINES.forEach((scenario, key) -> {
			if (!this.options.scenarios.contains(scenario)) {
				return;
			}
			md.append("| ").append(scenario).append(" | ").append(key).append(" | ");
			for (ServerKind server : this.options.servers) {
				List<Double> values = values(scenario, server, key);
				Double median = median(values);
				md.append((values.size() < 2 || median == null || median == 0) ? "–"
						: String.format(Locale.ROOT, "%.0f %%", 100 * (max(values) - min(values)) / Math.abs(median)))
					.append(" | ");
			}
			md.append('\n');
		});
		md.append('\n');
		return md.toString();
	}

	private String generatorLimits() {
		StringBuilder md = new StringBuilder("## When the generator was the limit\n\n");
		List<String> limited = new ArrayList<>();
		for (ObjectNode result : this.results) {
			JsonNode metrics = result.path("metrics");
			if (metrics.path("generatorSaturated").asBoolean(false)) {
				limited.add(result.path("scenario").asString() + " / " + result.path("server").asString() + " #"
						+ result.path("repeat").asInt() + " (thread busy "
						+ format(metrics.path("generatorThreadBusy").asDouble()) + ")");
			}
		}
		if (limited.isEmpty()) {
			md.append("In no run was the generator's selector thread busy 90 % of the measured window or more.\n\n");
		}
		else {
			md.append("The generator's selector thread was busy 90 % of the window or more in these runs, so their "
					+ "throughput is the generator's, not the server's; their server CPU per message still "
					+ "compares:\n\n");
			limited.forEach((run) -> md.append("- ").append(run).append('\n'));
			md.append('\n');
		}
		return md.toString();
	}

	private String failures() {
		StringBuilder md = new StringBuilder();
		for (ObjectNode result : this.results) {
			if (result.has("error")) {
				if (md.isEmpty()) {
					md.append("## Failed runs\n\n");
				}
				md.append("- ").append(result.path("scenario").asString()).append(" / ")
					.append(result.path("server").asString()).append(" #").append(result.path("repeat").asInt())
					.append(": ").append(result.path("error").asString()).append('\n');
			}
		}
		return md.isEmpty() ? "" : md.append('\n').toString();
	}

	private String notes() throws IOException {
		Path existing = this.options.report;
		if (existing != null && Files.exists(existing)) {
			String text = Files.readString(existing, StandardCharsets.UTF_8);
			int at = text.indexOf(NOTES);
			if (at >= 0) {
				return text.substring(at);
			}
		}
		return NOTES + "\n\n## Notes\n\nHand-written analysis goes here; the runner keeps it.\n";
	}

	private List<ObjectNode> runs(String scenario, ServerKind server) {
		return this.results.stream()
			.filter((result) -> result.path("scenario").asString().equals(scenario)
					&& result.path("server").asString().equals(server.id()) && !result.has("error"))
			.toList();
	}

	private List<Double> values(String scenario, ServerKind server, String key) {
		List<Double> values = new ArrayList<>();
		for (ObjectNode result : runs(scenario, server)) {
			JsonNode value = result.path("metrics").path(key);
			if (value.isNumber()) {
				values.add(value.asDouble());
			}
			else if (value.isBoolean()) {
				values.add(value.asBoolean() ? 1.0 : 0.0);
			}
		}
		return values;
	}

	/**
	 * The machine in one line: CPUs and their model, memory, operating system.
	 */
	static String machine() {
		String model = "unknown CPU";
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					model = line.substring(line.indexOf(':') + 1).trim();
					break;
				}
			}
		}
		catch (IOException ex) {
			// keep unknown
		}
		int cpus = cpus();
		long memory = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memory = Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// keep unknown
		}
		return cpus + " vCPU (" + model + "), " + ((memory > 0) ? memory + " GiB" : "?") + ", "
				+ System.getProperty("os.name") + " " + System.getProperty("os.version");
	}

	/**
	 * The machine's CPUs, not this process's, which may be pinned to one.
	 */
	static int cpus() {
		try (java.util.stream.Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			int count = (int) lines.filter((line) -> line.startsWith("processor")).count();
			return (count > 0) ? count : Runtime.getRuntime().availableProcessors();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return Runtime.getRuntime().availableProcessors();
		}
	}

	private String wsVersion() {
		Path pkg = this.options.nodeModules.resolve("ws/package.json");
		try {
			String text = Files.readString(pkg);
			int at = text.indexOf("\"version\"");
			if (at >= 0) {
				int start = text.indexOf('"', text.indexOf(':', at)) + 1;
				return text.substring(start, text.indexOf('"', start));
			}
		}
		catch (IOException ex) {
			// not installed
		}
		return "not installed";
	}

	private static String command(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor(10, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			return "not found";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "?";
		}
	}

}
