package dev.gofr.ws.autoconfigure.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gofr.ws.cluster.ClusterReceiver;
import dev.gofr.ws.cluster.redis.RedisBroadcastRelay;
import dev.gofr.ws.test.WsTestClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes in one JVM on the machine's Redis, with history on for rooms named {@code kept-*}:
 * a client recovers on another node what its room said while it was away, and a room's traffic
 * reaches only the nodes with a member in it.
 */
class ClusterRecoveryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Pattern STAMPED = Pattern.compile("\\{\"text\":\"([^\"]*)\",\"offset\":(\\d+),\"epoch\":\"(\\w+)\"}");

	private static List<ClusterNode> nodes;

	@BeforeAll
	static void startNodes() {
		RedisForTests.requireShared();
		String channel = "gofr-ws-test-" + UUID.randomUUID();
		String[] history = { "gofr.ws.history.enabled=true", "gofr.ws.history.rooms=kept-*" };
		nodes = List.of(ClusterNode.start("node-a", RedisForTests.SHARED_PORT, channel, history),
				ClusterNode.start("node-b", RedisForTests.SHARED_PORT, channel, history),
				ClusterNode.start("node-c", RedisForTests.SHARED_PORT, channel, history));
		await("each node hears the others").atMost(WAIT)
			.untilAsserted(() -> nodes.forEach((node) -> assertThat(node.nodes().live()).hasSize(3)));
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.forEach(ClusterNode::close);
		}
	}

	@Test
	void aClientBackOnAThirdNodeGetsExactlyWhatItMissedInOrderThenLiveMessages() {
		String room = "kept-" + UUID.randomUUID();
		try (WsTestClient bob = nodes.get(1).connect()) {
			join(bob, room);
			Stamp last;
			try (WsTestClient alice = nodes.get(0).connect()) {
				join(alice, room);
				bob.sendText("post " + room + " before");
				last = stamp(alice.awaitText());
				assertThat(stamp(bob.awaitText())).isEqualTo(last);
			}
			for (int i = 0; i < 50; i++) {
				bob.sendText("post " + room + " missed-" + i);
			}
			for (int i = 0; i < 50; i++) {
				assertThat(stamp(bob.awaitText()).offset()).isEqualTo(last.offset() + 1 + i);
			}
			try (WsTestClient back = nodes.get(2).connect()) {
				back.sendText("recover " + room + " " + last.offset() + " " + last.epoch());
				assertThat(back.awaitText()).isEqualTo("joined " + room + " recovered=true");
				bob.sendText("post " + room + " live");
				for (int i = 0; i < 50; i++) {
					assertThat(stamp(back.awaitText())).isEqualTo(new Stamp("missed-" + i, last.offset() + 1 + i, last.epoch()));
				}
				assertThat(stamp(back.awaitText())).isEqualTo(new Stamp("live", last.offset() + 51, last.epoch()));
				back.expectNothing(Duration.ofMillis(300));
			}
		}
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
		try (WsTestClient alice = nodes.get(0).connect(); WsTestClient carol = nodes.get(0).connect()) {
			join(alice, room);
			join(carol, room);
			assertThat(subscribers(channel)).isEqualTo(1);
			long receivedB = nodes.get(1).bean(ClusterReceiver.class).received();
			long receivedC = nodes.get(2).bean(ClusterReceiver.class).received();
			for (int i = 0; i < 20; i++) {
				alice.sendText("say " + room + " m" + i);
			}
			for (int i = 0; i < 20; i++) {
				assertThat(carol.awaitText()).isEqualTo("m" + i);
			}
			try (WsTestClient bob = nodes.get(1).connect()) {
				join(bob, room); // a member on node b: node b follows the room from now on
				assertThat(subscribers(channel)).isEqualTo(2);
				alice.sendText("say " + room + " now-b-too");
				assertThat(bob.awaitText()).isEqualTo("now-b-too");
			}
			await("node b leaves the room's channel with its last member").atMost(WAIT)
				.untilAsserted(() -> assertThat(subscribers(channel)).isEqualTo(1));
			assertThat(nodes.get(1).bean(ClusterReceiver.class).received()).isEqualTo(receivedB + 1);
			assertThat(nodes.get(2).bean(ClusterReceiver.class).received()).isEqualTo(receivedC);
		}
		await("the room's channel goes with the room").atMost(WAIT)
			.untilAsserted(() -> assertThat(subscribers(channel)).isZero());
	}

	private static void join(WsTestClient client, String room) {
		client.sendText("join " + room);
		assertThat(client.awaitText()).isEqualTo("joined " + room);
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

	private static Stamp stamp(String text) {
		Matcher matcher = STAMPED.matcher(text);
		assertThat(matcher.matches()).as(text).isTrue();
		return new Stamp(matcher.group(1), Long.parseLong(matcher.group(2)), matcher.group(3));
	}

	record Stamp(String text, long offset, String epoch) {
	}

}
