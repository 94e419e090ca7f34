package dev.gofr.ws.bench.runner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each server is started, without starting one.
 */
class ServerKindTests {

	@TempDir
	Path dir;

	@Test
	void jettyServersGetTheSameCommandAsTheirTomcatTwins() {
		for (String scenario : BenchRunner.SCENARIOS) {
			assertThat(command(ServerKind.GOFR_JETTY, scenario)).isEqualTo(command(ServerKind.GOFR, scenario));
			assertThat(command(ServerKind.RAW_JETTY, scenario)).isEqualTo(command(ServerKind.RAW, scenario));
			assertThat(command(ServerKind.GOFR_BASELINE_JETTY, scenario))
				.isEqualTo(command(ServerKind.GOFR, scenario));
		}
	}

	@Test
	void heartbeatOffSwitchesEveryHeartbeatOffAndChattyPingsAsTheHeartbeat() {
		assertThat(command(ServerKind.GOFR, "heartbeat-off")).contains("--gofr.ws.heartbeat.enabled=false")
			.noneMatch((arg) -> arg.startsWith("--gofr.ws.heartbeat.ping-interval"));
		assertThat(command(ServerKind.RAW, "heartbeat-off")).noneMatch((arg) -> arg.contains("ping-interval"));
		assertThat(command(ServerKind.NODE, "heartbeat-off")).doesNotContain("--ping-interval");
		for (ServerKind server : ServerKind.DEFAULTS) {
			assertThat(command(server, "heartbeat-chatty")).isEqualTo(command(server, "heartbeat"));
		}
	}

	@Test
	void chatRunsEveryServerAsTheFanoutDoes() {
		for (ServerKind server : ServerKind.values()) {
			assertThat(command(server, "chat")).isEqualTo(command(server, "fanout"));
		}
	}

	@Test
	void echoControllerRunsOnlyOnThisBuildsGofrWsAsTheEchoDoes() {
		assertThat(ServerKind.values()).filteredOn((server) -> server.serves("echo-controller"))
			.containsExactly(ServerKind.GOFR, ServerKind.GOFR_JETTY, ServerKind.GOFR_VIRTUAL);
		assertThat(command(ServerKind.GOFR, "echo-controller")).isEqualTo(command(ServerKind.GOFR, "echo"));
		assertThat(command(ServerKind.GOFR_JETTY, "echo-controller")).isEqualTo(command(ServerKind.GOFR_JETTY, "echo"));
	}

	@Test
	void gofrOnVirtualThreadsIsGofrWithItsHandlersOnVirtualThreadsOnAJava21OrLater() {
		for (String scenario : BenchRunner.SCENARIOS) {
			List<String> expected = new java.util.ArrayList<>(command(ServerKind.GOFR, scenario));
			expected.add("--gofr.ws.handler.executor=virtual");
			assertThat(command(ServerKind.GOFR_VIRTUAL, scenario)).isEqualTo(expected);
		}
		assertThat(ServerKind.values()).filteredOn(ServerKind::needsJava21).containsExactly(ServerKind.GOFR_VIRTUAL);
		assertThat(ServerKind.GOFR_VIRTUAL.container()).isEqualTo("tomcat");
	}

	@Test
	void theSecondJdkIsTheNewestOfJava21OrLaterFound() throws Exception {
		for (String[] jdk : new String[][] { { "java-17", "17.0.15" }, { "temurin-21", "21.0.2" },
				{ "temurin-25", "25.0.3" }, { "broken", "" } }) {
			Path home = Files.createDirectories(this.dir.resolve("jvm").resolve(jdk[0]).resolve("bin"));
			Path java = Files.createFile(home.resolve("java"));
			java.toFile().setExecutable(true);
			Files.writeString(home.getParent().resolve("release"), "JAVA_VERSION=\"" + jdk[1] + "\"\n");
		}
		String found = SecondJdk.find("/own/java", this.dir.resolve("jvm"));
		if (Runtime.version().feature() >= 21) {
			assertThat(found).isEqualTo("/own/java");
		}
		else {
			assertThat(found).isEqualTo(this.dir.resolve("jvm/temurin-25/bin/java").toString());
			assertThat(SecondJdk.find("/own/java", this.dir.resolve("nowhere"))).isNull();
		}
	}

	@Test
	void everyServerButWebFluxServesEveryOtherScenarioAndTheEarlierBuildNoChat() {
		for (String scenario : BenchRunner.SCENARIOS) {
			if (!scenario.equals("echo-controller") && !scenario.equals("chat")) {
				assertThat(ServerKind.values()).filteredOn((server) -> server != ServerKind.RAW_NETTY)
					.allMatch((server) -> server.serves(scenario), scenario);
			}
		}
		assertThat(ServerKind.values()).filteredOn((server) -> server.serves("chat"))
			.containsExactly(ServerKind.GOFR, ServerKind.GOFR_JETTY, ServerKind.GOFR_VIRTUAL, ServerKind.RAW,
					ServerKind.RAW_JETTY, ServerKind.NODE);
	}

	@Test
	void webFluxOnNettyServesTheScenariosOnTheEchoRouteWithRawSpringsPropertiesAndIsNoDefault() {
		assertThat(BenchRunner.SCENARIOS).filteredOn(ServerKind.RAW_NETTY::serves)
			.containsExactly("echo", "idle", "heartbeat", "heartbeat-off", "heartbeat-chatty");
		for (String scenario : ServerKind.RAW_NETTY_SCENARIOS) {
			List<String> raw = command(ServerKind.RAW, scenario);
			List<String> netty = command(ServerKind.RAW_NETTY, scenario);
			assertThat(netty).hasSameSizeAs(raw).contains("dev.gofr.ws.bench.netty.RawNettyBenchServer");
			assertThat(netty).filteredOn((arg) -> arg.startsWith("--"))
				.isEqualTo(raw.stream().filter((arg) -> arg.startsWith("--")).toList());
		}
		assertThat(command(ServerKind.RAW_NETTY, "heartbeat")).contains("--bench.raw.ping-interval=5s");
		assertThat(ServerKind.RAW_NETTY.container()).isEqualTo("netty");
		assertThat(ServerKind.DEFAULTS).doesNotContain(ServerKind.RAW_NETTY);
	}

	@Test
	void everyServerNamesTheContainerItMustRunOn() {
		assertThat(ServerKind.DEFAULTS).extracting(ServerKind::container)
			.containsExactly("tomcat", "jetty", "tomcat", "jetty", "node");
		assertThat(ServerKind.GOFR_BASELINE.container()).isEqualTo("tomcat");
		assertThat(ServerKind.GOFR_BASELINE_JETTY.container()).isEqualTo("jetty");
	}

	@Test
	void replacingTomcatLeavesOutTomcatAndBootsTomcatModulesAndAddsTheOtherServer() throws Exception {
		Path lib = Files.createDirectories(this.dir.resolve("lib"));
		for (String jar : List.of("spring-boot-4.0.7.jar", "spring-boot-tomcat-4.0.7.jar",
				"spring-boot-starter-tomcat-4.0.7.jar", "spring-boot-starter-tomcat-runtime-4.0.7.jar",
				"tomcat-embed-core-11.0.22.jar", "tomcat-embed-websocket-11.0.22.jar", "notes.txt")) {
			Files.createFile(lib.resolve(jar));
		}
		Path jetty = this.dir.resolve("lib-jetty");
		String single = "/m2/org/apache/tomcat/embed/tomcat-embed-el-11.0.22.jar";

		String classpath = ServerKind.replacingTomcat("classes" + File.pathSeparator + lib + "/*" + File.pathSeparator
				+ single + File.pathSeparator + "/m2/gofr-ws-core.jar", jetty);

		assertThat(classpath.split(File.pathSeparator)).containsExactly("classes",
				lib.resolve("spring-boot-4.0.7.jar").toString(), "/m2/gofr-ws-core.jar", jetty.resolve("*").toString());
	}

	private List<String> command(ServerKind server, String scenario) {
		return server.command(scenario, 8080, "java", BenchRunner.SERVER_JVM, "cp", this.dir);
	}

}
