package dev.gofr.ws.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gofr.ws.test.ExternalPrograms;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample run as a user runs them clustered, with
 * {@code --gofr.ws.cluster.enabled=true} and the Redis of the machine (localhost:6379, Spring
 * Data Redis's default): a chat message said on one node reaches the room's members on the
 * other, and each node's {@code websocket} Actuator endpoint lists both. Without Redis the test is
 * skipped loudly, or fails under {@value ExternalPrograms#REQUIRE_EXTERNAL}{@code =true}.
 */
class SampleClusterTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final Duration WAIT = Duration.ofSeconds(15);

	/** A channel of this run alone, so that other builds sharing the Redis do not join. */
	private static final String CHANNEL = "gofr-ws-sample-test-" + UUID.randomUUID();

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startTwoNodes() {
		ExternalPrograms.requireListening("Redis", 6379,
				"apt-get install -y redis-server && redis-server --daemonize yes");
		nodeA = start("sample-a");
		nodeB = start("sample-b");
	}

	@AfterAll
	static void stopNodes() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeB, nodeA }) {
			if (node != null) {
				node.close();
			}
		}
	}

	@Test
	void aSayOnOneNodeReachesTheRoomsMembersOnTheOther() throws Exception {
		try (WsTestClient alice = chat(nodeA, "alice"); WsTestClient bob = chat(nodeB, "bob")) {
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(nodeIds(nodeA)).containsExactlyInAnyOrder("sample-a", "sample-b");
				assertThat(nodeIds(nodeB)).containsExactlyInAnyOrder("sample-a", "sample-b");
			});

			alice.sendText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi from A\"}");
			for (WsTestClient member : List.of(alice, bob)) {
				member.awaitJson()
					.hasPath("$.type", "message")
					.hasPath("$.room", "lobby")
					.hasPath("$.from", "alice")
					.hasPath("$.text", "hi from A");
			}
		}
	}

	@Test
	void theWebsocketEndpointListsBothNodesAndTheirConnections() throws Exception {
		try (WsTestClient alice = chat(nodeA, "alice"); WsTestClient bob = chat(nodeB, "bob")) {
			await().atMost(WAIT).untilAsserted(() -> {
				JsonNode cluster = json.readTree(get(nodeA, "/actuator/websocket")).get("cluster");
				assertThat(cluster.get("node").asString()).isEqualTo("sample-a");
				assertThat(cluster.get("nodes")).hasSize(2);
				assertThat(cluster.get("total").asInt()).isEqualTo(2);
			});
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthChecksRedisWhenClustered() throws Exception {
		Map<String, Object> health = json.readValue(get(nodeB, "/actuator/health"), Map.class);
		assertThat(health).containsEntry("status", "UP");
		assertThat((Map<String, Object>) health.get("components")).containsKeys("websocketCluster", "redis");
	}

	/**
	 * Start a node with the arguments a user gives the jar, and a few that fit a test: a random
	 * port, this run's channel, and heartbeats often enough for the nodes to meet within a second.
	 */
	private static ConfigurableApplicationContext start(String nodeId) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--gofr.ws.cluster.enabled=true",
				"--server.port=0", "--spring.main.banner-mode=off", "--gofr.ws.cluster.channel=" + CHANNEL,
				"--gofr.ws.cluster.node-id=" + nodeId, "--gofr.ws.cluster.heartbeat-interval=250ms",
				"--gofr.ws.cluster.node-timeout=3s", "--management.endpoint.health.show-components=always");
	}

	/** A chat client on a node, named and in room {@code lobby}. */
	private static WsTestClient chat(ConfigurableApplicationContext node, String name) {
		WsTestClient client = WsTestClient.connect(URI.create("ws://localhost:" + port(node) + "/ws/chat"));
		client.sendText("{\"type\":\"name\",\"name\":\"" + name + "\"}");
		client.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
		client.awaitJson().hasPath("$.type", "joined").hasPath("$.room", "lobby");
		return client;
	}

	private static List<String> nodeIds(ConfigurableApplicationContext node) throws Exception {
		JsonNode cluster = json.readTree(get(node, "/actuator/websocket")).get("cluster");
		assertThat(cluster).as("the cluster block").isNotNull();
		return cluster.get("nodes").valueStream().map((entry) -> entry.get("id").asString()).toList();
	}

	private static String get(ConfigurableApplicationContext node, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port(node) + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static int port(ConfigurableApplicationContext node) {
		return ((WebServerApplicationContext) node).getWebServer().getPort();
	}

}
