package dev.gofr.ws.autoconfigure.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away under a running cluster and comes back: a private {@code redis-server} on a
 * free port, killed and started again, so the machine's shared Redis is never touched.
 */
class ClusterOutageIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void localDeliveryGoesOnWithoutRedisAndCrossNodeDeliveryResumesWhenItIsBack() {
		try (RedisForTests.PrivateRedis redis = RedisForTests.startPrivate()) {
			String channel = "gofr-ws-outage-" + UUID.randomUUID();
			try (ClusterNode node1 = ClusterNode.start("node-1", redis.port(), channel);
					ClusterNode node2 = ClusterNode.start("node-2", redis.port(), channel);
					WsTestClient alice = node1.connect();
					WsTestClient alex = node1.connect();
					WsTestClient bob = node2.connect()) {
				await("each node hears the other").atMost(WAIT).until(() -> node1.nodes().live().size() == 2);
				join(alice, "lobby");
				join(alex, "lobby");
				join(bob, "lobby");
				alice.sendText("say lobby before");
				assertThat(bob.awaitText()).isEqualTo("before");
				assertThat(alex.awaitText()).isEqualTo("before");
				assertThat(alice.awaitText()).isEqualTo("before");

				redis.stop();
				await("node 1 sees Redis gone").atMost(WAIT).untilAsserted(() -> {
					assertThat(node1.health()).isEqualTo(Status.DOWN);
					assertThat(node1.relay().isReachable()).isFalse();
				});
				alice.sendText("say lobby during");
				assertThat(alex.awaitText()).as("local delivery without Redis").isEqualTo("during");
				assertThat(alice.awaitText()).isEqualTo("during");
				await().atMost(WAIT).until(() -> node1.relay().dropped() > 0);
				bob.expectNothing(Duration.ofMillis(300));

				redis.start();
				await("cross-node delivery resumes").atMost(WAIT).untilAsserted(() -> {
					alice.sendText("say lobby after");
					assertThat(bob.awaitMatching((frame) -> frame.equals(new Frame.Text("after")), Duration.ofMillis(400)))
						.isNotNull();
				});
				assertThat(node1.health()).isEqualTo(Status.UP);
				await("node 2 publishes again too").atMost(WAIT).untilAsserted(() -> {
					bob.sendText("say lobby back");
					assertThat(alex.awaitMatching((frame) -> frame.equals(new Frame.Text("back")), Duration.ofMillis(400)))
						.isNotNull();
				});
			}
		}
	}

	@Test
	void nodesStartWhileRedisIsDownAndJoinTheClusterWhenItComesUp() {
		try (RedisForTests.PrivateRedis redis = RedisForTests.startPrivate()) {
			redis.stop();
			String channel = "gofr-ws-late-" + UUID.randomUUID();
			try (ClusterNode node1 = ClusterNode.start("node-1", redis.port(), channel);
					ClusterNode node2 = ClusterNode.start("node-2", redis.port(), channel);
					WsTestClient alice = node1.connect();
					WsTestClient bob = node2.connect()) {
				alice.sendText("all alone");
				assertThat(alice.awaitText()).as("local delivery before Redis exists").isEqualTo("alone");

				redis.start();
				await("each node hears the other").atMost(WAIT).untilAsserted(() -> {
					assertThat(node1.nodes().live()).hasSize(2);
					assertThat(node2.nodes().live()).hasSize(2);
				});
				await("cross-node delivery").atMost(WAIT).untilAsserted(() -> {
					alice.sendText("all together");
					assertThat(bob.awaitMatching((frame) -> frame.equals(new Frame.Text("together")), Duration.ofMillis(400)))
						.isNotNull();
				});
			}
		}
	}

	@Test
	void aRedisRestartDuringARecoveryNeitherLosesTheLiveStreamNorRepeatsIt() {
		try (RedisForTests.PrivateRedis redis = RedisForTests.startPrivate()) {
			String channel = "gofr-ws-recovery-" + UUID.randomUUID();
			String[] history = { "gofr.ws.history.enabled=true", "gofr.ws.history.rooms=kept-*" };
			try (ClusterNode node1 = ClusterNode.start("node-1", redis.port(), channel, history);
					ClusterNode node2 = ClusterNode.start("node-2", redis.port(), channel, history);
					WsTestClient bob = node2.connect()) {
				await("each node hears the other").atMost(WAIT).until(() -> node1.nodes().live().size() == 2);
				join(bob, "kept-room");
				String last;
				try (WsTestClient alice = node1.connect()) {
					join(alice, "kept-room");
					bob.sendText("post kept-room before");
					last = alice.awaitText();
					assertThat(bob.awaitText()).isEqualTo(last);
				}
				Matcher stamp = Pattern.compile("\"offset\":(\\d+),\"epoch\":\"(\\w+)\"").matcher(last);
				assertThat(stamp.find()).as(last).isTrue();

				redis.stop();
				await("node 2 sees Redis gone").atMost(WAIT).until(() -> !node2.relay().isReachable());
				try (WsTestClient back = node2.connect()) {
					back.sendText("recover kept-room " + stamp.group(1) + " " + stamp.group(2));
					assertThat(back.awaitText()).isEqualTo("joined kept-room recovered=false");

					redis.start();
					Set<String> received = new HashSet<>();
					await("the room's live messages come through again").atMost(WAIT).untilAsserted(() -> {
						bob.sendText("post kept-room again-" + received.size());
						Frame frame = back.awaitMatching((any) -> any instanceof Frame.Text, Duration.ofMillis(400));
						assertThat(frame).isNotNull();
						assertThat(received.add(((Frame.Text) frame).text())).as("received once").isTrue();
					});
					bob.sendText("post kept-room final");
					await("the last one, once").atMost(WAIT).untilAsserted(() -> {
						Frame frame = back.awaitMatching((any) -> any instanceof Frame.Text text && text.text().contains("final"),
								Duration.ofMillis(400));
						assertThat(frame).isNotNull();
					});
					back.expectNothing(Duration.ofMillis(300));
				}
			}
		}
	}

	@Test
	void aRoomWhoseSubscriptionRedisRefusesIsTriedAgainUntilItsMembersGetTheOtherNodesMessages() {
		try (RedisForTests.PrivateRedis redis = RedisForTests.startPrivate()) {
			String channel = "gofr-ws-refused-" + UUID.randomUUID();
			// node 2's user may follow the cluster channel but no room's channel yet
			assertThat(redis.command("ACL", "SETUSER", "node2", "on", ">secret", "~*", "+@all", "resetchannels",
					"&" + channel)).contains("OK");
			try (ClusterNode node1 = ClusterNode.start("node-1", redis.port(), channel);
					ClusterNode node2 = ClusterNode.start("node-2", redis.port(), channel,
							"spring.data.redis.username=node2", "spring.data.redis.password=secret");
					WsTestClient alice = node1.connect();
					WsTestClient bob = node2.connect()) {
				await("each node hears the other").atMost(WAIT).until(() -> node2.nodes().live().size() == 2);
				join(alice, "lobby");
				join(bob, "lobby");
				alice.sendText("say lobby refused");
				assertThat(alice.awaitText()).isEqualTo("refused");
				bob.expectNothing(Duration.ofMillis(300));

				assertThat(redis.command("ACL", "SETUSER", "node2", "allchannels")).contains("OK");
				await("node 2 subscribes on a later try").atMost(WAIT).untilAsserted(() -> {
					alice.sendText("say lobby allowed");
					assertThat(bob.awaitMatching((frame) -> frame.equals(new Frame.Text("allowed")), Duration.ofMillis(400)))
						.isNotNull();
				});
			}
		}
	}

	private static void join(WsTestClient client, String room) {
		client.sendText("join " + room);
		assertThat(client.awaitText()).isEqualTo("joined " + room);
	}

}
