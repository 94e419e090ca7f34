package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.autoconfigure.integration.ChaosConfiguration.Blocker;
import dev.gofr.ws.autoconfigure.integration.ChaosConfiguration.Endings;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.ConnectionInfo;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.test.WsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that vanish, reset, stop reading in a flood, and handlers that block or blow their
 * stack. In every case a healthy client echoes throughout, the harmed connections end with their
 * documented close code, and afterwards the registry, the active-connections gauge and the rooms
 * are back to exactly what they were, with the heap, threads and file descriptors within stated
 * bounds of where they started.
 */
@EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gofr.ws.endpoints.hasty.heartbeat.ping-interval=200ms",
				"gofr.ws.endpoints.hasty.heartbeat.pong-wait=1s", "gofr.ws.send.buffer-limit=256KB" })
@Import(ChaosConfiguration.class)
class ChaosIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** How long the server may keep the socket of a peer that never answers its close frame. */
	private static final Duration TCP_CLOSE_WAIT = Duration.ofSeconds(75);

	/** Heap growth allowed between the start and the end of a test, after a full GC. */
	private static final long HEAP_MB = 32;

	/** Thread growth allowed: Tomcat's worker pool may grow under the load of a test. */
	private static final int THREADS = 25;

	/** File descriptor growth allowed. */
	private static final int FDS = 10;

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	Rooms rooms;

	@Autowired
	Broadcaster broadcaster;

	@Autowired
	Endings endings;

	@Autowired
	Blocker blocker;

	@Autowired
	MeterRegistry meters;

	private Canary canary;

	private Footprint before;

	private URI uri(String path) {
		return URI.create("ws://localhost:" + this.port + path);
	}

	@BeforeEach
	void startCanary() {
		await().atMost(WAIT).until(() -> this.registry.count() == 0);
		this.canary = Canary.start(uri("/ws/echo"));
		await().atMost(WAIT).until(() -> this.registry.count() == 1);
		this.before = Footprint.now();
	}

	@AfterEach
	void everythingIsBackWhereItWas() throws InterruptedException {
		try {
			this.canary.assertHealthy(1);
			await().atMost(WAIT).until(() -> this.registry.count() == 1);
			assertThat(this.rooms.size()).as("rooms").isZero();
			for (String endpoint : List.of("echo", "hasty", "room", "blocking")) {
				assertThat(this.meters.get("gofr.ws.connections.active").tag("endpoint", endpoint).gauge().value())
					.as("gofr.ws.connections.active of %s", endpoint)
					.isEqualTo(endpoint.equals("echo") ? 1 : 0);
			}
			Footprint.awaitWithin(this.before, HEAP_MB, THREADS, FDS, WAIT);
		}
		finally {
			this.canary.close();
		}
	}

	private Set<String> idsOf(String endpoint) {
		Set<String> ids = new HashSet<>();
		this.registry.connections(endpoint).forEach((connection) -> ids.add(connection.id()));
		return ids;
	}

	@Test
	void halfOpenClientsThatNeverCloseAreReapedWith4408AndTheirSocketsFreed() {
		RawWebSocket reading = RawWebSocket.connect(this.port, "/ws/hasty");
		RawWebSocket dead = RawWebSocket.connect(this.port, "/ws/hasty"); // neither reads nor writes, sends no FIN
		try {
			await().atMost(WAIT).until(() -> this.registry.count("hasty") == 2);
			Set<String> ids = idsOf("hasty");
			assertThat(reading.awaitCloseCode(WAIT)).as("close code on the wire").isEqualTo(4408);
			long closeFrameAt = System.nanoTime();
			await().atMost(WAIT).until(() -> this.registry.count("hasty") == 0);
			assertThat(ids).allSatisfy((id) -> assertThat(this.endings.codes()).containsEntry(id, 4408));
			// the peer never answers the close frame: Tomcat drops the socket after its session close timeout (30 s)
			assertThat(reading.endsWithin(TCP_CLOSE_WAIT)).as("the server closed the TCP connection of the reaped peer").isTrue();
			System.out.printf("Half-open peer: TCP connection closed %d s after the 4408 close frame%n",
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - closeFrameAt));
		}
		finally {
			reading.close();
			dead.close();
		}
	}

	@Test
	void clientsThatResetTheirConnectionAreRemovedWith1006() {
		List<RawWebSocket> clients = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			RawWebSocket client = RawWebSocket.connect(this.port, "/ws/room");
			client.sendText("join reset");
			assertThat(client.read(WAIT).text()).isEqualTo("joined reset");
			clients.add(client);
		}
		Set<String> ids = idsOf("room");
		assertThat(ids).hasSize(20);
		assertThat(this.rooms.count("reset")).isEqualTo(20);
		clients.forEach(RawWebSocket::reset);
		await().atMost(WAIT).until(() -> this.registry.count("room") == 0);
		assertThat(ids).allSatisfy((id) -> assertThat(this.endings.codes()).containsEntry(id, 1006));
		assertThat(this.rooms.count("reset")).isZero();
	}

	@Test
	void clientsThatStopReadingDuringABroadcastFloodAreCutOffWith1013AndTheRestGetEverything() {
		List<WsTestClient> readers = new ArrayList<>();
		List<RawWebSocket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 8; i++) {
				WsTestClient reader = WsTestClient.connect(uri("/ws/room"), Map.of(), WAIT);
				reader.sendText("join flood");
				assertThat(reader.awaitText()).isEqualTo("joined flood");
				readers.add(reader);
			}
			Set<String> readerIds = idsOf("room");
			for (int i = 0; i < 4; i++) {
				stalled.add(RawWebSocket.stalledMember(this.port, "flood", WAIT)); // reads nothing more until the end
			}
			Set<String> stalledIds = idsOf("room");
			stalledIds.removeAll(readerIds);
			String body = "x".repeat(1000);
			int messages = 4_000; // 4 MB to each member: past a stalled one's 256 KB buffer and its socket buffers
			int batch = 100; // 100 KB: a reader that reads each batch never nears its buffer limit
			for (int sent = 0; sent < messages; sent += batch) {
				for (int i = sent; i < sent + batch; i++) {
					this.broadcaster.toRoom("flood").send(i + ":" + body);
				}
				for (WsTestClient reader : readers) {
					for (int i = sent; i < sent + batch; i++) {
						assertThat(reader.awaitText(WAIT)).startsWith(i + ":");
					}
				}
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.endings.codes().keySet())
				.as("ended, of the stalled %s; still registered: %s", stalledIds, describe(stalledIds))
				.containsAll(stalledIds));
			assertThat(stalledIds).hasSize(4);
			// 1013 when the close frame could still leave, 1006 when a write stuck in front of it held it back
			List<Integer> recorded = new ArrayList<>();
			for (String id : stalledIds) {
				CloseStatus status = this.endings.statuses().get(id);
				assertThat(status.getReason()).as("why %s was closed", id).isIn("Send buffer overflow", "Send timeout");
				recorded.add(status.getCode());
			}
			List<Integer> seen = new ArrayList<>();
			for (RawWebSocket member : stalled) {
				RawWebSocket.Ending ending = member.endingSeen(WAIT);
				seen.add(ending.code());
				if (ending.code() == 1006) {
					// the close frame could not leave: the connection was reset, so the kernel dropped
					// the megabytes this member never read instead of keeping them for it
					assertThat(ending.reset()).as("a stalled member's end without a close frame is a reset: %s", ending)
						.isTrue();
					assertThat(ending.bytes()).as("bytes a stalled member reads after its cut-off").isLessThan(1024 * 1024);
				}
			}
			System.out.println("Stalled in a flood: the server recorded " + recorded + ", the clients saw " + seen);
			assertThat(recorded).as("what the server recorded, against what the clients saw")
				.containsExactlyInAnyOrderElementsOf(seen)
				.isSubsetOf(1013, 1006);
			assertThat(this.rooms.count("flood")).isEqualTo(8);
		}
		finally {
			readers.forEach(WsTestClient::close);
			stalled.forEach(RawWebSocket::close);
		}
		await().atMost(WAIT).until(() -> this.registry.count("room") == 0);
	}

	private List<String> describe(Set<String> ids) {
		List<String> described = new ArrayList<>();
		this.registry.connections("room").forEach((connection) -> {
			if (ids.contains(connection.id())) {
				ConnectionInfo info = connection.info();
				described.add(connection.id() + " " + info.state() + ", " + info.bytesQueued() + " bytes queued, "
						+ info.messagesSent() + " sent");
			}
		});
		return described;
	}

	@Test
	void aHandlerThatBlocksHoldsUpOnlyItsOwnConnection() throws InterruptedException {
		this.blocker.reset();
		List<WsTestClient> others = new ArrayList<>();
		try (WsTestClient blocked = WsTestClient.connect(uri("/ws/blocking"), Map.of(), WAIT)) {
			blocked.sendText("block");
			assertThat(this.blocker.awaitEntered(WAIT)).isTrue();
			blocked.sendText("queued behind the blocked one");
			for (int i = 0; i < 20; i++) {
				WsTestClient other = WsTestClient.connect(uri("/ws/blocking"), Map.of(), WAIT);
				others.add(other);
				other.sendText("free " + i);
				assertThat(other.awaitText()).isEqualTo("free " + i);
			}
			blocked.expectNothing(Duration.ofMillis(300));
			this.blocker.release();
			assertThat(blocked.awaitText(WAIT)).isEqualTo("released");
			assertThat(blocked.awaitText(WAIT)).isEqualTo("queued behind the blocked one");
		}
		finally {
			this.blocker.release();
			others.forEach(WsTestClient::close);
		}
		await().atMost(WAIT).until(() -> this.registry.count("blocking") == 0);
	}

	@Test
	void aHandlerThatOverflowsItsStackGetsInternalAndTheConnectionGoesOn() {
		try (WsTestClient client = WsTestClient.connect(uri("/ws/blocking"), Map.of(), WAIT)) {
			for (int i = 0; i < 3; i++) {
				client.sendText("overflow");
				assertThat(client.awaitText(WAIT))
					.isEqualTo("{\"type\":\"error\",\"code\":\"INTERNAL\",\"message\":\"Internal error\"}");
				client.sendText("after " + i);
				assertThat(client.awaitText(WAIT)).isEqualTo("after " + i);
			}
			assertThat(this.registry.connections("blocking")).extracting(WsConnection::isOpen).containsExactly(true);
		}
		await().atMost(WAIT).until(() -> this.registry.count("blocking") == 0);
	}

}
