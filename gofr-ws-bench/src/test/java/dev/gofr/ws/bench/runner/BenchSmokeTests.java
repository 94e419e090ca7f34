package dev.gofr.ws.bench.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness works, in seconds: the echo scenarios (through the handler lambda and through
 * the annotated controller), fan-out and many idle connections in quick mode against the gofr-ws
 * server, and the echo
 * against plain WebFlux on Netty (started on its own class path, which proves that class path),
 * each in its own processes as in a real run, without writing the report. The figures of so short a run mean
 * nothing; that they are there and sane does.
 */
class BenchSmokeTests {

	@TempDir
	Path results;

	@Test
	void echoThroughTheLambdaAndTheControllerAndFanoutAgainstGofr() throws Exception {
		Path file = this.results.resolve("results.jsonl");
		BenchRunner.Options options = BenchRunner.Options.parse("--scenarios", "echo,echo-controller,fanout",
				"--servers", "gofr", "--repeats", "1", "--quick", "--no-pin", "--report", "none", "--results",
				file.toString());
		List<ObjectNode> runs = new BenchRunner(options).run();

		assertThat(runs).hasSize(3);
		assertThat(runs).allSatisfy((run) -> assertThat(run.has("error")).as(run.toString()).isFalse());
		assertThat(Files.readAllLines(file)).hasSize(3).allSatisfy((line) -> assertThat(line).startsWith("{"));
		assertThat(runs.subList(0, 2)).extracting((run) -> run.path("scenario").asString())
			.containsExactly("echo", "echo-controller");
		for (ObjectNode run : runs.subList(0, 2)) {
			JsonNode echo = run.path("metrics");
			assertThat(echo.path("messages").asLong()).isPositive();
			assertThat(echo.path("msgsPerSec").asLong()).isPositive();
			assertThat(echo.path("rttP99Us").asDouble()).isPositive();
			assertThat(echo.path("serverCpuUsPerMsg").asDouble()).isPositive();
			assertThat(echo.path("closedDuringRun").asInt()).isZero();
		}
		JsonNode fanout = runs.get(2).path("metrics");
		assertThat(fanout.path("deliveries").asLong()).isEqualTo(fanout.path("connections").asLong()
				* fanout.path("broadcasts").asLong() * fanout.path("rounds").asLong());
		assertThat(fanout.path("losses").asLong()).isZero();
		assertThat(fanout.path("latencyP50Us").asDouble()).isPositive();
		assertThat(fanout.path("clockOffsetNs").asLong()).isZero();
	}

	@Test
	void manyIdleConnectionsFromTwoLoopbackAddressesThenOneBroadcastToAll() throws Exception {
		List<ObjectNode> runs = runQuick("c100k", "gofr");

		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.has("error")).as(run.toString()).isFalse();
			JsonNode many = run.path("metrics");
			assertThat(many.path("connections").asInt()).isEqualTo(600);
			assertThat(many.path("sourceAddresses").asInt()).isEqualTo(2);
			assertThat(many.path("broadcastDelivered").asLong()).isEqualTo(600);
			assertThat(many.path("broadcastLastDeliveryMs").asDouble()).isPositive();
			assertThat(many.path("heapAfterGcMB").asDouble()).isPositive();
		});
	}

	@Test
	void echoAgainstWebFluxOnNetty() throws Exception {
		List<ObjectNode> runs = runQuick("echo", "raw-netty");

		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.has("error")).as(run.toString()).isFalse();
			assertThat(run.path("container").asString()).isEqualTo("netty");
			assertThat(run.path("metrics").path("msgsPerSec").asLong()).isPositive();
			assertThat(run.path("metrics").path("closedDuringRun").asInt()).isZero();
		});
	}

	/** One quick repeat of scenarios against servers, each in its own processes, without a report. */
	private List<ObjectNode> runQuick(String scenarios, String servers) throws Exception {
		BenchRunner.Options options = BenchRunner.Options.parse("--scenarios", scenarios, "--servers", servers,
				"--repeats", "1", "--quick", "--no-pin", "--report", "none", "--results",
				this.results.resolve("results.jsonl").toString());
		return new BenchRunner(options).run();
	}

}
