package dev.gofr.ws.autoconfigure.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.autoconfigure.cluster.RoomScenarios.Stamp;
import dev.gofr.ws.cluster.redis.RedisBroadcastRelay;
import dev.gofr.ws.test.WsTestClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;

import static dev.gofr.ws.autoconfigure.cluster.RoomScenarios.join;
import static dev.gofr.ws.autoconfigure.cluster.RoomScenarios.stamp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes in one JVM on the machine's Redis, with history on for rooms named {@code kept-*}:
 * a client recovers on another node what its room said while it was away, and a room's traffic
 * reaches only the nodes with a member in it.
 */
class ClusterRecoveryIntegrationTests {

	private static List<ClusterNode> nodes;

	@BeforeAll
	static void startNodes() {
		RedisForTests.requireShared();
		nodes = ClusterNode.startThree(RedisForTests.SHARED_PORT, "gofr.ws.history.enabled=true",
				"gofr.ws.history.rooms=kept-*");
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.forEach(ClusterNode::close);
		}
	}

	@Test
	void aClientBackOnAThirdNodeGetsExactlyWhatItMissedInOrderThenLiveMessages() {
		RoomScenarios.recoveredOnAThirdNode(nodes, "kept-" + UUID.randomUUID(), 50);
	}

	@Test
	void anOffsetTheHistoryNoLongerReachesOrAnotherEpochIsNotRecovered() {
		String room = "kept-" + UUID.randomUUID();
		try (WsTestClient bob = nodes.get(0).connect(); WsTestClient late = nodes.get(1).connect();
				WsTestClient other = nodes.get(2).connect()) {
			join(bob, room);
			bob.sendText("post " + room + " first");
			Stamp first = stamp(bob.awaitText());
			for (int i = 0; i < 250; i++) { // 100 are kept, give or take Redis's approximate trimming
				bob.sendText("post " + room + " more-" + i);
			}
			for (int i = 0; i < 250; i++) {
				bob.awaitText();
			}
			late.sendText("recover " + room + " " + first.offset() + " " + first.epoch());
			assertThat(late.awaitText()).isEqualTo("joined " + room + " recovered=false");
			other.sendText("recover " + room + " " + first.offset() + " another");
			assertThat(other.awaitText()).isEqualTo("joined " + room + " recovered=false");
			bob.sendText("post " + room + " live");
			assertThat(stamp(late.awaitText()).text()).isEqualTo("live"); // no replay, live from now on
			assertThat(stamp(other.awaitText()).text()).isEqualTo("live");
		}
	}

	@Test
	void aRoomWhoseMembersAreAllOnOneNodePutsNothingOnTheWireToTheOthers() {
		String room = "solo-" + UUID.randomUUID();
		String channel = RedisBroadcastRelay.roomChannel(nodes.get(0).channel(), room);
		RoomScenarios.membersOnOneNodeOnly(nodes, room, () -> subscribers(channel));
	}

	private static long subscribers(String channel) {
		RedisConnectionFactory redis = nodes.get(0).bean(RedisConnectionFactory.class);
		try (RedisConnection connection = redis.getConnection()) {
			// Spring Data Redis has no PUBSUB NUMSUB: Lettuce's own commands
			RedisClusterAsyncCommands<byte[], byte[]> commands = ((LettuceConnection) connection).getNativeConnection();
			Map<byte[], Long> counts = commands.pubsubNumsub(channel.getBytes(StandardCharsets.UTF_8))
				.get(10, TimeUnit.SECONDS);
			return counts.values().stream().mapToLong(Long::longValue).sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot count the subscribers of " + channel, ex);
		}
	}

}
