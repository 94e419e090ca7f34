package dev.gofr.ws.bench.runner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.gofr.ws.bench.client.ServerProbe;
import dev.gofr.ws.bench.reconnecting.StormClients;

/**
 * A reconnect storm: {@code --clients} idle {@code ReconnectingClient}s of gofr-ws-core with the
 * builder's defaults (1 s initial delay, doubling, jitter 0.5, no attempt limit) connected, 500 a
 * second, to the gofr-ws benchmark server in another process; the server then closes every
 * connection with 1001, as a node going down for a deploy does, and every client comes back by
 * itself. Per storm: the
 * time until the last client was connected again and the spread of the others, the clients
 * back per second, the attempts the clients made and how many the server refused with
 * {@code Retry-After}, clients that gave up, and the server's CPU time. The server runs pinned to
 * CPU 0 with the sample's defaults and any {@code --server-args} (Spring properties as
 * {@code name=value}, space-separated, such as {@code gofr.ws.limits.connection-throttle=2ms});
 * this process pins itself to CPU 1.
 * <p>
 * {@code java dev.gofr.ws.bench.runner.ReconnectStormBench [--clients 10000] [--storms 3]
 * [--bound 120] [--server-args "..."] [--quick] [--report path] [--no-pin] [--command "what was
 * typed"]}
 */
public final class ReconnectStormBench {

	private final Options options;

	ReconnectStormBench(Options options) {
		this.options = options;
	}

	/**
	 * Run the storms, print their Markdown and write it to {@code --report}.
	 * @param args see the class description
	 * @throws Exception when it cannot run
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		if (options.pin) {
			CompressionBench.pinSelf(1); // before any client thread starts: they inherit it
		}
		int status = 1;
		try {
			ReconnectStormBench bench = new ReconnectStormBench(options);
			options.publish(bench.markdown(bench.run()));
			status = 0;
		}
		catch (Exception ex) {
			ex.printStackTrace();
		}
		finally {
			// the clients' threads may outlive a failed run: thousands of them reconnecting to a stopped server
			System.exit(status);
		}
	}

	/**
	 * Start the server, connect the clients a batch at a time, then set off the storms one after
	 * the other.
	 * @return one result per storm
	 * @throws Exception when the server cannot start or the clients cannot connect
	 */
	List<Storm> run() throws Exception {
		int port = BenchRunner.freePort();
		List<String> args = new ArrayList<>();
		for (String property : this.options.serverArgs.trim().split("\\s+")) {
			if (!property.isEmpty()) {
				args.add("--" + property);
			}
		}
		BenchRunner.log("starting the gofr server on port %d%s", port,
				this.options.serverArgs.isBlank() ? "" : " with " + this.options.serverArgs);
		Process server = this.options.startServer(ServerKind.GOFR, "idle", port, this.options.classpath, args,
				"reconnect-storm.log");
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		try {
			BenchRunner.awaitReady(http, server, port);
			URI url = URI.create("ws://127.0.0.1:" + port + "/ws/echo");
			List<Storm> storms = new ArrayList<>();
			try (StormClients clients = new StormClients(url, this.options.clients)) {
				// 500 a second: under any throttle a storm is run with
				clients.connect(50, Duration.ofMillis(100), Duration.ofSeconds(this.options.boundSeconds));
				BenchRunner.log("%,d clients connected", clients.size());
				for (int i = 1; i <= this.options.storms; i++) {
					Storm storm = storm(clients, http, port, server.pid());
					BenchRunner.log("storm %d: %s", i, storm);
					storms.add(storm);
				}
			}
			return storms;
		}
		finally {
			BenchRunner.stop(server, false);
		}
	}

	private Storm storm(StormClients clients, HttpClient http, int port, long serverPid) throws Exception {
		awaitRegistered(http, port, clients.size());
		long attempts = clients.attempts();
		long refused = clients.retryAfterWaits();
		double load = BenchRunner.loadAverage();
		long[] cpuBefore = ServerProbe.cpuSplitNanos(serverPid);
		long ownPid = ProcessHandle.current().pid();
		long[] clientsCpuBefore = ServerProbe.cpuSplitNanos(ownPid);
		long since = System.nanoTime();
		HttpRequest drop = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/drop"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(60))
			.build();
		String dropped = http.send(drop, HttpResponse.BodyHandlers.ofString()).body().trim();
		if (!dropped.equals("{\"closed\":" + clients.size() + "}")) {
			throw new IllegalStateException("The server closed " + dropped + " of " + clients.size()
					+ " connections; see " + this.options.logs.resolve("reconnect-storm.log"));
		}
		long[] back = clients.awaitBack(since, Duration.ofSeconds(this.options.boundSeconds));
		long[] cpuAfter = ServerProbe.cpuSplitNanos(serverPid);
		long[] clientsCpuAfter = ServerProbe.cpuSplitNanos(ownPid);
		int away = 0;
		while (away < back.length && back[away] < 0) {
			away++;
		}
		long[] returned = Arrays.copyOfRange(back, away, back.length);
		double last = (returned.length > 0) ? returned[returned.length - 1] / 1e9 : Double.NaN;
		double first = (returned.length > 0) ? returned[0] / 1e9 : Double.NaN;
		double serverCpu = (cpuAfter[0] + cpuAfter[1] - cpuBefore[0] - cpuBefore[1]) / 1e9;
		double clientsCpu = (clientsCpuAfter[0] + clientsCpuAfter[1] - clientsCpuBefore[0] - clientsCpuBefore[1]) / 1e9;
		return new Storm(dropped, clients.size(), away, clients.gaveUp(), first, percentile(returned, 0.5),
				percentile(returned, 0.99), last, (returned.length > 1) ? returned.length / (last - first) : Double.NaN,
				clients.attempts() - attempts, clients.retryAfterWaits() - refused, serverCpu,
				serverCpu * 1e6 / Math.max(1, returned.length), clientsCpu, load);
	}

	/**
	 * Wait until the server holds every client's connection: a client counts itself connected on
	 * the 101, which can come before the server has registered the connection.
	 */
	private void awaitRegistered(HttpClient http, int port, int expected) throws Exception {
		HttpRequest count = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/connections"))
			.timeout(Duration.ofSeconds(10))
			.build();
		String want = "{\"open\":" + expected + "}";
		long deadline = System.nanoTime() + Duration.ofSeconds(this.options.boundSeconds).toNanos();
		String open = http.send(count, HttpResponse.BodyHandlers.ofString()).body().trim();
		while (!open.equals(want)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The server holds " + open + " of " + expected + " connections");
			}
			Thread.sleep(20);
			open = http.send(count, HttpResponse.BodyHandlers.ofString()).body().trim();
		}
	}

	private static double percentile(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e9;
	}

	/**
	 * The report: how it ran, then one row per storm.
	 */
	String markdown(List<Storm> storms) {
		StringBuilder md = new StringBuilder();
		md.append("## Reconnect storm\n\n");
		md.append("Command: `").append(this.options.command).append("`.\n\n");
		md.append(String.format(Locale.ROOT, "%,d reconnecting clients with the builder's defaults; the server closes "
				+ "every connection with 1001 and each client comes back by itself. Times from the close.%n%n",
				this.options.clients));
		md.append("| storm | back, first / p50 / p99 / last (s) | reconnections/s | attempts | refused with Retry-After | "
				+ "still away | gave up | server CPU (s) | server CPU per reconnect (µs) | clients' CPU (s) | load |\n");
		md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (int i = 0; i < storms.size(); i++) {
			Storm storm = storms.get(i);
			md.append(String.format(Locale.ROOT, "| %d | %.2f / %.2f / %.2f / %.2f | %,.0f | %,d | %,d | %,d | %,d | %.2f | %,.0f | %.2f | %.1f |%n",
					i + 1, storm.firstSeconds(), storm.p50Seconds(), storm.p99Seconds(), storm.lastSeconds(),
					storm.reconnectionsPerSecond(), storm.attempts(), storm.refused(), storm.away(), storm.gaveUp(),
					storm.serverCpuSeconds(), storm.serverCpuMicrosPerReconnect(), storm.clientsCpuSeconds(),
					storm.loadAverage()));
		}
		return md.toString();
	}

	/**
	 * One storm.
	 * @param dropped what the server answered to the drop
	 * @param clients the clients
	 * @param away clients not connected again within the bound
	 * @param gaveUp clients that gave up, over the whole run
	 * @param firstSeconds when the first client was back
	 * @param p50Seconds when half were back
	 * @param p99Seconds when 99 % were back
	 * @param lastSeconds when the last was back
	 * @param reconnectionsPerSecond clients back per second between the first and the last
	 * @param attempts attempts the clients scheduled
	 * @param refused attempts the server refused with {@code Retry-After}
	 * @param serverCpuSeconds the server's CPU time from the drop until the last was back
	 * @param serverCpuMicrosPerReconnect that per client back
	 * @param clientsCpuSeconds this process's CPU time over the same span: near the span itself,
	 * the clients (on their one CPU) were the limit, not the server
	 * @param loadAverage the one-minute load average as the storm started
	 */
	record Storm(String dropped, int clients, int away, int gaveUp, double firstSeconds, double p50Seconds,
			double p99Seconds, double lastSeconds, double reconnectionsPerSecond, long attempts, long refused,
			double serverCpuSeconds, double serverCpuMicrosPerReconnect, double clientsCpuSeconds, double loadAverage) {
	}

	/**
	 * What to run and where.
	 */
	static final class Options extends RunnerOptions {

		int clients = 10_000;

		int storms = 3;

		int boundSeconds = 120;

		String serverArgs = "";

		private Options(String[] args) {
			super(args, "ReconnectStormBench");
		}

		static Options parse(String... args) {
			Options options = new Options(args);
			if (quick(args)) {
				options.quick = true;
				options.clients = 200;
				options.storms = 1;
				options.boundSeconds = 60;
			}
			options.read(args);
			return options;
		}

		@Override
		boolean option(String name, String value) {
			switch (name) {
				case "clients" -> this.clients = Integer.parseInt(value);
				case "storms" -> this.storms = Integer.parseInt(value);
				case "bound" -> this.boundSeconds = Integer.parseInt(value);
				case "server-args" -> this.serverArgs = value;
				default -> {
					return false;
				}
			}
			return true;
		}

	}

}
