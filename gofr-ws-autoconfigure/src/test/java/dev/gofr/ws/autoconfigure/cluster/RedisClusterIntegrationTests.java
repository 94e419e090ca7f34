package dev.gofr.ws.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.gofr.ws.autoconfigure.cluster.RedisForTests.PrivateRedisCluster;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.cluster.redis.RedisBroadcastRelay;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.gofr.ws.autoconfigure.cluster.RoomScenarios.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes in one JVM on a private Redis Cluster of three masters
 * ({@code spring.data.redis.cluster.nodes}), with history on for rooms named {@code kept-*}: a
 * room's messages travel on its shard channel ({@code SPUBLISH}/{@code SSUBSCRIBE}), which only the
 * nodes with a member in the room follow, on the shard that holds the room's history, and to the
 * shard that owns it after its slot moves; broadcasts to all keep the classic cluster channel.
 */
class RedisClusterIntegrationTests {

	private static PrivateRedisCluster redis;

	/**
	 * How soon a node follows a room whose slot moved: one follow interval (the nodes' heartbeat
	 * interval, 200 ms) plus a {@code CLUSTER NODES} and a refresh of Lettuce's view of the
	 * cluster, with room for a slow machine.
	 */
	private static final Duration FOLLOW_BOUND = Duration.ofSeconds(2);

	private static List<ClusterNode> nodes;

	@BeforeAll
	static void startNodes() {
		redis = RedisForTests.startCluster();
		nodes = ClusterNode.startThree(redis.ports().get(0), "spring.data.redis.cluster.nodes=" + redis.nodes(),
				"gofr.ws.history.enabled=true", "gofr.ws.history.rooms=kept-*");
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.forEach(ClusterNode::close);
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void aRoomMessageTravelsOnTheRoomsShardChannelInTheSlotOfItsHistory() {
		String room = "lobby-" + UUID.randomUUID();
		try (WsTestClient alice = nodes.get(0).connect(); WsTestClient bob = nodes.get(1).connect();
				WsTestClient carol = nodes.get(2).connect()) {
			join(alice, room);
			join(bob, room);
			assertThat(shardSubscribers(room)).isEqualTo(2);
			assertThat(subscribers(RedisBroadcastRelay.roomChannel(nodes.get(0).channel(), room))).isZero();
			alice.sendText("say " + room + " hello-from-a");
			assertThat(bob.awaitText()).isEqualTo("hello-from-a");
			assertThat(alice.awaitText()).isEqualTo("hello-from-a");
			carol.expectNothing(Duration.ofMillis(300));
		}
		int port = redis.ports().get(0);
		assertThat(redis.command(port, "CLUSTER", "KEYSLOT", shardChannel(room)))
			.isEqualTo(redis.command(port, "CLUSTER", "KEYSLOT", "{" + nodes.get(0).channel() + ":" + room + "}:o"));
	}

	@Test
	void aRoomWhoseMembersAreAllOnOneNodePutsNothingOnTheOthers() {
		String room = "solo-" + UUID.randomUUID();
		RoomScenarios.membersOnOneNodeOnly(nodes, room, () -> shardSubscribers(room));
	}

	@Test
	void aClientBackOnAnotherNodeGetsWhatItMissedFromTheClustersStreamsThenLiveMessages() {
		RoomScenarios.recoveredOnAThirdNode(nodes, "kept-" + UUID.randomUUID(), 20);
	}

	@Test
	void aRoomWhoseSlotMovesToAnotherShardIsFollowedThereWithinTheFollowBound() {
		String room = "moving-" + UUID.randomUUID();
		int slot = Integer.parseInt(redis.command(redis.ports().get(0), "CLUSTER", "KEYSLOT", shardChannel(room)).strip());
		int from = redis.ownerOf(slot);
		int to = redis.ports().stream().filter((port) -> port != from).findFirst().orElseThrow();
		try (WsTestClient alice = nodes.get(0).connect(); WsTestClient bob = nodes.get(1).connect()) {
			join(alice, room);
			join(bob, room);
			alice.sendText("say " + room + " before");
			assertThat(bob.awaitText()).isEqualTo("before");
			assertThat(alice.awaitText()).isEqualTo("before");
			redis.moveSlot(slot, to);
			assertThat(shardSubscribers(from, room)).as("Redis ends the old shard's subscriptions").isZero();
			long moved = System.nanoTime();
			await("both nodes follow the room to its new shard").atMost(FOLLOW_BOUND)
				.untilAsserted(() -> assertThat(shardSubscribers(to, room)).isEqualTo(2));
			System.out.printf("Followed slot %d from port %d to %d in %d ms%n", slot, from, to,
					Duration.ofNanos(System.nanoTime() - moved).toMillis());
			for (int i = 0; i < 10; i++) {
				bob.sendText("say " + room + " after-" + i);
			}
			for (int i = 0; i < 10; i++) {
				assertThat(alice.awaitText()).isEqualTo("after-" + i);
				assertThat(bob.awaitText()).isEqualTo("after-" + i);
			}
			try (WsTestClient carol = nodes.get(2).connect()) {
				join(carol, room); // a node that followed nothing in the slot subscribes on its new owner
				assertThat(shardSubscribers(to, room)).isEqualTo(3);
				carol.sendText("say " + room + " from-c");
				assertThat(alice.awaitText()).isEqualTo("from-c");
				assertThat(bob.awaitText()).isEqualTo("from-c");
				assertThat(carol.awaitText()).isEqualTo("from-c");
			}
			alice.expectNothing(Duration.ofMillis(300));
			bob.expectNothing(Duration.ofMillis(300));
		}
		await("the nodes leave the room's channel on its new shard").atMost(FOLLOW_BOUND)
			.untilAsserted(() -> assertThat(shardSubscribers(to, room)).isZero());
	}

	@Test
	void broadcastsToAllAndToAConnectionStillTravelOnTheClusterChannel() {
		try (WsTestClient alice = nodes.get(0).connect(); WsTestClient bob = nodes.get(1).connect();
				WsTestClient carol = nodes.get(2).connect()) {
			alice.sendText("all everyone");
			assertThat(alice.awaitText()).isEqualTo("everyone");
			assertThat(bob.awaitText()).isEqualTo("everyone");
			assertThat(carol.awaitText()).isEqualTo("everyone");
			bob.sendText("id");
			String bobId = bob.awaitText().substring(3);
			carol.sendText("to " + bobId + " psst");
			assertThat(bob.awaitText()).isEqualTo("psst");
			alice.expectNothing(Duration.ofMillis(300));
		}
		assertThat(subscribers(nodes.get(0).channel())).isEqualTo(3);
		assertThat(nodes.get(0).relay().dropped(ClusterRelay.LossReason.FAILED)).isZero();
	}

	private static String shardChannel(String room) {
		return "{" + nodes.get(0).channel() + ":" + room + "}:channel";
	}

	/** The subscribers of a room's shard channel, on whichever shard owns it. */
	private static long shardSubscribers(String room) {
		return count("SHARDNUMSUB", shardChannel(room));
	}

	/** The subscribers of a room's shard channel on one node of the Redis Cluster. */
	private static long shardSubscribers(int port, String room) {
		return last(redis.command(port, "PUBSUB", "SHARDNUMSUB", shardChannel(room)));
	}

	/** The subscribers of a classic channel: each node of a Redis Cluster counts its own. */
	private static long subscribers(String channel) {
		return count("NUMSUB", channel);
	}

	private static long count(String numsub, String channel) {
		return redis.ports().stream().mapToLong((port) -> last(redis.command(port, "PUBSUB", numsub, channel))).sum();
	}

	private static long last(String reply) {
		String[] lines = reply.strip().split("\n");
		return Long.parseLong(lines[lines.length - 1].strip());
	}

}
