package dev.gofr.ws.bench.runner;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The runner's options, without starting a server.
 */
class BenchRunnerTests {

	@TempDir
	Path baseline;

	@Test
	void serversDefaultToGofrRawAndNodeWithoutBaseline() {
		BenchRunner.Options options = BenchRunner.Options.parse();

		assertThat(options.servers).containsExactly(ServerKind.GOFR, ServerKind.RAW, ServerKind.NODE);
		assertThat(options.baselineClasspath).isNull();
	}

	@Test
	void gofrBaseRunsFromTheBaselineClasspathAndTheOthersFromTheRunners() {
		String classpath = this.baseline + "/classes:" + this.baseline + "/*";
		this.baseline.resolve("classes").toFile().mkdirs();
		BenchRunner.Options options = BenchRunner.Options.parse("--baseline-classpath", classpath, "--servers",
				"gofr-base,gofr,raw");

		assertThat(options.servers).containsExactly(ServerKind.GOFR_BASELINE, ServerKind.GOFR, ServerKind.RAW);
		assertThat(options.classpath(ServerKind.GOFR_BASELINE)).isEqualTo(classpath);
		assertThat(options.classpath(ServerKind.GOFR)).isEqualTo(options.classpath);
		assertThat(options.classpath(ServerKind.RAW)).isEqualTo(options.classpath);
	}

	@Test
	void gofrBaseGetsTheSameCommandAsGofrButItsClasspath() {
		for (String scenario : BenchRunner.SCENARIOS) {
			assertThat(ServerKind.GOFR_BASELINE.command(scenario, 8080, "java", BenchRunner.SERVER_JVM, "base",
					this.baseline))
				.isEqualTo(ServerKind.GOFR.command(scenario, 8080, "java", BenchRunner.SERVER_JVM, "base",
						this.baseline));
		}
	}

	@Test
	void gofrBaseWithoutBaselineClasspathIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchRunner.Options.parse("--servers", "gofr-base,gofr"))
			.withMessageContaining("--baseline-classpath");
	}

	@Test
	void baselineClasspathWithoutGofrBaseIsAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchRunner.Options.parse("--baseline-classpath", this.baseline.toString(), "--servers",
					"gofr,raw"))
			.withMessageContaining("gofr-base is not in --servers");
	}

	@Test
	void missingBaselineClasspathEntryIsAnError() {
		String missing = this.baseline.resolve("missing").toString();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchRunner.Options.parse("--baseline-classpath", missing + "/*", "--servers",
					"gofr-base"))
			.withMessageContaining(missing);
	}

}
