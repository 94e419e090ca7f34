package dev.gofr.ws.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.OverflowPolicy;
import dev.gofr.ws.send.SendSettings;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Broadcaster}, over connections of a {@link TestNode}.
 */
class BroadcasterTests {

	private final ConnectionRegistry registry = new ConnectionRegistry();

	private final Rooms rooms = new Rooms();

	private final TestNode node = new TestNode(this.registry, this.rooms);

	private final List<BroadcastResult> results = new CopyOnWriteArrayList<>();

	private final Broadcaster broadcaster = new Broadcaster(this.registry, this.rooms, new JacksonPayloadCodec(),
			List.of((audience, result) -> this.results.add(result)));

	private TestSocket chat1;

	private TestSocket chat2;

	private TestSocket chat3;

	private TestSocket echo;

	@BeforeEach
	void connect() {
		this.chat1 = this.node.open("c1", "chat");
		// a send buffer that holds one frame and drops what comes on top
		this.chat2 = this.node.open("c2", this.node.route("chat", new RouteSettings(1024, 1024,
				new SendSettings(1, Duration.ofSeconds(10), OverflowPolicy.DROP_NEWEST), HeartbeatSettings.DEFAULTS)),
				null);
		this.chat3 = this.node.open("c3", "chat");
		this.echo = this.node.open("e1", "echo");
		this.chat1.connection().join("lobby");
		this.chat2.connection().join("lobby");
		this.chat2.connection().join("games");
		this.chat3.connection().join("games");
	}

	@Test
	void toAllReachesEveryConnectionWithOneSharedFrame() {
		BroadcastResult result = this.broadcaster.toAll().send("hello");
		assertThat(result).isEqualTo(new BroadcastResult(4, 4, 0, 0));
		OutboundFrame frame = this.chat1.frames().get(0);
		assertThat(List.of(this.chat2, this.chat3, this.echo))
			.allSatisfy((connection) -> assertThat(connection.frames()).singleElement().isSameAs(frame));
		assertThat(frame.text()).isEqualTo("hello");
		assertThat(this.results).containsExactly(result);
	}

	@Test
	void toRouteReachesOnlyThatRoute() {
		assertThat(this.broadcaster.toRoute("chat").send("hi").targeted()).isEqualTo(3);
		assertThat(this.echo.frames()).isEmpty();
	}

	@Test
	void toRoomReachesItsMembersOnly() {
		assertThat(this.broadcaster.toRoom("lobby").send("hi").queued()).isEqualTo(2);
		assertThat(this.chat1.texts()).containsExactly("hi");
		assertThat(this.chat2.texts()).containsExactly("hi");
		assertThat(this.chat3.frames()).isEmpty();
	}

	@Test
	void toRoomsReachesEachMemberOnce() {
		assertThat(this.broadcaster.toRooms(List.of("lobby", "games")).send("hi").targeted()).isEqualTo(3);
		assertThat(this.chat2.texts()).containsExactly("hi");
	}

	@Test
	void toAMissingRoomReachesNobody() {
		assertThat(this.broadcaster.toRoom("nowhere").send("hi")).isEqualTo(BroadcastResult.NONE);
	}

	@Test
	void toConnectionReachesThatOneOnly() {
		assertThat(this.broadcaster.toConnection("c3").send("psst").queued()).isEqualTo(1);
		assertThat(this.chat3.texts()).containsExactly("psst");
		assertThat(this.broadcaster.toConnection("gone").send("psst").targeted()).isZero();
	}

	@Test
	void exceptLeavesTheSenderOut() {
		this.broadcaster.toRoom("lobby").except(this.chat1.connection()).send("hi");
		assertThat(this.chat1.frames()).isEmpty();
		assertThat(this.chat2.texts()).containsExactly("hi");
	}

	@Test
	void filtersAndMetadataNarrowTheAudience() {
		this.chat1.connection().set("tier", "gold");
		this.chat3.connection().set("tier", "gold");
		assertThat(this.broadcaster.toAll().whereMetadata("tier", "gold").send("vip").targeted()).isEqualTo(2);
		assertThat(this.broadcaster.toAll()
			.whereMetadata("tier", "gold")
			.filter((connection) -> connection.id().equals("c3"))
			.send("only c3")
			.targeted()).isEqualTo(1);
		assertThat(this.chat3.texts()).containsExactly("vip", "only c3");
	}

	@Test
	void resultsCountDropsAndClosedConnections() {
		this.chat2.holdWrites().connection().sendText("stuck"); // the peer reads no more: the buffer is full
		this.chat3.holdClose().connection().close(); // closing, and still registered
		assertThat(this.broadcaster.toRoute("chat").send("hi")).isEqualTo(new BroadcastResult(3, 1, 1, 1));
	}

	@Test
	void payloadsAreEncodedByType() {
		assertThat(this.broadcaster.encode("text").kind()).isEqualTo(OutboundFrame.Kind.TEXT);
		byte[] bytes = { 1, 2 };
		OutboundFrame binary = this.broadcaster.encode(bytes);
		bytes[0] = 9;
		assertThat(binary.kind()).isEqualTo(OutboundFrame.Kind.BINARY);
		assertThat(binary.bytes().get(0)).as("copied, so later changes do not leak").isEqualTo((byte) 1);
		assertThat(this.broadcaster.encode(Map.of("a", 1)).text()).isEqualTo("{\"a\":1}");
		OutboundFrame frame = OutboundFrame.text("ready");
		assertThat(this.broadcaster.encode(frame)).isSameAs(frame);
	}

	@Test
	void aClusterWideBroadcastIsDeliveredHereThenRelayedWithTheSameFrame() {
		List<Audience> relayedAudiences = new CopyOnWriteArrayList<>();
		List<OutboundFrame> relayedFrames = new CopyOnWriteArrayList<>();
		List<Integer> deliveredBefore = new CopyOnWriteArrayList<>();
		Broadcaster clustered = clustered((audience, frame) -> {
			deliveredBefore.add(this.chat1.frames().size());
			relayedAudiences.add(audience);
			relayedFrames.add(frame);
		});
		this.chat1.connection().set("tier", "gold");
		clustered.toRoom("lobby").except(this.chat2.connection()).whereMetadata("tier", "gold").send("hi");
		clustered.toRoom("lobby").send("hello");
		assertThat(deliveredBefore).as("delivered here first").containsExactly(1, 2);
		assertThat(relayedFrames).hasSize(2);
		assertThat(relayedFrames.get(1)).isSameAs(this.chat1.frames().get(1));
		assertThat(this.chat2.texts()).containsExactly("hello");
		Audience first = relayedAudiences.get(0);
		assertThat(first.rooms()).containsExactly("lobby");
		assertThat(first.exceptId()).isEqualTo("c2");
		assertThat(first.metadata()).containsExactly(Map.entry("tier", "gold"));
	}

	@Test
	void filteredBroadcastsAndConnectionsFoundHereAreNotRelayed() {
		List<Audience> relayed = new CopyOnWriteArrayList<>();
		Broadcaster clustered = clustered((audience, frame) -> relayed.add(audience));
		clustered.toAll().filter((connection) -> true).send("local");
		clustered.toAll().whereMetadata("since", java.time.LocalDate.EPOCH).send("not portable, so local");
		clustered.toConnection("c3").send("here");
		assertThat(relayed).isEmpty();
		clustered.toConnection("elsewhere").send("there");
		assertThat(relayed).singleElement().satisfies((audience) -> {
			assertThat(audience.kind()).isEqualTo(Audience.Kind.CONNECTION);
			assertThat(audience.name()).isEqualTo("elsewhere");
		});
	}

	@Test
	void relayedBroadcastsAreDeliveredHereOnlyAndNeverRelayedAgain() {
		List<Audience> relayed = new CopyOnWriteArrayList<>();
		Broadcaster clustered = clustered((audience, frame) -> relayed.add(audience));
		OutboundFrame frame = OutboundFrame.text("from afar");
		BroadcastResult result = clustered.deliverRelayed(
				new Audience(Audience.Kind.ENDPOINT, "chat", List.of(), "c1", Map.of(), null), frame);
		assertThat(result.queued()).isEqualTo(2);
		assertThat(this.chat2.frames()).singleElement().isSameAs(frame);
		assertThat(this.chat1.frames()).isEmpty();
		assertThat(relayed).isEmpty();
	}

	@Test
	void conflictingMetadataValuesReachNobody() {
		this.chat1.connection().set("tier", "gold");
		assertThat(this.broadcaster.toAll().whereMetadata("tier", "gold").whereMetadata("tier", "silver").send("x")
			.targeted()).isZero();
	}

	private Broadcaster clustered(BroadcastRelay relay) {
		return new Broadcaster(this.registry, this.rooms, new JacksonPayloadCodec(), List.of(), relay);
	}

}
