package dev.gofr.ws.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The options that the runners which start one server and measure from their own process
 * ({@link CompressionBench}, {@link ClientCostBench}) share: where the bench module and its logs
 * are, the class path and {@code java} the server starts with, CPU pinning, the report, and the
 * command line the report quotes.
 */
abstract class RunnerOptions {

	boolean quick;

	boolean pin = BenchRunner.Options.taskset();

	@Nullable Path report;

	final Path benchDir;

	final Path logs;

	String classpath = System.getProperty("java.class.path");

	String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	String command;

	/**
	 * Options with their defaults.
	 * @param args the arguments, of which {@code --bench-dir} is read here
	 * @param runner the runner's name, quoted with the arguments unless {@code --command} says
	 * what was typed
	 */
	RunnerOptions(String[] args, String runner) {
		Map<String, String> values = BenchRunner.Options.arguments(args);
		this.benchDir = Path.of(values.getOrDefault("bench-dir", BenchRunner.Options.defaultBenchDir()))
			.toAbsolutePath()
			.normalize();
		this.logs = this.benchDir.resolve("target/bench-logs");
		this.command = (runner + " " + String.join(" ", args)).trim();
	}

	/**
	 * Read the arguments: the shared options here, the runner's own through {@link #option}.
	 * @param args the arguments
	 * @throws IllegalArgumentException for an option neither knows
	 */
	void read(String... args) {
		BenchRunner.Options.arguments(args).forEach((name, value) -> {
			switch (name) {
				case "bench-dir" -> {
				}
				case "no-pin" -> this.pin = false;
				case "report" -> this.report = value.equals("none") ? null : Path.of(value).toAbsolutePath();
				case "classpath" -> this.classpath = value;
				case "command" -> this.command = value;
				case "quick" -> {
					// read before the others by quick(), so that the options given win over its sizes
				}
				default -> {
					if (!option(name, value)) {
						throw new IllegalArgumentException("Unknown option --" + name);
					}
				}
			}
		});
	}

	/**
	 * Whether the arguments ask for a smoke run of seconds: read before the others, so that the
	 * options given win over the quick sizes a runner sets.
	 * @param args the arguments
	 * @return {@code true} for {@code --quick}
	 */
	static boolean quick(String... args) {
		return Boolean.parseBoolean(BenchRunner.Options.arguments(args).getOrDefault("quick", "false"));
	}

	/**
	 * Take one of the runner's own options.
	 * @param name the option without its dashes
	 * @param value its value; {@code true} for a flag
	 * @return whether the runner knows it
	 */
	abstract boolean option(String name, String value);

	/**
	 * Start a server of the benchmark pinned to CPU 0 (unless {@code --no-pin}), its output in
	 * the logs.
	 * @param server the server
	 * @param scenario the scenario whose flags it starts with
	 * @param port its port
	 * @param classpath its class path
	 * @param args more arguments, such as Spring properties as {@code --name=value}
	 * @param logName the log file's name
	 * @return the process
	 * @throws IOException when it cannot start
	 */
	Process startServer(ServerKind server, String scenario, int port, String classpath, List<String> args,
			String logName) throws IOException {
		List<String> command = new ArrayList<>(BenchRunner.pinned(this.pin, 0));
		command.addAll(server.command(scenario, port, this.java, BenchRunner.SERVER_JVM, classpath, this.benchDir));
		command.addAll(args);
		Files.createDirectories(this.logs);
		Path log = this.logs.resolve(logName);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/**
	 * Print a runner's report and write it to {@code --report}, when given.
	 * @param markdown the report
	 * @throws IOException when it cannot be written
	 */
	void publish(String markdown) throws IOException {
		System.out.println(markdown);
		if (this.report != null) {
			Files.writeString(this.report, markdown);
			BenchRunner.log("report written to %s", this.report);
		}
	}

}
