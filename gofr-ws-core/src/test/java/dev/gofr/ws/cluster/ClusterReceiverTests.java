package dev.gofr.ws.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterReceiverTests {

	private final ConnectionRegistry registry = new ConnectionRegistry();

	private final Rooms rooms = new Rooms();

	private final TestNode node = new TestNode(this.registry, this.rooms);

	private final ClusterNodes nodes = new ClusterNodes("self", this.registry::count, Duration.ofSeconds(15));

	private final ClusterReceiver receiver = new ClusterReceiver(
			new Broadcaster(this.registry, this.rooms, new JacksonPayloadCodec(), List.of(),
					(audience, frame) -> {
						throw new AssertionError("relayed again");
					}),
			this.nodes);

	@Test
	void aRelayedBroadcastIsDeliveredWithOneSharedFrame() {
		TestSocket one = add("c1");
		TestSocket two = add("c2");
		one.connection().join("lobby");
		two.connection().join("lobby");
		Audience lobby = new Audience(Audience.Kind.ROOMS, "", List.of("lobby"), null, null);
		this.receiver.receive(ClusterCodec.envelope("other",
				List.of(ClusterCodec.relayed(lobby, OutboundFrame.text("hi")), ClusterCodec.heartbeat(7))));
		assertThat(one.texts()).containsExactly("hi");
		assertThat(two.frames()).singleElement().isSameAs(one.frames().get(0));
		assertThat(this.receiver.received()).isEqualTo(1);
		assertThat(this.nodes.live()).extracting(ClusterNode::id).containsExactly("self", "other");
	}

	@Test
	void itsOwnEnvelopesAreIgnored() {
		TestSocket one = add("c1");
		this.receiver.receive(ClusterCodec.envelope("self", List.of(ClusterCodec
			.relayed(new Audience(Audience.Kind.ALL, "", List.of(), null, null), OutboundFrame.text("echo")))));
		assertThat(one.frames()).isEmpty();
		assertThat(this.receiver.received()).isZero();
	}

	@Test
	void aFarewellDropsTheNodeAndStrangeBytesAreCounted() {
		this.receiver.receive(ClusterCodec.envelope("other", List.of(ClusterCodec.heartbeat(1))));
		this.receiver.receive(ClusterCodec.envelope("other", List.of(ClusterCodec.leaving())));
		assertThat(this.nodes.live()).hasSize(1);
		this.receiver.receive("not for us".getBytes(StandardCharsets.UTF_8));
		assertThat(this.receiver.malformed()).isEqualTo(1);
	}

	private TestSocket add(String id) {
		return this.node.open(id, "chat");
	}

}
