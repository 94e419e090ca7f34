package dev.gofr.ws.autoconfigure.cluster;

import java.time.Duration;
import java.util.UUID;

import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes in one JVM, on the machine's Redis, each with its own clients: rooms, broadcasts and
 * sends to a connection id reach the other node.
 */
class ClusterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static ClusterNode node1;

	private static ClusterNode node2;

	@BeforeAll
	static void startNodes() {
		RedisForTests.requireShared();
		String channel = "gofr-ws-test-" + UUID.randomUUID();
		node1 = ClusterNode.start("node-1", RedisForTests.SHARED_PORT, channel);
		node2 = ClusterNode.start("node-2", RedisForTests.SHARED_PORT, channel);
		await("each node hears the other").atMost(WAIT).untilAsserted(() -> {
			assertThat(node1.nodes().live()).hasSize(2);
			assertThat(node2.nodes().live()).hasSize(2);
		});
	}

	@AfterAll
	static void stopNodes() {
		if (node2 != null) {
			node2.close();
		}
		if (node1 != null) {
			node1.close();
		}
	}

	@Test
	void aRoomMessageSentOnOneNodeReachesTheMembersOnBoth() {
		try (WsTestClient alice = node1.connect(); WsTestClient bob = node2.connect();
				WsTestClient carol = node2.connect()) {
			join(alice, "lobby");
			join(bob, "lobby");
			alice.sendText("say lobby hello-from-1");
			assertThat(bob.awaitText()).isEqualTo("hello-from-1");
			assertThat(alice.awaitText()).isEqualTo("hello-from-1");
			carol.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void aBroadcastReachesEveryConnectionOfEveryNode() {
		try (WsTestClient alice = node1.connect(); WsTestClient bob = node2.connect()) {
			alice.sendText("all everyone");
			assertThat(alice.awaitText()).isEqualTo("everyone");
			assertThat(bob.awaitText()).isEqualTo("everyone");
			bob.sendText("chat chatters");
			assertThat(alice.awaitText()).isEqualTo("chatters");
			assertThat(bob.awaitText()).isEqualTo("chatters");
			bob.sendText("bytes raw");
			assertThat(alice.awaitBinary()).asString().isEqualTo("raw");
			assertThat(bob.awaitBinary()).asString().isEqualTo("raw");
		}
	}

	@Test
	void theSenderLeftOutIsLeftOutEverywhere() {
		try (WsTestClient alice = node1.connect(); WsTestClient bob = node2.connect()) {
			alice.sendText("others not-for-alice");
			assertThat(bob.awaitText()).isEqualTo("not-for-alice");
			alice.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void aSendToAConnectionIdOnTheOtherNodeArrives() {
		try (WsTestClient alice = node1.connect(); WsTestClient bob = node2.connect()) {
			String bobId = id(bob);
			alice.sendText("to " + bobId + " psst");
			assertThat(bob.awaitText()).isEqualTo("psst");
			alice.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void metadataFiltersWorkOnEveryNodeWhilePredicatesStayLocal() {
		try (WsTestClient alice = node1.connect(); WsTestClient bob = node2.connect();
				WsTestClient carol = node2.connect()) {
			bob.sendText("tag team blue");
			assertThat(bob.awaitText()).isEqualTo("tagged");
			carol.sendText("tag team red");
			assertThat(carol.awaitText()).isEqualTo("tagged");
			alice.sendText("where team blue go-blue");
			assertThat(bob.awaitText()).isEqualTo("go-blue");
			carol.expectNothing(Duration.ofMillis(300));

			alice.sendText("filtered local-only");
			assertThat(alice.awaitText()).isEqualTo("local-only");
			bob.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void theActuatorListsTheLiveNodesWithTheirConnectionsAndTheTotal() {
		try (WsTestClient alice = node1.connect(); WsTestClient bob = node2.connect();
				WsTestClient carol = node2.connect()) {
			await().atMost(WAIT).untilAsserted(() -> {
				WebSocketEndpoint.ClusterDescriptor cluster = node1.actuator().cluster();
				assertThat(cluster).isNotNull();
				assertThat(cluster.node()).isEqualTo("node-1");
				assertThat(cluster.nodes()).extracting(WebSocketEndpoint.NodeDescriptor::id)
					.containsExactly("node-1", "node-2");
				assertThat(cluster.nodes()).extracting(WebSocketEndpoint.NodeDescriptor::connections)
					.containsExactly(1, 2);
				assertThat(cluster.total()).isEqualTo(3);
			});
		}
		assertThat(node1.health()).isEqualTo(Status.UP);
		assertThat(node1.get("/actuator/websocket")).contains("\"cluster\":{\"node\":\"node-1\"")
			.contains("\"total\":");
		assertThat(node1.get("/actuator/health"))
			.containsPattern("\"websocketCluster\":\\{\"details\":\\{\"node\":\"node-1\",\"nodes\":2,.*?\\},\"status\":\"UP\"");
		assertThat(node1.relay().published()).isPositive();
		assertThat(node1.relay().dropped(ClusterRelay.LossReason.FAILED)).isZero();
	}

	@Test
	void withClusteringOffTheEndpointHasNoClusterBlockAndNothingTravels() {
		try (ClusterNode alone = ClusterNode.start("alone", RedisForTests.SHARED_PORT, node1.channel(),
				"gofr.ws.cluster.enabled=false"); WsTestClient bob = node2.connect(); WsTestClient zoe = alone.connect()) {
			assertThat(alone.get("/actuator/websocket")).contains("\"connections\"").doesNotContain("\"cluster\"");
			zoe.sendText("all just-me");
			assertThat(zoe.awaitText()).isEqualTo("just-me");
			bob.expectNothing(Duration.ofMillis(300));
		}
	}

	@Test
	void aNodeThatStopsDropsOutOfTheList() {
		ClusterNode node3 = ClusterNode.start("node-3", RedisForTests.SHARED_PORT, node1.channel());
		try {
			await().atMost(WAIT).until(() -> node1.nodes().live().size() == 3);
		}
		finally {
			node3.close();
		}
		await("its farewell is heard").atMost(WAIT).untilAsserted(
				() -> assertThat(node1.nodes().live()).extracting(dev.gofr.ws.cluster.ClusterNode::id)
					.containsExactly("node-1", "node-2"));
	}

	private static void join(WsTestClient client, String room) {
		client.sendText("join " + room);
		assertThat(client.awaitText()).isEqualTo("joined " + room);
	}

	private static String id(WsTestClient client) {
		client.sendText("id");
		String answer = client.awaitText();
		assertThat(answer).startsWith("id ");
		return answer.substring(3);
	}

}
