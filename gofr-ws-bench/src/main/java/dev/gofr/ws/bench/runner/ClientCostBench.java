package dev.gofr.ws.bench.runner;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import dev.gofr.ws.bench.CompilerActivity;
import dev.gofr.ws.bench.client.ServerProbe;
import dev.gofr.ws.bench.reconnecting.ClientCostResult;
import dev.gofr.ws.bench.reconnecting.EchoClients;
import dev.gofr.ws.bench.reconnecting.ProcessReading;
import org.HdrHistogram.Histogram;

/**
 * The reconnecting client's own cost per message: {@code --clients} {@code ReconnectingClient}s
 * of gofr-ws-core in this process, built with the builder's defaults, each echoing
 * {@code --messages} messages of {@code --size} bytes through a server in another process with at
 * most {@code --window} unanswered, after warm-up rounds of {@code --warmup} messages repeated
 * until the JIT compiler works less than a twentieth of a round (at most {@code --warmup-rounds}),
 * and once it is quiet. Per measured round: round trips per second, this process's CPU time,
 * system calls and allocation per round trip, its collections and compiling, the server's CPU time
 * per round trip and the round trips' p50 and p99. The server ({@code --server raw}, plain Spring
 * WebSocket on Tomcat, the same whichever build of gofr-ws the client comes from; or
 * {@code gofr}) runs pinned to CPU 0, this process pins itself to CPU 1, so that it holds nothing
 * but the clients and the harness that drives them.
 * <p>
 * It uses only the client's public API of gofr-ws-core's first releases, so that these classes
 * run unchanged on an earlier or later build's class path: {@code java -cp
 * "gofr-ws-bench/target/classes:<that build>/gofr-ws-bench/target/lib/*"}.
 * <p>
 * {@code java dev.gofr.ws.bench.runner.ClientCostBench [--clients 1[,10]] [--messages 200000]
 * [--window 100] [--size 64] [--warmup 50000] [--warmup-rounds 10] [--repeats 3] [--server raw |
 * gofr] [--quick] [--report path] [--no-pin] [--command "what was typed"]}
 */
public final class ClientCostBench {

	/** The thread groups the report lists per client count. */
	private static final int THREAD_GROUPS = 8;

	private final Options options;

	ClientCostBench(Options options) {
		this.options = options;
	}

	/**
	 * Run the benchmark, print its Markdown and write it to {@code --report}.
	 * @param args see the class description
	 * @throws Exception when it cannot run
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		if (options.pin) {
			CompressionBench.pinSelf(1); // before any client thread starts: they inherit it
		}
		ClientCostBench bench = new ClientCostBench(options);
		options.publish(bench.markdown(bench.run()));
		System.exit(0); // a transport's threads may outlive its closed clients
	}

	/**
	 * Start the server, then for each client count connect the clients, warm up and measure.
	 * @return the measured rounds by client count
	 * @throws Exception when the server cannot start or a round fails
	 */
	Measured run() throws Exception {
		int port = BenchRunner.freePort();
		String logName = "client-cost-" + this.options.server.id() + ".log";
		BenchRunner.log("starting the %s server on port %d; the client is %s", this.options.server.id(), port,
				EchoClients.clientLocation());
		Process server = this.options.startServer(this.options.server, "echo", port,
				serverClasspath(this.options.server, this.options.classpath), List.of(), logName);
		Path log = this.options.logs.resolve(logName);
		try {
			// only to see the server up: idle while the clients are measured
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			BenchRunner.awaitReady(http, server, port);
			String container = BenchRunner.container(http, port);
			if (!container.equals(this.options.server.container())) {
				throw new IllegalStateException("The server runs on '" + container + "'; see " + log);
			}
			URI url = URI.create("ws://127.0.0.1:" + port + "/ws/echo");
			Measured measured = new Measured(new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>());
			for (int clients : this.options.clients) {
				measured.results().put(clients, measure(url, clients, server.pid(), measured));
			}
			return measured;
		}
		finally {
			BenchRunner.stop(server, false);
		}
	}

	private List<ClientCostResult> measure(URI url, int count, long serverPid, Measured measured) throws Exception {
		List<ClientCostResult> results = new ArrayList<>();
		try (EchoClients clients = new EchoClients(url, count, this.options.window, this.options.size)) {
			clients.connect(Duration.ofSeconds(30));
			measured.warmupRounds().put(count, warmUp(clients));
			Duration bound = Duration.ofSeconds(60).plusNanos(this.options.messages * 100_000);
			for (int repeat = 1; repeat <= this.options.repeats; repeat++) {
				measured.loadAverages().add(BenchRunner.loadAverage());
				long serverBefore = serverCpuNanos(serverPid);
				ProcessReading before = ProcessReading.now();
				Histogram latency = clients.round(this.options.messages, bound);
				ProcessReading after = ProcessReading.now();
				ClientCostResult result = ClientCostResult.of(count, this.options.messages * count, before, after,
						serverCpuNanos(serverPid) - serverBefore, latency);
				BenchRunner.log("%d client(s), repeat %d: %,.0f round trips/s, client %.2f µs CPU (%.2f without the "
						+ "JIT compiler), %.0f B allocated, server %.2f µs CPU per message; %d ms compiling; client "
						+ "threads (µs per message): %s", count, repeat, result.messagesPerSecond(),
						result.clientCpuMicrosPerMessage(), result.clientCpuMicrosPerMessageWithoutCompiler(),
						result.allocatedBytesPerMessage(), result.serverCpuMicrosPerMessage(), result.compileMillis(),
						threads(result.threadCpuMicrosPerMessage()));
				results.add(result);
			}
		}
		return results;
	}

	/**
	 * Warm-up rounds until the JIT compiler worked less than a twentieth of a round, then wait
	 * until it is quiet.
	 * @return the rounds it took
	 */
	private int warmUp(EchoClients clients) throws InterruptedException {
		long perClient = Math.max(1, this.options.warmup / clients.size());
		int rounds = 0;
		while (rounds < this.options.warmupRounds) {
			rounds++;
			long start = System.nanoTime();
			long compiling = CompilerActivity.millis();
			clients.round(perClient, Duration.ofSeconds(60).plusNanos(perClient * 100_000));
			long millis = (System.nanoTime() - start) / 1_000_000;
			compiling = CompilerActivity.millis() - compiling;
			BenchRunner.log("%d client(s), warm-up round %d: %,d messages in %d ms, %d ms compiling", clients.size(),
					rounds, perClient * clients.size(), millis, compiling);
			if (compiling * 20 < millis) {
				break;
			}
		}
		if (!this.options.quick && !CompilerActivity.awaitQuiet(Duration.ofSeconds(30))) {
			BenchRunner.log("the JIT compiler was still busy after 30 s");
		}
		return rounds;
	}

	/**
	 * The server's class path: this process's, but for the plain Spring server without Jetty's
	 * jars, which the client's transport or the tests' class path may bring: with Jetty's
	 * WebSocket server on the class path Spring takes Jetty's upgrade strategy, and fails every
	 * handshake on Tomcat.
	 */
	static String serverClasspath(ServerKind server, String classpath) {
		if (server != ServerKind.RAW) {
			return classpath;
		}
		return Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.substring(entry.lastIndexOf(File.separatorChar) + 1).startsWith("jetty-"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static long serverCpuNanos(long pid) {
		long[] split = ServerProbe.cpuSplitNanos(pid);
		return split[0] + split[1];
	}

	private static String threads(Map<String, Double> micros) {
		StringBuilder text = new StringBuilder();
		micros.entrySet().stream().limit(THREAD_GROUPS).forEach((group) -> text.append((text.length() > 0) ? ", " : "")
			.append(group.getKey()).append(' ').append(FigureFormat.format(group.getValue())));
		return text.toString();
	}

	/**
	 * The report: where and how it ran, then per client count the median of the repeats and their
	 * range, then the busiest threads of this process.
	 */
	String markdown(Measured measured) {
		StringBuilder md = new StringBuilder();
		md.append("Measured ")
			.append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
			.append(" on ").append(Report.machine())
			.append(", Java ").append(System.getProperty("java.version"))
			.append(", with `").append(this.options.command).append("`. The client: `")
			.append(EchoClients.clientLocation())
			.append("`, `ReconnectingClient` with the builder's defaults. The server: ")
			.append(this.options.server.label()).append(" (`/ws/echo`)")
			.append(this.options.pin ? " on CPU 0, this process on CPU 1" : " (not pinned)")
			.append(". Per client count, ").append(this.options.repeats).append(" rounds of ")
			.append(String.format(Locale.ROOT, "%,d", this.options.messages))
			.append(" messages per client of ").append(this.options.size).append(" B, at most ")
			.append(this.options.window).append(" unanswered per client, after warm-up rounds of ")
			.append(String.format(Locale.ROOT, "%,d", this.options.warmup)).append(" messages (")
			.append(measured.warmupRounds().values()).append(" by client count). One-minute load average per round: ")
			.append(measured.loadAverages().stream().map((load) -> String.format(Locale.ROOT, "%.2f", load)).toList())
			.append(this.options.quick ? ". **Quick run: the figures mean nothing.**" : ".")
			.append(" Cells: median (min–max). A message is one round trip: one send and one receive.\n\n");
		md.append("| figure |");
		measured.results().keySet().forEach((clients) -> md.append(' ').append(clients)
			.append((clients == 1) ? " client |" : " clients |"));
		md.append("\n| --- |").append(" ---: |".repeat(measured.results().size())).append('\n');
		row(md, measured, "round trips/s", ClientCostResult::messagesPerSecond);
		row(md, measured, "**client CPU per message, without the JIT compiler (µs)**",
				ClientCostResult::clientCpuMicrosPerMessageWithoutCompiler);
		row(md, measured, "client CPU per message, whole process (µs)", ClientCostResult::clientCpuMicrosPerMessage);
		row(md, measured, "of it in the kernel (%)", (result) -> 100 * result.clientSystemShare());
		row(md, measured, "client read system calls per message", ClientCostResult::readCallsPerMessage);
		row(md, measured, "client write system calls per message", ClientCostResult::writeCallsPerMessage);
		row(md, measured, "client allocation per message (B)", ClientCostResult::allocatedBytesPerMessage);
		row(md, measured, "client collections per round", (result) -> result.collections());
		row(md, measured, "client collection time per round (ms)", (result) -> result.collectionMillis());
		row(md, measured, "client JIT compiling per round (ms)", (result) -> result.compileMillis());
		row(md, measured, "server CPU per message (µs)", ClientCostResult::serverCpuMicrosPerMessage);
		row(md, measured, "client CPU use (% of one core)", ClientCostResult::clientCpuPercent);
		row(md, measured, "server CPU use (% of one core)", ClientCostResult::serverCpuPercent);
		row(md, measured, "round trip p50 (ms)", (result) -> result.p50Nanos() / 1e6);
		row(md, measured, "round trip p99 (ms)", (result) -> result.p99Nanos() / 1e6);
		md.append("\nThe client process's busiest Java threads, then the JVM's own, CPU per message (µs), median "
				+ "(min–max) of the rounds; numbers in thread names as `*`:\n\n");
		md.append("| thread |");
		measured.results().keySet().forEach((clients) -> md.append(' ').append(clients)
			.append((clients == 1) ? " client |" : " clients |"));
		md.append("\n| --- |").append(" ---: |".repeat(measured.results().size())).append('\n');
		for (String group : busiestGroups(measured)) {
			row(md, measured, "`" + group + "`", (result) -> result.threadCpuMicrosPerMessage().getOrDefault(group, 0.0));
		}
		row(md, measured, "the JVM's JIT compiler threads", ClientCostResult::compilerCpuMicrosPerMessage);
		row(md, measured, "the JVM's collector threads and VM thread", ClientCostResult::collectorCpuMicrosPerMessage);
		return md.toString();
	}

	private static void row(StringBuilder md, Measured measured, String label,
			ToDoubleFunction<ClientCostResult> figure) {
		md.append("| ").append(label).append(" |");
		for (List<ClientCostResult> results : measured.results().values()) {
			md.append(' ').append(FigureFormat.cell(results.stream().map(figure::applyAsDouble).toList())).append(" |");
		}
		md.append('\n');
	}

	/**
	 * The busiest thread groups of each client count, the busiest of the first count first; a
	 * group with less than a thousandth of the process's CPU time is left out.
	 */
	private static Set<String> busiestGroups(Measured measured) {
		Set<String> groups = new LinkedHashSet<>();
		for (List<ClientCostResult> results : measured.results().values()) {
			Map<String, Long> total = new LinkedHashMap<>();
			results.forEach((result) -> result.threadCpuNanos().forEach((group, nanos) -> total.merge(group, nanos,
					Long::sum)));
			long process = results.stream().mapToLong(ClientCostResult::clientCpuNanos).sum();
			total.entrySet()
				.stream()
				.filter((group) -> group.getValue() * 1000 >= process)
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(THREAD_GROUPS)
				.forEach((group) -> groups.add(group.getKey()));
		}
		return groups;
	}

	/**
	 * What a run measured.
	 * @param results the measured rounds by client count
	 * @param loadAverages the one-minute load average as each round started
	 * @param warmupRounds the warm-up rounds by client count
	 */
	record Measured(Map<Integer, List<ClientCostResult>> results, List<Double> loadAverages,
			Map<Integer, Integer> warmupRounds) {
	}

	/**
	 * What to run and where.
	 */
	static final class Options extends RunnerOptions {

		List<Integer> clients = List.of(1);

		long messages = 200_000;

		int window = 100;

		int size = 64;

		long warmup = 50_000;

		int warmupRounds = 10;

		int repeats = 3;

		ServerKind server = ServerKind.RAW;

		private Options(String[] args) {
			super(args, "ClientCostBench");
		}

		static Options parse(String... args) {
			Options options = new Options(args);
			if (quick(args)) {
				options.quick = true;
				options.messages = 2_000;
				options.warmup = 2_000;
				options.warmupRounds = 1;
				options.repeats = 1;
			}
			options.read(args);
			return options;
		}

		@Override
		boolean option(String name, String value) {
			switch (name) {
				case "clients" -> this.clients = List.of(value.split(",")).stream().map(Integer::valueOf).toList();
				case "messages" -> this.messages = Long.parseLong(value);
				case "window" -> this.window = Integer.parseInt(value);
				case "size" -> this.size = Integer.parseInt(value);
				case "warmup" -> this.warmup = Long.parseLong(value);
				case "warmup-rounds" -> this.warmupRounds = Integer.parseInt(value);
				case "repeats" -> this.repeats = Integer.parseInt(value);
				case "server" -> this.server = server(value);
				default -> {
					return false;
				}
			}
			return true;
		}

		private static ServerKind server(String id) {
			ServerKind server = ServerKind.of(id);
			if (server != ServerKind.RAW && server != ServerKind.GOFR) {
				throw new IllegalArgumentException("--server is raw or gofr, not " + id);
			}
			return server;
		}

	}

}
