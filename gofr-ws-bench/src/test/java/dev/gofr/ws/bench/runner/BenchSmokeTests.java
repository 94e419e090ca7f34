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
 * Proves the harness works, in seconds: the echo and fan-out scenarios in quick mode against the
 * gofr-ws server, each in its own processes as in a real run, without writing the report. The
 * figures of so short a run mean nothing; that they are there and sane does.
 */
class BenchSmokeTests {

	@TempDir
	Path results;

	@Test
	void echoAndFanoutAgainstGofr() throws Exception {
		Path file = this.results.resolve("results.jsonl");
		BenchRunner.Options options = BenchRunner.Options.parse("--scenarios", "echo,fanout", "--servers", "gofr",
				"--repeats", "1", "--quick", "--no-pin", "--report", "none", "--results", file.toString());
		List<ObjectNode> runs = new BenchRunner(options).run();

		assertThat(runs).hasSize(2);
		assertThat(runs).allSatisfy((run) -> assertThat(run.has("error")).as(run.toString()).isFalse());
		assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy((line) -> assertThat(line).startsWith("{"));
		JsonNode echo = runs.get(0).path("metrics");
		assertThat(echo.path("messages").asLong()).isPositive();
		assertThat(echo.path("msgsPerSec").asLong()).isPositive();
		assertThat(echo.path("rttP99Us").asDouble()).isPositive();
		assertThat(echo.path("serverCpuUsPerMsg").asDouble()).isPositive();
		assertThat(echo.path("closedDuringRun").asInt()).isZero();
		JsonNode fanout = runs.get(1).path("metrics");
		assertThat(fanout.path("deliveries").asLong()).isEqualTo(fanout.path("connections").asLong()
				* fanout.path("broadcasts").asLong() * fanout.path("rounds").asLong());
		assertThat(fanout.path("losses").asLong()).isZero();
		assertThat(fanout.path("latencyP50Us").asDouble()).isPositive();
		assertThat(fanout.path("clockOffsetNs").asLong()).isZero();
	}

}
