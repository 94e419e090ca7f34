package dev.gofr.ws.bench.runner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the report shows of each scenario.
 */
class ScenarioTablesTests {

	@Test
	void everyScenarioHasATableWordsAboveItAndAHeadline() {
		assertThat(ScenarioTables.METRICS).containsOnlyKeys(BenchRunner.SCENARIOS);
		assertThat(ScenarioTables.DESCRIPTIONS).containsOnlyKeys(BenchRunner.SCENARIOS);
		assertThat(ScenarioTables.HEADLINES).containsOnlyKeys(BenchRunner.SCENARIOS);
		assertThat(ScenarioTables.BASELINE_FIGURES).containsOnlyKeys(BenchRunner.SCENARIOS);
	}

	@Test
	void echoControllerIsReportedAsEcho() {
		assertThat(ScenarioTables.METRICS.get("echo-controller")).isEqualTo(ScenarioTables.METRICS.get("echo"));
		assertThat(ScenarioTables.BASELINE_FIGURES.get("echo-controller"))
			.isEqualTo(ScenarioTables.BASELINE_FIGURES.get("echo"));
		assertThat(ScenarioTables.HEADLINES.get("echo-controller")).isEqualTo(ScenarioTables.HEADLINES.get("echo"));
	}

	@Test
	void aFigureIsCalledByItsLabelOrElseByItsKey() {
		assertThat(ScenarioTables.label("echo", "msgsPerSec")).isEqualTo("messages/s");
		assertThat(ScenarioTables.label("echo", "messages")).isEqualTo("messages");
	}

}
