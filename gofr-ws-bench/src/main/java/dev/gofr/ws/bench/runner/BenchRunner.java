package dev.gofr.ws.bench.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the benchmark: for each scenario and each repeat, each server in turn (gofr, gofr-jetty,
 * raw, raw-jetty, node, then node, raw-jetty, … in the next repeat: the order alternates, since a
 * server measured right after another can come out worse), every run with a fresh server process
 * pinned to CPU 0 and a fresh load
 * generator process pinned to CPU 1. Each run prints one JSON line and appends it to the results
 * file; at the end the Markdown report is written. With {@code --baseline-classpath}, the server
 * {@code gofr-base} is the same gofr-ws server started from an earlier build's class path, so that
 * a before/after comparison runs interleaved with this build. A scenario runs only against the
 * servers that serve its route ({@code echo-controller}: this build's gofr-ws, on either
 * container; {@code raw-netty}, plain Spring WebFlux on Reactor Netty, serves only the scenarios on
 * {@code /ws/echo}); the others are skipped with a line in the log.
 * <p>
 * {@code java dev.gofr.ws.bench.runner.BenchRunner [--scenarios echo,echo-controller,fanout,…,chat] [--servers
 * gofr,gofr-jetty,raw,raw-jetty,node] [--repeats 2] [--quick] [--size 64] [--report docs/performance.md | --report none]
 * [--results target/bench-results.jsonl] [--jfr] [--baseline-classpath <class path>
 * --servers gofr-base,gofr,…] [--java21 <java of Java 21+> for gofr-virtual] [--jetty-lib target/lib-jetty]
 * [--netty-lib target/lib-netty] [--command "what was typed"]}
 */
public final class BenchRunner {

	/** Every scenario, in the order they run. */
	public static final List<String> SCENARIOS = List.of("echo", "echo-controller", "fanout", "fanout-paced",
			"fanout-stalled", "idle", "heartbeat", "heartbeat-off", "heartbeat-chatty", "handshakes", "chat", "c100k");

	/**
	 * The scenarios run without {@code --scenarios}: every one but {@code chat} and {@code c100k},
	 * which are asked for by name: an earlier build's {@code gofr-base} has no chat route, and
	 * {@code c100k} takes minutes and as many open files as the machine allows.
	 */
	public static final List<String> DEFAULT_SCENARIOS = SCENARIOS.stream()
		.filter((scenario) -> !scenario.equals("chat") && !scenario.equals("c100k"))
		.toList();

	/** The flags of both Java servers. */
	static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx4g", "-XX:+UseG1GC");

	/** The flags of the load generator. */
	static final List<String> GENERATOR_JVM = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC",
			"-Djdk.httpclient.keepalive.timeout=2");

	private final Options options;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	BenchRunner(Options options) {
		this.options = options;
	}

	/**
	 * Run the benchmark.
	 * @param args see the class description
	 * @throws Exception when it cannot run
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		List<ObjectNode> results = new BenchRunner(options).run();
		long failed = results.stream().filter((result) -> result.has("error")).count();
		System.exit((failed == 0) ? 0 : 1);
	}

	/**
	 * Run every scenario against every server, the given number of times, interleaved.
	 * @return one result per run
	 * @throws IOException when results cannot be written
	 */
	public List<ObjectNode> run() throws IOException {
		Files.createDirectories(this.options.results.toAbsolutePath().getParent());
		Files.createDirectories(this.options.logs);
		List<ObjectNode> results = new ArrayList<>();
		log("%s; servers %s; %d repeat(s)%s; server on CPU %s, generator on CPU %s", this.options.scenarios,
				this.options.servers, this.options.repeats, this.options.quick ? "; quick" : "",
				this.options.pin ? "0" : "any", this.options.pin ? "1" : "any");
		for (String scenario : this.options.scenarios) {
			List<ServerKind> servers = serving(scenario, this.options.servers);
			if (servers.size() < this.options.servers.size()) {
				List<String> skipped = this.options.servers.stream()
					.filter((server) -> !servers.contains(server))
					.map(ServerKind::id)
					.toList();
				log("%s: skipped on %s, not serving its route", scenario, String.join(", ", skipped));
			}
			for (int repeat = 1; repeat <= this.options.repeats; repeat++) {
				for (ServerKind server : order(servers, repeat)) {
					ObjectNode result = runOne(scenario, server, repeat);
					String line = this.json.writeValueAsString(result);
					System.out.println(line);
					System.out.flush();
					Files.writeString(this.options.results, line + "\n", StandardCharsets.UTF_8,
							StandardOpenOption.CREATE, StandardOpenOption.APPEND);
					results.add(result);
				}
			}
		}
		if (this.options.report != null) {
			Report report = new Report(this.options, results);
			Files.writeString(this.options.report, report.markdown(), StandardCharsets.UTF_8);
			log("report written to %s", this.options.report);
		}
		return results;
	}

	/**
	 * The servers that a scenario runs against: those of {@code servers}, in their order, that
	 * {@link ServerKind#serves serve} its route.
	 */
	static List<ServerKind> serving(String scenario, List<ServerKind> servers) {
		return servers.stream().filter((server) -> server.serves(scenario)).toList();
	}

	/**
	 * The servers in the order a repeat runs them: as given in odd repeats, reversed in even ones,
	 * so that no server is always measured after the same other one.
	 */
	static List<ServerKind> order(List<ServerKind> servers, int repeat) {
		if (repeat % 2 == 1) {
			return servers;
		}
		List<ServerKind> reversed = new ArrayList<>(servers);
		java.util.Collections.reverse(reversed);
		return reversed;
	}

	private ObjectNode runOne(String scenario, ServerKind server, int repeat) {
		ObjectNode result = this.json.createObjectNode();
		result.put("scenario", scenario);
		result.put("server", server.id());
		result.put("repeat", repeat);
		result.put("quick", this.options.quick);
		if (this.options.size != null) {
			result.put("size", this.options.size);
		}
		result.put("time", java.time.Instant.now().toString());
		result.put("loadAverage", loadAverage());
		if (server.isBaseline()) {
			result.put("classpath", this.options.classpath(server));
		}
		if (server.needsJava21()) {
			result.put("java", this.options.java(server));
		}
		String name = scenario + "-" + server.id() + "-" + repeat;
		Process process = null;
		try {
			int port = freePort();
			List<String> command = new ArrayList<>(pinned(0));
			List<String> jvm = new ArrayList<>(SERVER_JVM);
			if (this.options.jfr && server.isJava()) {
				Files.createDirectories(this.options.jfrDir);
				jvm.add("-XX:StartFlightRecording=filename=" + this.options.jfrDir.resolve(name + ".jfr")
						+ ",settings=profile,dumponexit=true");
			}
			command.addAll(server.command(scenario, port, this.options.java(server), jvm, this.options.classpath(server),
					this.options.benchDir));
			String gofrArgs = (server.isBaseline() && this.options.baseArgs != null) ? this.options.baseArgs
					: this.options.gofrArgs;
			if (server.isGofr() && !gofrArgs.isBlank()) {
				for (String property : gofrArgs.trim().split("\\s+")) {
					command.add("--" + property); // given without the dashes, as name=value
				}
			}
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.options.logs.resolve(name + ".log").toFile());
			if (server == ServerKind.NODE) {
				builder.environment().put("NODE_PATH", this.options.nodeModules.toString());
			}
			log("%s: starting %s on port %d", name, server.id(), port);
			long start = System.nanoTime();
			process = builder.start();
			awaitReady(this.http, process, port);
			result.put("serverStartMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			result.put("serverPid", process.pid());
			String container = container(this.http, port);
			result.put("container", container);
			if (!container.equals(server.container())) {
				throw new IllegalStateException(server.id() + " runs on '" + container + "', not on "
						+ server.container() + "; see " + name + ".log");
			}
			JsonNode metrics = generate(scenario, server, port, process.pid(), name);
			result.set("metrics", metrics);
			result.put("generatorSaturated", metrics.path("generatorSaturated").asBoolean(false));
			if (!process.isAlive()) {
				throw new IllegalStateException("The server died during the run; see " + name + ".log");
			}
		}
		catch (Exception ex) {
			log("%s failed: %s", name, ex);
			result.put("error", String.valueOf(ex.getMessage()));
		}
		finally {
			if (process != null) {
				stop(process, this.options.jfr);
			}
		}
		return result;
	}

	private JsonNode generate(String scenario, ServerKind server, int port, long pid, String name)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(pinned(1));
		command.add(this.options.java);
		command.addAll(GENERATOR_JVM);
		command.add("-cp");
		command.add(this.options.classpath);
		command.add("dev.gofr.ws.bench.client.LoadGenerator");
		command.addAll(List.of("--scenario", scenario, "--port", Integer.toString(port), "--server-pid",
				Long.toString(pid), "--server-kind", server.id()));
		if (this.options.quick) {
			command.add("--quick");
		}
		if (this.options.size != null) {
			command.addAll(List.of("--size", Integer.toString(this.options.size)));
		}
		if (scenario.equals("handshakes")) {
			command.addAll(List.of("--origin", ServerKind.ORIGIN));
		}
		Process generator = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		byte[] output;
		try {
			output = generator.getInputStream().readAllBytes();
			if (!generator.waitFor(15, TimeUnit.MINUTES)) {
				throw new IllegalStateException("The generator did not finish");
			}
		}
		finally {
			generator.destroyForcibly();
		}
		if (generator.exitValue() != 0) {
			throw new IllegalStateException("The generator failed with exit code " + generator.exitValue());
		}
		String last = null;
		for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
			if (line.startsWith("{")) {
				last = line;
			}
		}
		if (last == null) {
			throw new IllegalStateException("The generator printed no result");
		}
		return this.json.readTree(last);
	}

	private List<String> pinned(int cpu) {
		return pinned(this.options.pin, cpu);
	}

	static List<String> pinned(boolean pin, int cpu) {
		return pin ? List.of("taskset", "-c", Integer.toString(cpu)) : List.of();
	}

	/**
	 * Wait, up to 120 s, until a server answers {@code GET /bench/health}.
	 */
	static void awaitReady(HttpClient http, Process process, int port) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The server exited with " + process.exitValue() + " before it was ready");
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("The server was not ready within 120 s");
	}

	/**
	 * What a ready server says it runs on: its {@code GET /bench/health}.
	 * @return {@code tomcat}, {@code jetty} or {@code node}
	 */
	static String container(HttpClient http, int port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/health"))
			.timeout(Duration.ofSeconds(10))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).body().trim();
	}

	/**
	 * Stop a server: with SIGTERM first when it records JFR, so that the recording is written.
	 */
	static void stop(Process process, boolean jfr) {
		try {
			if (jfr) {
				process.destroy(); // SIGTERM, so that the recording is written
				if (process.waitFor(60, TimeUnit.SECONDS)) {
					return;
				}
			}
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
			Thread.sleep(500); // let the sockets go before the next server starts
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The one-minute load average as the run starts: the machine's other work, which these
	 * figures cannot exclude.
	 */
	static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void log(String format, Object... args) {
		System.err.println("[runner] " + String.format(format, args));
	}

	/**
	 * What to run and where.
	 */
	static final class Options {

		List<String> scenarios = DEFAULT_SCENARIOS;

		List<ServerKind> servers = ServerKind.DEFAULTS;

		int repeats = 2;

		boolean quick;

		/** Bytes of each message of the echo and fan-out scenarios; {@code null} for theirs (64). */
		@Nullable Integer size;

		boolean pin = taskset();

		boolean jfr;

		@Nullable Path report;

		Path benchDir;

		Path results;

		Path logs;

		Path jfrDir;

		Path nodeModules;

		/** Jetty and Boot's Jetty module, which replace Tomcat for the Jetty servers. */
		Path jettyLib;

		/** WebFlux and Reactor Netty, which replace Tomcat for the WebFlux server. */
		Path nettyLib;

		String classpath = System.getProperty("java.class.path");

		/** The class path of the earlier build that {@code gofr-base} runs, if any. */
		@Nullable String baselineClasspath;

		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

		/** A {@code java} of Java 21 or later, for {@code gofr-virtual}; {@code null} when there is none. */
		@Nullable String java21;

		String command;

		String gofrArgs = "";

		/** The baseline's own properties instead of {@link #gofrArgs}; {@code null} to give it those. */
		@Nullable String baseArgs;

		Options(Path benchDir) {
			this.benchDir = benchDir;
			this.results = benchDir.resolve("target/bench-results.jsonl");
			this.logs = benchDir.resolve("target/bench-logs");
			this.jfrDir = benchDir.resolve("target/jfr");
			this.nodeModules = benchDir.resolve("target/node/node_modules");
			this.jettyLib = benchDir.resolve("target/lib-jetty");
			this.nettyLib = benchDir.resolve("target/lib-netty");
			this.report = benchDir.resolve("../docs/performance.md").normalize();
			this.command = "BenchRunner";
		}

		static Options parse(String... args) {
			Map<String, String> values = arguments(args);
			Path benchDir = Path.of(values.getOrDefault("bench-dir", defaultBenchDir())).toAbsolutePath().normalize();
			Options options = new Options(benchDir);
			values.forEach((name, value) -> {
				switch (name) {
					case "bench-dir" -> {
					}
					case "scenarios" -> options.scenarios = list(value, SCENARIOS);
					case "servers" -> options.servers = list(value, ServerKind.ids()).stream()
						.map(ServerKind::of)
						.toList();
					case "repeats" -> options.repeats = Integer.parseInt(value);
					case "quick" -> options.quick = Boolean.parseBoolean(value);
					case "size" -> options.size = Integer.valueOf(value);
					case "no-pin" -> options.pin = false;
					case "jfr" -> options.jfr = Boolean.parseBoolean(value);
					case "report" -> options.report = value.equals("none") ? null : Path.of(value).toAbsolutePath();
					case "results" -> options.results = Path.of(value).toAbsolutePath();
					case "classpath" -> options.classpath = value;
					case "baseline-classpath" -> options.baselineClasspath = value;
					case "node-modules" -> options.nodeModules = Path.of(value).toAbsolutePath();
					case "jetty-lib" -> options.jettyLib = Path.of(value).toAbsolutePath();
					case "netty-lib" -> options.nettyLib = Path.of(value).toAbsolutePath();
					case "command" -> options.command = value;
					case "gofr-args" -> options.gofrArgs = value;
					case "base-args" -> options.baseArgs = value.equals("none") ? "" : value;
					case "java21" -> options.java21 = value;
					default -> throw new IllegalArgumentException("Unknown option --" + name);
				}
			});
			options.checkBaseline();
			options.checkLib(ServerKind::isJetty, options.jettyLib, "The Jetty servers need Jetty's jars", "jetty-lib");
			options.checkLib(ServerKind::isNetty, options.nettyLib,
					"The WebFlux server needs the jars of WebFlux and Reactor Netty", "netty-lib");
			options.findJava21();
			if (options.command.equals("BenchRunner")) {
				options.command = "BenchRunner " + String.join(" ", args);
			}
			return options;
		}

		/**
		 * The class path a Java server starts with: the baseline's for {@code gofr-base}, this
		 * build's for the others; for a Jetty server, that one with Tomcat replaced by
		 * {@link #jettyLib}; for the WebFlux server, by {@link #nettyLib}.
		 */
		String classpath(ServerKind server) {
			String classpath = this.classpath;
			if (server.isBaseline()) {
				if (this.baselineClasspath == null) {
					throw new IllegalStateException(server.id() + " needs --baseline-classpath");
				}
				classpath = this.baselineClasspath;
			}
			if (server.isJetty()) {
				return ServerKind.replacingTomcat(classpath, this.jettyLib);
			}
			return server.isNetty() ? ServerKind.replacingTomcat(classpath, this.nettyLib) : classpath;
		}

		/**
		 * The {@code java} a server runs on: one of Java 21 or later for {@code gofr-virtual}, the
		 * runner's own for the others.
		 */
		String java(ServerKind server) {
			return (server.needsJava21() && this.java21 != null) ? this.java21 : this.java;
		}

		/**
		 * Find a JDK of Java 21 or later when a server needs one; without it, that server is left
		 * out, with a line in the log.
		 */
		private void findJava21() {
			if (this.servers.stream().noneMatch(ServerKind::needsJava21)) {
				return;
			}
			if (this.java21 == null) {
				this.java21 = SecondJdk.find(this.java, SecondJdk.JVM_DIR);
			}
			else if (!Files.isExecutable(Path.of(this.java21))) {
				throw new IllegalArgumentException("--java21: " + this.java21 + " is not an executable");
			}
			if (this.java21 == null) {
				List<String> skipped = this.servers.stream().filter(ServerKind::needsJava21).map(ServerKind::id).toList();
				log("%s: skipped, no JDK of Java 21 or later in %s (give one with --java21 <path to java>)",
						String.join(", ", skipped), SecondJdk.JVM_DIR);
				this.servers = this.servers.stream().filter((server) -> !server.needsJava21()).toList();
			}
		}

		/**
		 * Fail before the first run when a server on Jetty or Netty is asked for and the build has
		 * not copied its jars.
		 * @param asked which servers need the jars
		 * @param lib where the build copies them
		 * @param need what the servers need, for the message
		 * @param option the option that points elsewhere
		 */
		private void checkLib(Predicate<ServerKind> asked, Path lib, String need, String option) {
			if (this.servers.stream().anyMatch(asked) && !Files.isDirectory(lib)) {
				throw new IllegalArgumentException(need + " in " + lib
						+ " (copied by ./mvnw -pl gofr-ws-bench -am package), or --" + option + " <dir>");
			}
		}

		/**
		 * Fail before the first run, not after half an hour, when {@code gofr-base} and
		 * {@code --baseline-classpath} do not come together or the class path is not there.
		 */
		private void checkBaseline() {
			boolean asked = this.servers.stream().anyMatch(ServerKind::isBaseline);
			if (asked && this.baselineClasspath == null) {
				throw new IllegalArgumentException("--servers gofr-base needs --baseline-classpath <class path of "
						+ "the earlier build>, for example --baseline-classpath \"$(gofr-ws-bench/baseline.sh "
						+ "<git-rev>)\"");
			}
			if (this.baselineClasspath == null) {
				return;
			}
			if (!asked) {
				throw new IllegalArgumentException("--baseline-classpath is given but gofr-base is not in --servers "
						+ "(for example --servers gofr-base,gofr,raw)");
			}
			for (String entry : this.baselineClasspath.split(File.pathSeparator)) {
				// "dir/*" is the JVM's wildcard for every jar in dir
				String path = entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry;
				if (!entry.isEmpty() && !Files.exists(Path.of(path.isEmpty() ? "." : path))) {
					throw new IllegalArgumentException("--baseline-classpath: " + entry + " does not exist");
				}
			}
		}

		/**
		 * Command-line options by name: {@code --name value}, or {@code --name} alone for
		 * {@code true}.
		 */
		static Map<String, String> arguments(String... args) {
			Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i++) {
				if (!args[i].startsWith("--")) {
					throw new IllegalArgumentException("Unexpected argument " + args[i]);
				}
				String name = args[i].substring(2);
				values.put(name, (i + 1 < args.length && !args[i + 1].startsWith("--")) ? args[++i] : "true");
			}
			return values;
		}

		private static List<String> list(String value, List<String> allowed) {
			List<String> items = List.of(value.split(","));
			for (String item : items) {
				if (!allowed.contains(item)) {
					throw new IllegalArgumentException("Unknown '" + item + "': expected one of " + allowed);
				}
			}
			return items;
		}

		static String defaultBenchDir() {
			return Files.exists(Path.of("src/main/node/server.js")) ? "." : "gofr-ws-bench";
		}

		static boolean taskset() {
			try {
				Process process = new ProcessBuilder("taskset", "-c", "0", "true").start();
				return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0
						&& Report.cpus() >= 2;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

	}

}
