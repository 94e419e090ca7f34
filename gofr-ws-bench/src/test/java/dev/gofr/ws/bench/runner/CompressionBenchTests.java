package dev.gofr.ws.bench.runner;

import java.util.List;

import dev.gofr.ws.bench.compression.CompressionPayload;
import dev.gofr.ws.bench.compression.CompressionResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the compression benchmark works, in seconds: one quick run with compression off and one
 * with it on, against the gofr-ws server in its own process, every echo checked. The figures of
 * so short a run mean nothing; the negotiation and the bytes saved on JSON do.
 */
class CompressionBenchTests {

	@Test
	void offThenOnWithEveryPayload() throws Exception {
		CompressionBench.Options options = CompressionBench.Options.parse("--quick", "--no-pin", "--connections", "2",
				"--report", "none");
		CompressionBench bench = new CompressionBench(options);
		List<CompressionBench.Run> runs = bench.run();

		assertThat(runs).extracting(CompressionBench.Run::compression).containsExactly(false, true);
		CompressionBench.Run off = runs.get(0);
		CompressionBench.Run on = runs.get(1);
		for (CompressionPayload payload : CompressionPayload.values()) {
			assertThat(off.result(payload).deflate()).isFalse();
			assertThat(on.result(payload).deflate()).isTrue();
			assertThat(on.result(payload).messages()).isPositive();
			assertThat(on.result(payload).serverCpuUsPerMessage()).isPositive();
		}
		CompressionResult plain = off.result(CompressionPayload.JSON_16K);
		CompressionResult deflated = on.result(CompressionPayload.JSON_16K);
		assertThat(plain.wireBytesDownPerMessage()).isGreaterThan(plain.payloadBytes() * 0.9);
		assertThat(deflated.wireBytesDownPerMessage()).isLessThan(deflated.payloadBytes() / 2);
		assertThat(bench.markdown(runs)).contains("| chat JSON | 100 B | off |", "| random binary | 16,384 B | on |");
	}

}
