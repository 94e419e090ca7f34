package dev.gofr.ws.bench.runner;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the reconnect storm works, in seconds: 50 clients on the gofr-ws server in its own
 * process, every connection dropped once, every client back by itself.
 */
class ReconnectStormBenchTests {

	@Test
	void everyDroppedClientComesBack() throws Exception {
		ReconnectStormBench.Options options = ReconnectStormBench.Options.parse("--quick", "--no-pin", "--clients", "50");
		ReconnectStormBench bench = new ReconnectStormBench(options);
		List<ReconnectStormBench.Storm> storms = bench.run();

		assertThat(storms).singleElement().satisfies((storm) -> {
			assertThat(storm.dropped()).isEqualTo("{\"closed\":50}");
			assertThat(storm.away()).isZero();
			assertThat(storm.gaveUp()).isZero();
			assertThat(storm.attempts()).isGreaterThanOrEqualTo(50);
			assertThat(storm.lastSeconds()).isGreaterThanOrEqualTo(storm.p50Seconds()).isPositive();
			assertThat(storm.serverCpuSeconds()).isPositive();
		});
		assertThat(bench.markdown(storms)).contains("| storm | back, first / p50 / p99 / last (s) |", "| 1 | ");
	}

	@Test
	void optionsParsed() {
		ReconnectStormBench.Options options = ReconnectStormBench.Options.parse("--clients", "500", "--storms", "2",
				"--server-args", "gofr.ws.limits.connection-throttle=2ms", "--report", "none");

		assertThat(options.clients).isEqualTo(500);
		assertThat(options.storms).isEqualTo(2);
		assertThat(options.serverArgs).isEqualTo("gofr.ws.limits.connection-throttle=2ms");
		assertThat(options.report).isNull();
		assertThat(options.boundSeconds).isEqualTo(120);
	}

}
