package dev.gofr.ws.bench.runner;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Markdown report of results made up here, without running a server.
 */
class ReportTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aScenarioThatSomeServersDoNotServeHasAColumnForEachServerThatDoes() throws Exception {
		BenchRunner.Options options = BenchRunner.Options.parse("--scenarios", "echo,echo-controller", "--servers",
				"gofr,raw", "--repeats", "1", "--report", "none");
		List<ObjectNode> results = new ArrayList<>();
		results.add(run("echo", ServerKind.GOFR, 2.5));
		results.add(run("echo", ServerKind.RAW, 3.1));
		results.add(run("echo-controller", ServerKind.GOFR, 2.7));

		String markdown = new Report(options, results).markdown();

		assertThat(section(markdown, "### echo\n")).contains("| | gofr-ws | raw Spring | \n| --- | ---: | ---: |\n")
			.contains("| server CPU per message (µs) | 2.50 | 3.10 | \n");
		assertThat(section(markdown, "### echo-controller\n")).contains("| | gofr-ws | \n| --- | ---: |\n")
			.contains("| server CPU per message (µs) | 2.70 | \n")
			.doesNotContain("raw Spring");
	}

	@Test
	void theControllersCostIsItsServerCpuPerMessageOverTheLambdasInTheSameRun() throws Exception {
		BenchRunner.Options options = BenchRunner.Options.parse("--scenarios", "echo,echo-controller", "--servers",
				"gofr", "--repeats", "1", "--report", "none");

		String met = new Report(options, List.of(run("echo", ServerKind.GOFR, 2.5),
				run("echo-controller", ServerKind.GOFR, 2.7)))
			.markdown();
		String missed = new Report(options, List.of(run("echo", ServerKind.GOFR, 2.5),
				run("echo-controller", ServerKind.GOFR, 2.9)))
			.markdown();

		assertThat(met).contains("- echo through an annotated controller: server CPU per message ≤ 0.3 µs over the "
				+ "handler lambda's (gofr, this run): **met** — gofr 2.70 µs through the controller, 2.50 µs "
				+ "through the lambda, 0.200 µs more\n");
		assertThat(missed).contains("lambda's (gofr, this run): **missed** — gofr 2.90 µs");
	}

	private ObjectNode run(String scenario, ServerKind server, double cpuUsPerMsg) {
		ObjectNode result = this.json.createObjectNode();
		result.put("scenario", scenario);
		result.put("server", server.id());
		result.put("repeat", 1);
		result.put("loadAverage", 1.0);
		ObjectNode metrics = result.putObject("metrics");
		metrics.put("msgsPerSec", 100_000);
		metrics.put("serverCpuUsPerMsg", cpuUsPerMsg);
		return result;
	}

	private static String section(String markdown, String heading) {
		int start = markdown.indexOf(heading);
		assertThat(start).as(heading).isNotNegative();
		int end = markdown.indexOf("\n#", start + heading.length());
		return markdown.substring(start, (end < 0) ? markdown.length() : end);
	}

}
