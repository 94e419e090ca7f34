package dev.gofr.ws.sample;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.gofr.ws.sample.FeedClientTests.Upstream;
import dev.gofr.ws.test.WsTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringApplicationAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample run with AOT processing, as a user would: {@code spring-boot:process-aot} with the
 * {@code feed} client declared, then {@code java -Dspring.aot.enabled=true}, pointed at an
 * upstream server this test starts; the client connects and relays, and the chat controller
 * binds and validates its commands.
 * <p>
 * The processor and the sample each run in a JVM of their own, as with the Maven plugin: first
 * {@link SpringApplicationAotProcessor} (the plugin's entry point), then the sample on the code it
 * wrote, compiled in between through {@code javax.tools}. Separate JVMs keep the test's JVM out of
 * both runs (no system property, logging system or half-refreshed context left behind) and cost
 * a few seconds more than processing in the test's JVM; the whole test takes about ten. The
 * address the client has at processing time leads nowhere: a client's settings are read when the
 * application runs, here from its arguments.
 */
class SampleApplicationAotTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	/** The generated code and each step's log; kept when the test fails. */
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path work;

	private final Upstream upstream = Upstream.start(0);

	private Process application;

	@AfterEach
	void stop() throws Exception {
		if (this.application != null) {
			this.application.destroy();
			if (!this.application.waitFor(30, TimeUnit.SECONDS)) {
				this.application.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		this.upstream.stopNow();
	}

	@Test
	void aDeclaredClientConnectsAndRelaysWhenTheSampleRunsWithAot() throws Exception {
		Path sources = this.work.resolve("sources");
		Path resources = this.work.resolve("resources");
		Path generatedClasses = this.work.resolve("generated-classes");
		Process processing = start("process-aot", testedClassPath(),
				List.of("-Dgofr.ws.clients.feed.url=ws://127.0.0.1:9/feed"), SpringApplicationAotProcessor.class.getName(),
				SampleApplication.class.getName(), sources.toString(), resources.toString(), generatedClasses.toString(),
				"dev.gofr.ws", "gofr-ws-sample");
		boolean ended = processing.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		if (!ended) {
			processing.destroyForcibly();
		}
		assertThat(ended && processing.exitValue() == 0).as(() -> "AOT processing failed:\n" + log("process-aot"))
			.isTrue();
		assertThat(hints(resources)).as("gofr-ws's runtime hints in the native image metadata")
			.contains("org.apache.tomcat.websocket.WsSession")
			.contains("wsRemoteEndpoint");

		Path compiled = compile(sources, generatedClasses);

		String feedUrl = "ws://127.0.0.1:" + this.upstream.getPort() + "/prices";
		this.application = start("sample", classPath(compiled, resources, generatedClasses),
				List.of("-Dspring.aot.enabled=true"), SampleApplication.class.getName(), "--server.port=0",
				"--gofr.ws.clients.feed.url=" + feedUrl);
		await().atMost(WAIT).until(() -> port() != null || !this.application.isAlive());
		assertThat(this.application.isAlive()).as(() -> "the sample stopped:\n" + log("sample")).isTrue();
		assertThat(log("sample")).contains("Starting AOT-processed SampleApplication");
		int port = port();

		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode feed = json.readTree(get(port, "/actuator/websocket")).get("clients").get(0);
			assertThat(feed.get("name").asString()).isEqualTo("feed");
			assertThat(feed.get("url").asString()).isEqualTo(feedUrl);
			assertThat(feed.get("state").asString()).isEqualTo("OPEN");
		});
		assertThat(this.upstream.getConnections()).hasSize(1);

		try (WsTestClient alice = WsTestClient.connect(URI.create("ws://localhost:" + port + "/ws/chat"))) {
			alice.sendText("{\"type\":\"join\"}");
			assertThat(alice.awaitText()).as("a command the chat controller's validation refuses")
				.contains("INVALID_PAYLOAD")
				.contains("room");
			alice.sendText("{\"type\":\"join\",\"room\":\"feed\"}");
			assertThat(alice.awaitText()).contains("\"joined\"");
			this.upstream.broadcast("EURUSD 1.0842");
			// the room keeps a history, as every chat room of the sample: the message also carries its place
			ObjectNode message = (ObjectNode) json.readTree(alice.awaitText());
			assertThat(message.get("offset").isNumber()).isTrue();
			assertThat(message.remove(List.of("offset", "epoch"))).isEqualTo(json.readTree(
					"{\"type\":\"message\",\"room\":\"feed\",\"from\":\"feed\",\"text\":\"EURUSD 1.0842\"}"));
		}
	}

	private Process start(String name, String classPath, List<String> jvmArguments, String mainClass, String... arguments)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(classPath);
		command.addAll(jvmArguments);
		command.add(mainClass);
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.work.resolve(name + ".log").toFile())
			.start();
	}

	/** The code the processor wrote, compiled against the sample and its dependencies. */
	private Path compile(Path sources, Path generatedClasses) throws IOException {
		Path compiled = Files.createDirectories(this.work.resolve("compiled"));
		List<File> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter((path) -> path.toString().endsWith(".java")).map(Path::toFile).toList();
		}
		assertThat(files).as("sources written by the AOT processor").isNotEmpty();
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
			List<String> options = List.of("-classpath",
					classPath(generatedClasses), "-d", compiled.toString(), "-proc:none",
					"-parameters", "-nowarn", "--release", "17");
			StringWriter errors = new StringWriter();
			boolean ok = compiler.getTask(errors, fileManager, null, options, null,
					fileManager.getJavaFileObjectsFromFiles(files)).call();
			assertThat(ok).as(errors::toString).isTrue();
		}
		return compiled;
	}

	/** The class path of the sample's main code and its dependencies, without the tests. */
	private static String testedClassPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Stream.of(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/** The tested class path, after the directories given. */
	private static String classPath(Path... first) {
		return Stream.concat(Stream.of(first).map(Path::toString), Stream.of(testedClassPath()))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String hints(Path resources) throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> walk = Files.walk(resources)) {
			for (Path file : walk.filter((path) -> path.toString().endsWith(".json")).toList()) {
				all.append(Files.readString(file));
			}
		}
		return all.toString();
	}

	private String get(int port, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	/** The port the sample's server took, from its log; {@code null} until it has started. */
	private @Nullable Integer port() {
		Matcher started = TOMCAT_STARTED.matcher(log("sample"));
		return started.find() ? Integer.valueOf(started.group(1)) : null;
	}

	private String log(String name) {
		try {
			return Files.readString(this.work.resolve(name + ".log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

}
