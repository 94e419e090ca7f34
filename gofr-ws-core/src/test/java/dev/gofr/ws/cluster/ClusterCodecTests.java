package dev.gofr.ws.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.send.OutboundFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterCodecTests {

	@Test
	void aRelayedBroadcastKeepsItsAudienceAndPayload() {
		UUID tenant = UUID.randomUUID();
		Map<String, Object> metadata = Map.of("team", "blue", "level", 3, "vip", true, "score", 7L, "ratio", 0.5,
				"tenant", tenant, "kind", OutboundFrame.Kind.PING);
		Audience audience = new Audience(Audience.Kind.ROOMS, "", List.of("lobby", "ré✓"), "c1", metadata, null);
		OutboundFrame frame = OutboundFrame.text("héllo ✓");
		byte[] envelope = ClusterCodec.envelope("node-1", List.of(ClusterCodec.relayed(audience, frame)));

		assertThat(ClusterCodec.origin(envelope)).isEqualTo("node-1");
		ClusterMessage.Relayed relayed = (ClusterMessage.Relayed) ClusterCodec.messages(envelope).get(0);
		assertThat(relayed.audience()).isEqualTo(audience);
		assertThat(relayed.frame().kind()).isEqualTo(OutboundFrame.Kind.TEXT);
		assertThat(relayed.frame().text()).isEqualTo("héllo ✓");
		assertThat(relayed.frame().utf8()).isEqualTo(frame.utf8());
	}

	@Test
	void everyFrameKindTravels() {
		List<OutboundFrame> frames = List.of(OutboundFrame.binary(new byte[] { 1, 2, 3 }),
				OutboundFrame.ping(new byte[] { 4 }), OutboundFrame.pong(new byte[0]), OutboundFrame.close(4000, "bye"));
		Audience audience = new Audience(Audience.Kind.CONNECTION, "abc", List.of(), null, null);
		List<byte[]> messages = frames.stream().map((frame) -> ClusterCodec.relayed(audience, frame)).toList();
		List<ClusterMessage> decoded = ClusterCodec.messages(ClusterCodec.envelope("n", messages));
		assertThat(decoded).hasSize(4).allSatisfy((message) -> assertThat(((ClusterMessage.Relayed) message).audience())
			.isEqualTo(audience));
		for (int i = 0; i < frames.size(); i++) {
			OutboundFrame sent = frames.get(i);
			OutboundFrame received = ((ClusterMessage.Relayed) decoded.get(i)).frame();
			assertThat(received.kind()).isEqualTo(sent.kind());
			assertThat(received.bytes()).isEqualTo(sent.bytes());
			assertThat(received.text()).isEqualTo(sent.text());
			assertThat(received.closeCode()).isEqualTo(sent.closeCode());
		}
	}

	@Test
	void heartbeatsAndFarewellsShareAnEnvelopeWithBroadcasts() {
		byte[] envelope = ClusterCodec.envelope("node-2", List.of(ClusterCodec.heartbeat(42),
				ClusterCodec.relayed(new Audience(Audience.Kind.ALL, "", List.of(), null, null), OutboundFrame.text("x")),
				ClusterCodec.leaving()));
		List<ClusterMessage> messages = ClusterCodec.messages(envelope);
		assertThat(messages.get(0)).isEqualTo(new ClusterMessage.Heartbeat(42));
		assertThat(messages.get(1)).isInstanceOf(ClusterMessage.Relayed.class);
		assertThat(messages.get(2)).isEqualTo(new ClusterMessage.Leaving());
	}

	@Test
	void anEnumConstantThisNodeDoesNotKnowMatchesNothing() {
		Audience audience = new Audience(Audience.Kind.ALL, "", List.of(), null, Map.of("kind", OutboundFrame.Kind.TEXT),
				null);
		byte[] message = ClusterCodec.relayed(audience, OutboundFrame.text("x"));
		String known = OutboundFrame.Kind.class.getName();
		byte[] renamed = new String(message, StandardCharsets.ISO_8859_1)
			.replace(known, known.replace("OutboundFrame", "OutboundFramX"))
			.getBytes(StandardCharsets.ISO_8859_1);
		ClusterMessage.Relayed relayed = (ClusterMessage.Relayed) ClusterCodec.messages(ClusterCodec.envelope("n", List.of(renamed))).get(0);
		assertThat(relayed.audience().metadata().get("kind")).isNotEqualTo(OutboundFrame.Kind.TEXT).isNotNull();
	}

	@Test
	void eachMessageOfAnEnvelopeKeepsItsOwnAudienceWhenItsNeighboursShareTheirs() {
		Audience lobby = new Audience(Audience.Kind.ROOMS, "", List.of("lobby"), null, null);
		Audience lobbyX = new Audience(Audience.Kind.ROOMS, "", List.of("lobbyX"), null, null);
		Audience lobbyExcept = new Audience(Audience.Kind.ROOMS, "", List.of("lobby"), "c1", null);
		Audience lobbyBlue = new Audience(Audience.Kind.ROOMS, "", List.of("lobby"), null, Map.of("team", "blue"), null);
		Audience endpoint = new Audience(Audience.Kind.ENDPOINT, "lobby", List.of(), null, null);
		List<Audience> sent = List.of(lobby, lobby, lobbyX, lobby, lobbyExcept, lobbyExcept, lobbyBlue, endpoint, lobby);
		List<byte[]> messages = new java.util.ArrayList<>();
		for (int i = 0; i < sent.size(); i++) {
			messages.add(ClusterCodec.relayed(sent.get(i), OutboundFrame.text("m" + i)));
		}
		messages.add(3, ClusterCodec.heartbeat(7));
		List<ClusterMessage> decoded = ClusterCodec.messages(ClusterCodec.envelope("n", messages));
		assertThat(decoded.remove(3)).isEqualTo(new ClusterMessage.Heartbeat(7));
		for (int i = 0; i < sent.size(); i++) {
			ClusterMessage.Relayed relayed = (ClusterMessage.Relayed) decoded.get(i);
			assertThat(relayed.audience()).as("message %d", i).isEqualTo(sent.get(i));
			assertThat(relayed.frame().text()).isEqualTo("m" + i);
		}
	}

	@Test
	void theBytesOfARelayedBroadcastAreThoseEveryNodeOfThisVersionReads() {
		byte[] message = ClusterCodec.relayed(new Audience(Audience.Kind.ROOMS, "", List.of("lobby"), "c1", null),
				OutboundFrame.text("hi"));
		assertThat(java.util.HexFormat.of().formatHex(message)).isEqualTo("01" + "02" + "00000000" + "00000001"
				+ "00000005" + "6c6f626279" + "00000002" + "6331" + "00000000" + "00" + "00000000" + "00000002" + "6869");
	}

	@Test
	void bytesThatAreNotAnEnvelopeAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterCodec.origin("hello".getBytes(StandardCharsets.UTF_8)));
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterCodec.messages(new byte[] { ClusterCodec.VERSION, 0, 0 }));
	}

}
