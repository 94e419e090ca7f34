package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gofr.ws.autoconfigure.integration.ChaosConfiguration.Endings;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bursts of frames on Jetty, where a frame with more queued behind it goes to Jetty's flusher in
 * batch mode, to be gathered with the frames after it into fewer socket writes: broadcasts and
 * sends queued all at once arrive whole and in order on every connection, text shared by a
 * broadcast intact (multi-byte UTF-8 too), with frames too large for Jetty to gather and binary
 * frames among them; and a client that stops reading is still cut off while the others get
 * everything. This class runs in its own Surefire execution with Tomcat off the class path.
 */
@GofrWsTest(classes = TestApplication.class, properties = "gofr.ws.send.buffer-limit=512KB")
@Import(ChaosConfiguration.class)
class FrameBurstJettyTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Jetty's output buffer, in bytes: it gathers frames shorter than a quarter of it. */
	private static final int JETTY_OUTPUT_BUFFER = 4096;

	WsClients clients;

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	Broadcaster broadcaster;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	Rooms rooms;

	@Autowired
	Endings endings;

	@Test
	void aBurstOfBroadcastsArrivesWholeAndInOrderOnEveryConnection() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith("Jetty");
		List<WsTestClient> members = Bursts.join(this.clients, "burst", 6, WAIT);
		List<Object> payloads = new ArrayList<>();
		for (int i = 0; i < 1_500; i++) {
			if (i % 50 == 7) {
				payloads.add(i + ":" + "€".repeat(2_000)); // 6 KB of UTF-8: more than Jetty's whole buffer
			}
			else if (i % 50 == 21) {
				payloads.add(i + ":" + "x".repeat(JETTY_OUTPUT_BUFFER / 4)); // just too large to gather
			}
			else if (i % 3 == 0) {
				payloads.add(Bursts.binary(i, (i % 30 == 3) ? 2_000 : 200));
			}
			else {
				payloads.add(i + ":héllo wörld ✓ 🚀 " + "ü".repeat(i % 40));
			}
		}
		payloads.forEach((payload) -> this.broadcaster.toRoom("burst").send(payload)); // all queued at once

		for (WsTestClient member : members) {
			Bursts.assertReceivedInOrder(member, payloads, WAIT);
		}
	}

	@Test
	void burstsOfSendsToSeveralConnectionsArriveWholeAndInOrderOnEach() {
		List<WsTestClient> flooded = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			flooded.add(this.clients.connect("flood"));
		}
		flooded.forEach((client) -> client.sendText("flood 5000"));
		for (WsTestClient client : flooded) {
			for (int i = 0; i < 5_000; i++) {
				assertThat(client.awaitText(WAIT)).isEqualTo("m" + i);
			}
			client.expectNothing(Duration.ofMillis(200));
		}
	}

	@Test
	void clientsThatStopReadingDuringABurstAreCutOffAndTheOthersGetEverything() {
		List<WsTestClient> readers = Bursts.join(this.clients, "stall", 4, WAIT);
		Set<String> readerIds = idsOf("room");
		List<RawWebSocket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				stalled.add(RawWebSocket.stalledMember(this.port, "stall", WAIT)); // reads nothing more until the end
			}
			Set<String> stalledIds = idsOf("room");
			stalledIds.removeAll(readerIds);
			String body = "ä".repeat(500);
			int messages = 8_000; // 4 MB of text to each member: past a stalled one's 512 KB buffer and its socket buffers
			int batch = 200; // 100 KB: a reader that reads each batch never nears its buffer limit
			for (int sent = 0; sent < messages; sent += batch) {
				for (int i = sent; i < sent + batch; i++) {
					this.broadcaster.toRoom("stall").send(i + ":" + body);
				}
				for (WsTestClient reader : readers) {
					for (int i = sent; i < sent + batch; i++) {
						assertThat(reader.awaitText(WAIT)).isEqualTo(i + ":" + body);
					}
				}
			}
			await().atMost(WAIT).until(() -> this.endings.codes().keySet().containsAll(stalledIds));
			assertThat(stalledIds).hasSize(2);
			List<Integer> recorded = new ArrayList<>();
			for (String id : stalledIds) {
				CloseStatus status = this.endings.statuses().get(id);
				assertThat(status.getReason()).as("why %s was closed", id).isIn("Send buffer overflow", "Send timeout");
				recorded.add(status.getCode());
			}
			List<Integer> seen = new ArrayList<>();
			for (RawWebSocket member : stalled) {
				seen.add(member.closeCodeSeen(WAIT));
			}
			// 1013 when the close frame could still leave, 1006 when a write stuck in front of it held it back
			assertThat(recorded).as("what the server recorded, against what the clients saw")
				.containsExactlyInAnyOrderElementsOf(seen)
				.isSubsetOf(1013, 1006);
			assertThat(this.rooms.count("stall")).isEqualTo(4);
			for (WsTestClient reader : readers) {
				reader.sendText("still here");
				assertThat(reader.awaitText(WAIT)).isEqualTo("still here");
			}
		}
		finally {
			stalled.forEach(RawWebSocket::close);
		}
	}


	private Set<String> idsOf(String endpoint) {
		Set<String> ids = new HashSet<>();
		this.registry.connections(endpoint).forEach((connection) -> ids.add(connection.id()));
		return ids;
	}

}
