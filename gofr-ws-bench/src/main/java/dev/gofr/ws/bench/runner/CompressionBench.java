package dev.gofr.ws.bench.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.gofr.ws.bench.client.ServerProbe;
import dev.gofr.ws.bench.compression.CompressionLoad;
import dev.gofr.ws.bench.compression.CompressionPayload;
import dev.gofr.ws.bench.compression.CompressionResult;

/**
 * The compression benchmark: the gofr-ws echo server with {@code gofr.ws.compression.enabled}
 * off and on, interleaved (off, on, on, off, …: the machine's drift falls on both), each run a
 * fresh server pinned to CPU 0 while this process, the clients, pins itself to CPU 1; per payload the
 * bytes on the wire, the server's CPU per message and the throughput. Medians and the spread of
 * the runs go into the report between its markers.
 * <p>
 * {@code java dev.gofr.ws.bench.runner.CompressionBench [--repeats 3] [--connections 8]
 * [--window 4] [--warmup 2s] [--measure 5s] [--quick] [--report docs/compression.md | --report
 * none] [--no-pin] [--command "what was typed"]}
 */
public final class CompressionBench {

	/** The report's generated part starts after this line... */
	static final String START = "<!-- compression-bench:start (written by CompressionBench) -->";

	/** ...and ends before this one. */
	static final String END = "<!-- compression-bench:end -->";

	private final Options options;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	CompressionBench(Options options) {
		this.options = options;
	}

	/**
	 * Run the benchmark.
	 * @param args see the class description
	 * @throws Exception when it cannot run
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		if (options.pin) {
			pinSelf(1); // before any client thread starts: they inherit it
		}
		CompressionBench bench = new CompressionBench(options);
		List<Run> runs = bench.run();
		String table = bench.markdown(runs);
		System.out.println(table);
		if (options.report != null) {
			bench.writeReport(options.report, table);
			BenchRunner.log("report written to %s", options.report);
		}
	}

	/**
	 * Pin every thread of this process, and those it starts later, to one CPU.
	 */
	static void pinSelf(int cpu) throws IOException, InterruptedException {
		Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(cpu),
				Long.toString(ProcessHandle.current().pid()))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!taskset.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || taskset.exitValue() != 0) {
			throw new IllegalStateException("taskset could not pin this process to CPU " + cpu);
		}
	}

	/**
	 * Every run, compression off and on interleaved.
	 * @return the runs in the order they ran
	 * @throws Exception when a server cannot start or a run fails
	 */
	List<Run> run() throws Exception {
		List<Run> runs = new ArrayList<>();
		for (int repeat = 1; repeat <= this.options.repeats; repeat++) {
			List<Boolean> order = (repeat % 2 == 1) ? List.of(false, true) : List.of(true, false);
			for (boolean compression : order) {
				runs.add(runOne(compression, repeat));
			}
		}
		return runs;
	}

	private Run runOne(boolean compression, int repeat) throws Exception {
		int port = BenchRunner.freePort();
		List<String> command = new ArrayList<>(BenchRunner.pinned(this.options.pin, 0));
		command.addAll(ServerKind.GOFR.command("echo", port, this.options.java, BenchRunner.SERVER_JVM,
				this.options.classpath, this.options.benchDir));
		command.add("--gofr.ws.compression.enabled=" + compression);
		String name = "compression-" + (compression ? "on" : "off") + "-" + repeat;
		Files.createDirectories(this.options.logs);
		double load = BenchRunner.loadAverage();
		BenchRunner.log("%s: starting the gofr server on port %d (load average %.2f)", name, port, load);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.options.logs.resolve(name + ".log").toFile())
			.start();
		try {
			BenchRunner.awaitReady(this.http, process, port);
			ServerProbe probe = new ServerProbe(process.pid(), "gofr", URI.create("http://127.0.0.1:" + port));
			CompressionLoad load1 = new CompressionLoad(URI.create("ws://127.0.0.1:" + port + "/ws/echo"),
					this.options.connections, this.options.window);
			List<CompressionResult> results = new ArrayList<>();
			for (CompressionPayload payload : CompressionPayload.values()) {
				CompressionResult result = load1.run(payload, this.options.warmup, this.options.measure,
						probe::cpuNanos);
				if (result.deflate() != compression) {
					throw new IllegalStateException("permessage-deflate was " + (result.deflate() ? "" : "not ")
							+ "negotiated with compression " + (compression ? "on" : "off"));
				}
				BenchRunner.log("%s %s: %.0f msg/s, server %.1f µs/msg, up %.0f B/msg, down %.0f B/msg", name,
						payload.id(), result.messagesPerSecond(), result.serverCpuUsPerMessage(),
						result.wireBytesUpPerMessage(), result.wireBytesDownPerMessage());
				results.add(result);
			}
			return new Run(compression, repeat, load, results);
		}
		finally {
			BenchRunner.stop(process, false);
		}
	}

	/**
	 * The table of the report: per payload and setting, the median of the runs and their range.
	 */
	String markdown(List<Run> runs) {
		StringBuilder md = new StringBuilder();
		md.append("Measured ")
			.append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
			.append(" on ")
			.append(Report.machine())
			.append(", Java ")
			.append(System.getProperty("java.version"))
			.append(", with `")
			.append(this.options.command)
			.append("`: ")
			.append("runs per setting: ")
			.append(this.options.repeats)
			.append(", interleaved; ")
			.append(this.options.connections)
			.append(" connections with ")
			.append(this.options.window)
			.append(" messages in flight each, ")
			.append(seconds(this.options.warmup))
			.append(" s of warm-up and ")
			.append(seconds(this.options.measure))
			.append(" s measured per payload; server on CPU 0, clients (OkHttp, compressing every message) on CPU 1")
			.append(this.options.pin ? "" : " (not pinned)")
			.append(". One-minute load average at the start of each run: ")
			.append(runs.stream().map((run) -> String.format(Locale.ROOT, "%.2f", run.load())).toList())
			.append(this.options.quick ? ". **Quick run: the figures mean nothing.**" : ".")
			.append(" Cells: median (min–max).\n\n");
		md.append("| payload | size | compression | wire bytes per message, up / down | of the payload "
				+ "| server CPU per message (µs) | messages/s | client CPU (cores) |\n");
		md.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (CompressionPayload payload : CompressionPayload.values()) {
			for (boolean compression : List.of(false, true)) {
				List<CompressionResult> results = runs.stream()
					.filter((run) -> run.compression() == compression)
					.map((run) -> run.result(payload))
					.toList();
				double payloadBytes = results.get(0).payloadBytes();
				md.append("| ").append(payload.label())
					.append(" | ").append(String.format(Locale.ROOT, "%,.0f B", payloadBytes))
					.append(" | ").append(compression ? "on" : "off")
					.append(" | ").append(median(results, CompressionResult::wireBytesUpPerMessage, "%,.0f"))
					.append(" / ").append(median(results, CompressionResult::wireBytesDownPerMessage, "%,.0f"))
					.append(" | ").append(String.format(Locale.ROOT, "%.0f %%", 100 * median(results,
							(result) -> result.wireBytesDownPerMessage() / payloadBytes)))
					.append(" | ").append(cell(results, CompressionResult::serverCpuUsPerMessage, "%,.1f"))
					.append(" | ").append(cell(results, CompressionResult::messagesPerSecond, "%,.0f"))
					.append(" | ").append(cell(results, CompressionResult::clientCpuCores, "%.2f"))
					.append(" |\n");
			}
		}
		return md.toString();
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.3g", duration.toMillis() / 1000.0);
	}

	private static String cell(List<CompressionResult> results, ToDoubleFunction<CompressionResult> metric,
			String format) {
		double[] values = results.stream().mapToDouble(metric).sorted().toArray();
		String median = String.format(Locale.ROOT, format, median(results, metric));
		if (values.length < 2) {
			return median;
		}
		return median + " (" + String.format(Locale.ROOT, format, values[0]) + "–"
				+ String.format(Locale.ROOT, format, values[values.length - 1]) + ")";
	}

	private static String median(List<CompressionResult> results, ToDoubleFunction<CompressionResult> metric,
			String format) {
		return String.format(Locale.ROOT, format, median(results, metric));
	}

	private static double median(List<CompressionResult> results, ToDoubleFunction<CompressionResult> metric) {
		double[] values = results.stream().mapToDouble(metric).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	private void writeReport(Path report, String table) throws IOException {
		String text = Files.readString(report, StandardCharsets.UTF_8);
		int start = text.indexOf(START);
		int end = text.indexOf(END);
		if (start < 0 || end < start) {
			throw new IllegalStateException(report + " has no " + START + " … " + END + " markers");
		}
		Files.writeString(report, text.substring(0, start + START.length()) + "\n\n" + table + "\n"
				+ text.substring(end), StandardCharsets.UTF_8);
	}

	/**
	 * One server run: compression on or off, every payload.
	 */
	record Run(boolean compression, int repeat, double load, List<CompressionResult> results) {

		CompressionResult result(CompressionPayload payload) {
			return this.results.stream().filter((result) -> result.payload() == payload).findFirst().orElseThrow();
		}

	}

	/**
	 * What to run and where.
	 */
	static final class Options extends RunnerOptions {

		int repeats = 3;

		int connections = 8;

		int window = 4;

		Duration warmup = Duration.ofSeconds(2);

		Duration measure = Duration.ofSeconds(5);

		private Options(String[] args) {
			super(args, "CompressionBench");
			this.report = this.benchDir.resolve("../docs/compression.md").normalize();
		}

		static Options parse(String... args) {
			Options options = new Options(args);
			if (quick(args)) {
				options.quick = true;
				options.repeats = 1;
				options.warmup = Duration.ofMillis(300);
				options.measure = Duration.ofMillis(700);
			}
			options.read(args);
			return options;
		}

		@Override
		boolean option(String name, String value) {
			switch (name) {
				case "repeats" -> this.repeats = Integer.parseInt(value);
				case "connections" -> this.connections = Integer.parseInt(value);
				case "window" -> this.window = Integer.parseInt(value);
				case "warmup" -> this.warmup = seconds(value);
				case "measure" -> this.measure = seconds(value);
				default -> {
					return false;
				}
			}
			return true;
		}

		private static Duration seconds(String value) {
			return Duration.ofMillis((long) (Double.parseDouble(value.replace("s", "")) * 1000));
		}

	}

}
