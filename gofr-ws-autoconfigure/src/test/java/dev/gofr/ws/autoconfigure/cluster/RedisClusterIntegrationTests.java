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

/**
 * Three nodes in one JVM on a private Redis Cluster of three masters
 * ({@code spring.data.redis.cluster.nodes}), with history on for rooms named {@code kept-*}: a
 * room's messages travel on its shard channel ({@code SPUBLISH}/{@code SSUBSCRIBE}), which only the
 * nodes with a member in the room follow, on the shard that holds the room's history; broadcasts
 * to all keep the classic cluster channel.
 */
class RedisClusterIntegrationTests {

	private static PrivateRedisCluster redis;

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
