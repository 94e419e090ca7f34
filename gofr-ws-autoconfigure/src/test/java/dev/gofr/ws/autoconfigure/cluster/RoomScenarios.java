package dev.gofr.ws.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gofr.ws.cluster.ClusterReceiver;
import dev.gofr.ws.test.WsTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What rooms do across the nodes of a cluster, played the same on a single Redis and on a Redis
 * Cluster: a room's traffic reaches only the nodes with a member in it, and a client recovers on
 * another node what its room said while it was away.
 */
final class RoomScenarios {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Pattern STAMPED = Pattern.compile("\\{\"text\":\"([^\"]*)\",\"offset\":(\\d+),\"epoch\":\"(\\w+)\"}");

	private RoomScenarios() {
	}

	/**
	 * A room whose members are all on the first node puts nothing on the wire to the others: the
	 * second node follows the room's channel only while it has a member in it.
	 * @param nodes three nodes
	 * @param room a room no one is in yet
	 * @param subscribers the subscribers of the room's channel in Redis
	 */
	static void membersOnOneNodeOnly(List<ClusterNode> nodes, String room, LongSupplier subscribers) {
		try (WsTestClient alice = nodes.get(0).connect(); WsTestClient carol = nodes.get(0).connect()) {
			join(alice, room);
			join(carol, room);
			assertThat(subscribers.getAsLong()).isEqualTo(1);
			long receivedB = nodes.get(1).bean(ClusterReceiver.class).received();
			long receivedC = nodes.get(2).bean(ClusterReceiver.class).received();
			long published = nodes.get(0).relay().published();
			for (int i = 0; i < 20; i++) {
				alice.sendText("say " + room + " m" + i);
			}
			for (int i = 0; i < 20; i++) {
				assertThat(carol.awaitText()).isEqualTo("m" + i);
			}
			// node a relays after it delivers: a message still queued when b follows the room reaches b
			await("node a has published the 20").atMost(WAIT)
				.until(() -> nodes.get(0).relay().published() >= published + 20);
			try (WsTestClient bob = nodes.get(1).connect()) {
				join(bob, room); // a member on node b: node b follows the room from now on
				assertThat(subscribers.getAsLong()).isEqualTo(2);
				alice.sendText("say " + room + " now-b-too");
				assertThat(bob.awaitText()).isEqualTo("now-b-too");
			}
			await("node b leaves the room's channel with its last member").atMost(WAIT)
				.untilAsserted(() -> assertThat(subscribers.getAsLong()).isEqualTo(1));
			assertThat(nodes.get(1).bean(ClusterReceiver.class).received()).isEqualTo(receivedB + 1);
			assertThat(nodes.get(2).bean(ClusterReceiver.class).received()).isEqualTo(receivedC);
		}
		await("the room's channel goes with the room").atMost(WAIT)
			.untilAsserted(() -> assertThat(subscribers.getAsLong()).isZero());
	}

	/**
	 * A client back on the third node gets exactly what it missed, in order, then live messages.
	 * @param nodes three nodes
	 * @param room a room that keeps a history, no one in it yet
	 * @param missed how many messages the client misses
	 */
	static void recoveredOnAThirdNode(List<ClusterNode> nodes, String room, int missed) {
		try (WsTestClient bob = nodes.get(1).connect()) {
			join(bob, room);
			Stamp last;
			try (WsTestClient alice = nodes.get(0).connect()) {
				join(alice, room);
				bob.sendText("post " + room + " before");
				last = stamp(alice.awaitText());
				assertThat(stamp(bob.awaitText())).isEqualTo(last);
			}
			for (int i = 0; i < missed; i++) {
				bob.sendText("post " + room + " missed-" + i);
			}
			for (int i = 0; i < missed; i++) {
				assertThat(stamp(bob.awaitText()).offset()).isEqualTo(last.offset() + 1 + i);
			}
			try (WsTestClient back = nodes.get(2).connect()) {
				back.sendText("recover " + room + " " + last.offset() + " " + last.epoch());
				assertThat(back.awaitText()).isEqualTo("joined " + room + " recovered=true");
				bob.sendText("post " + room + " live");
				for (int i = 0; i < missed; i++) {
					assertThat(stamp(back.awaitText())).isEqualTo(new Stamp("missed-" + i, last.offset() + 1 + i, last.epoch()));
				}
				assertThat(stamp(back.awaitText())).isEqualTo(new Stamp("live", last.offset() + missed + 1, last.epoch()));
				back.expectNothing(Duration.ofMillis(300));
			}
		}
	}

	static void join(WsTestClient client, String room) {
		client.sendText("join " + room);
		assertThat(client.awaitText()).isEqualTo("joined " + room);
	}

	static Stamp stamp(String text) {
		Matcher matcher = STAMPED.matcher(text);
		assertThat(matcher.matches()).as(text).isTrue();
		return new Stamp(matcher.group(1), Long.parseLong(matcher.group(2)), matcher.group(3));
	}

	/**
	 * A stamped message of the test application's {@code post} command.
	 * @param text its text
	 * @param offset its offset in the room's stream
	 * @param epoch the stream's epoch
	 */
	record Stamp(String text, long offset, String epoch) {
	}

}
