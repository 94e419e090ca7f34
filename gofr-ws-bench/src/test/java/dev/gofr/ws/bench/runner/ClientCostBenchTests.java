package dev.gofr.ws.bench.runner;

import java.io.File;
import java.util.List;

import dev.gofr.ws.bench.reconnecting.ClientCostResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the client cost benchmark works, in seconds: one quick round for one client and for
 * two, against the plain Spring server in its own process, every echo awaited. The figures of so
 * short a run mean nothing; that they were read does.
 */
class ClientCostBenchTests {

	@Test
	void oneClientThenTwo() throws Exception {
		ClientCostBench.Options options = ClientCostBench.Options.parse("--quick", "--no-pin", "--clients", "1,2");
		ClientCostBench bench = new ClientCostBench(options);
		ClientCostBench.Measured measured = bench.run();

		assertThat(measured.results()).containsOnlyKeys(1, 2);
		List<ClientCostResult> two = measured.results().get(2);
		assertThat(two).singleElement().satisfies((result) -> {
			assertThat(result.messages()).isEqualTo(4_000);
			assertThat(result.messagesPerSecond()).isPositive();
			assertThat(result.clientCpuMicrosPerMessage()).isPositive();
			assertThat(result.allocatedBytesPerMessage()).isPositive();
			assertThat(result.writeCallsPerMessage()).isPositive();
			assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(result.p50Nanos()).isPositive();
		});
		assertThat(bench.markdown(measured)).contains("| figure | 1 client | 2 clients |",
				"| **client CPU per message, without the JIT compiler (µs)** |", "the JVM's JIT compiler threads");
	}

	@Test
	void plainSpringServerWithoutJetty() {
		String classpath = String.join(File.pathSeparator, "lib/spring-web-7.0.8.jar",
				"lib/jetty-websocket-core-client-12.1.10.jar", "lib/gofr-ws-core-0.1.0-SNAPSHOT.jar");

		assertThat(ClientCostBench.serverClasspath(ServerKind.RAW, classpath))
			.isEqualTo(String.join(File.pathSeparator, "lib/spring-web-7.0.8.jar", "lib/gofr-ws-core-0.1.0-SNAPSHOT.jar"));
		assertThat(ClientCostBench.serverClasspath(ServerKind.GOFR, classpath)).isEqualTo(classpath);
	}

	@Test
	void optionsParsed() {
		ClientCostBench.Options options = ClientCostBench.Options.parse("--clients", "1,10", "--messages", "5000",
				"--window", "10", "--server", "gofr", "--report", "none");

		assertThat(options.clients).containsExactly(1, 10);
		assertThat(options.messages).isEqualTo(5000);
		assertThat(options.window).isEqualTo(10);
		assertThat(options.server).isEqualTo(ServerKind.GOFR);
		assertThat(options.report).isNull();
		assertThat(options.repeats).isEqualTo(3);
	}

}
