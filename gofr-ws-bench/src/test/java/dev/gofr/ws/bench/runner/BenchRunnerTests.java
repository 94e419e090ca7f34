package dev.gofr.ws.bench.runner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The runner's options, without starting a server.
 */
class BenchRunnerTests {

	@Test
	void theServersAlternateTheirOrderFromOneRepeatToTheNext() {
		List<ServerKind> servers = List.of(ServerKind.GOFR, ServerKind.RAW, ServerKind.GOFR_JETTY);
		assertThat(BenchRunner.order(servers, 1)).containsExactly(ServerKind.GOFR, ServerKind.RAW, ServerKind.GOFR_JETTY);
		assertThat(BenchRunner.order(servers, 2)).containsExactly(ServerKind.GOFR_JETTY, ServerKind.RAW, ServerKind.GOFR);
		assertThat(BenchRunner.order(servers, 3)).containsExactly(ServerKind.GOFR, ServerKind.RAW, ServerKind.GOFR_JETTY);
		assertThat(servers).as("the options' list is left as it is").startsWith(ServerKind.GOFR);
	}

	@Test
	void aScenarioRunsOnlyAgainstTheServersThatServeItsRouteInTheirOrder() {
		List<ServerKind> servers = List.of(ServerKind.RAW, ServerKind.GOFR_JETTY, ServerKind.NODE, ServerKind.GOFR);

		assertThat(BenchRunner.serving("echo-controller", servers)).containsExactly(ServerKind.GOFR_JETTY,
				ServerKind.GOFR);
		assertThat(BenchRunner.serving("echo", servers)).isEqualTo(servers);
	}

	@Test
	void echoControllerFollowsEchoInTheDefaultScenarios() {
		BenchRunner.Options defaults = BenchRunner.Options.parse("--servers", "gofr");

		assertThat(defaults.scenarios).containsSubsequence("echo", "echo-controller", "fanout");
	}

	@TempDir
	Path baseline;

	@Test
	void serversDefaultToGofrAndRawOnBothContainersAndNodeWithoutBaseline() {
		BenchRunner.Options options = BenchRunner.Options.parse("--jetty-lib", this.baseline.toString());

		assertThat(options.servers).containsExactly(ServerKind.GOFR, ServerKind.GOFR_JETTY, ServerKind.RAW,
				ServerKind.RAW_JETTY, ServerKind.NODE);
		assertThat(options.baselineClasspath).isNull();
	}

	@Test
	void scenariosIncludeThePacedFanout() {
		BenchRunner.Options options = BenchRunner.Options.parse("--scenarios", "fanout,fanout-paced", "--servers",
				"gofr");

		assertThat(options.scenarios).containsExactly("fanout", "fanout-paced");
		assertThat(BenchRunner.SCENARIOS).contains("fanout-paced");
	}

	@Test
	void chatIsAScenarioAskedForByNameAndNotADefault() {
		BenchRunner.Options defaults = BenchRunner.Options.parse("--servers", "gofr");
		BenchRunner.Options chat = BenchRunner.Options.parse("--scenarios", "chat", "--servers", "gofr,raw");

		assertThat(BenchRunner.SCENARIOS).contains("chat");
		assertThat(defaults.scenarios).isEqualTo(BenchRunner.DEFAULT_SCENARIOS).doesNotContain("chat")
			.contains("echo", "fanout", "handshakes");
		assertThat(chat.scenarios).containsExactly("chat");
	}

	@Test
	void jettyAndWebFluxServersRunFromTheClasspathWithTomcatReplacedByTheirJars() throws Exception {
		Path lib = Files.createDirectories(this.baseline.resolve("lib"));
		Files.createFile(lib.resolve("spring-boot-4.0.7.jar"));
		Files.createFile(lib.resolve("tomcat-embed-core-11.0.22.jar"));
		Path jetty = Files.createDirectories(this.baseline.resolve("lib-jetty"));
		Path netty = Files.createDirectories(this.baseline.resolve("lib-netty"));
		String classpath = this.baseline.resolve("classes") + File.pathSeparator + lib + "/*";
		BenchRunner.Options options = BenchRunner.Options.parse("--servers", "gofr,gofr-jetty,raw-jetty,raw-netty",
				"--classpath", classpath, "--jetty-lib", jetty.toString(), "--netty-lib", netty.toString());

		assertThat(options.classpath(ServerKind.GOFR)).isEqualTo(classpath);
		String withoutTomcat = this.baseline.resolve("classes") + File.pathSeparator
				+ lib.resolve("spring-boot-4.0.7.jar");
		assertThat(options.classpath(ServerKind.GOFR_JETTY))
			.isEqualTo(withoutTomcat + File.pathSeparator + jetty.resolve("*"));
		assertThat(options.classpath(ServerKind.RAW_JETTY)).isEqualTo(options.classpath(ServerKind.GOFR_JETTY));
		assertThat(options.classpath(ServerKind.RAW_NETTY))
			.isEqualTo(withoutTomcat + File.pathSeparator + netty.resolve("*"));
	}

	@Test
	void gofrBaseOnJettyRunsFromTheBaselineClasspathWithThisBuildsJetty() throws Exception {
		Path classes = Files.createDirectories(this.baseline.resolve("classes"));
		Path jetty = Files.createDirectories(this.baseline.resolve("lib-jetty"));
		BenchRunner.Options options = BenchRunner.Options.parse("--baseline-classpath", classes.toString(),
				"--servers", "gofr-base-jetty,gofr-jetty", "--jetty-lib", jetty.toString());

		assertThat(options.classpath(ServerKind.GOFR_BASELINE_JETTY))
			.isEqualTo(classes + File.pathSeparator + jetty.resolve("*"));
	}

	@Test
	void jettyAndWebFluxServersWithoutTheirJarsAreAnError() {
		String missing = this.baseline.resolve("missing").toString();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchRunner.Options.parse("--servers", "gofr,raw-jetty", "--jetty-lib", missing))
			.withMessageContaining(missing);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchRunner.Options.parse("--servers", "raw-netty", "--netty-lib", missing))
			.withMessageContaining(missing)
			.withMessageContaining("--netty-lib");
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
