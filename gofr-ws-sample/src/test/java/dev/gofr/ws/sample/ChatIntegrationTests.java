package dev.gofr.ws.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.CloseStatus;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat of the sample, driven by many real clients at once.
 */
// floods on purpose; the rate limit has its own test
@GofrWsTest(properties = "gofr.ws.endpoints.chat.limits.message-rate=0")
class ChatIntegrationTests {

	WsClients clients;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	ClosedConnections closed;

	@Autowired
	MeterRegistry meters;

	private final List<WsTestClient> connected = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.close(); // now rather than after this method, so the registry empties before the next test
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
	}

	@Test
	void aSayReachesExactlyTheRoomAndABroadcastReachesEveryone() {
		List<WsTestClient> roomA = join("A", 20);
		List<WsTestClient> roomB = join("B", 20);

		roomA.get(0).sendText("{\"type\":\"say\",\"room\":\"A\",\"text\":\"only A\"}");
		for (WsTestClient member : roomA) {
			member.awaitJson()
				.hasPath("$.type", "message")
				.hasPath("$.room", "A")
				.hasPath("$.from", "A-0")
				.hasPath("$.text", "only A");
		}
		roomB.get(0).sendText("{\"type\":\"broadcast\",\"text\":\"everyone\"}");
		for (WsTestClient client : this.connected) {
			client.awaitJson()
				.hasPath("$.type", "message")
				.hasPath("$.text", "everyone")
				.hasPath("$.from", "B-0")
				.hasPath("$.room", null);
		}
		for (WsTestClient client : this.connected) {
			client.expectNothing(Duration.ofMillis(50)); // once each, and nothing else
		}
	}

	@Test
	void aJoinPastTheRoomLimitGetsLimitExceededAndTheConnectionStaysInItsRooms() {
		WsTestClient alice = connect();
		for (int i = 0; i < 128; i++) {
			alice.sendText("{\"type\":\"join\",\"room\":\"room-" + i + "\"}");
			alice.awaitJson().hasPath("$.type", "joined").hasPath("$.room", "room-" + i);
		}
		double refusedBefore = limitExceeded();
		alice.sendText("{\"type\":\"join\",\"room\":\"room-128\"}");
		alice.awaitJson()
			.hasPath("$.code", WsErrorCode.LIMIT_EXCEEDED.name())
			.hasPathSatisfying("$.message",
					(message) -> assertThat(message).asString().contains("gofr.ws.limits.max-rooms-per-connection"));
		assertThat(limitExceeded()).isEqualTo(refusedBefore + 1);
		alice.sendText("{\"type\":\"say\",\"room\":\"room-127\",\"text\":\"still here\"}");
		alice.awaitJson().hasPath("$.type", "message").hasPath("$.text", "still here");
	}

	private double limitExceeded() {
		Counter counter = this.meters.find("gofr.ws.errors")
			.tag("code", WsErrorCode.LIMIT_EXCEEDED.name())
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void concurrentSaysReachEveryMemberWholeAndInEachSendersOrder() throws Exception {
		List<WsTestClient> members = join("room", 20);
		int senders = 10;
		int says = 100;
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		try {
			List<Future<?>> sending = new ArrayList<>();
			for (int s = 0; s < senders; s++) {
				WsTestClient sender = members.get(s);
				int from = s;
				sending.add(pool.submit(() -> {
					for (int i = 0; i < says; i++) {
						sender.sendText("{\"type\":\"say\",\"room\":\"room\",\"text\":\"" + from + ":" + i + ":"
								+ "é✓".repeat(i % 7) + "\"}");
					}
				}));
			}
			for (Future<?> future : sending) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		for (WsTestClient member : members) {
			int[] next = new int[senders];
			for (int received = 0; received < senders * says; received++) {
				ChatEvent.Message message = member.awaitJson(ChatEvent.Message.class, Duration.ofSeconds(30));
				String[] text = message.text().split(":", 3);
				int from = Integer.parseInt(text[0]);
				int index = Integer.parseInt(text[1]);
				assertThat(message.from()).isEqualTo("room-" + from);
				assertThat(text[2]).isEqualTo("é✓".repeat(index % 7));
				assertThat(index).as("next say of sender %d", from).isEqualTo(next[from]);
				next[from]++;
			}
			assertThat(next).containsOnly(says);
		}
	}

	@Test
	void aStalledClientIsCutOffWhileTheOthersGetEverything() {
		List<WsTestClient> members = join("flood", 10);
		WsTestClient stalled = members.get(9);
		WsConnection stalledConnection = this.registry.connections("chat")
			.stream()
			.filter((connection) -> "flood-9".equals(connection.get(ChatController.NAME)))
			.findFirst()
			.orElseThrow();
		stalled.pauseReading();
		WsTestClient sender = members.get(0);
		String text = "x".repeat(1000);
		int says = 8_000; // 8 MB for the stalled client: past its 1 MB buffer and the socket buffers
		AtomicLong mostQueued = new AtomicLong();
		int window = 50;
		for (int i = 0; i < says; i++) {
			sender.sendText("{\"type\":\"say\",\"room\":\"flood\",\"text\":\"" + i + text + "\"}");
			if (i >= window) {
				// keep the healthy clients' queues short: wait for the sender's own copy of an earlier say
				assertThat(sender.awaitJson(ChatEvent.Message.class, Duration.ofSeconds(30)).text())
					.startsWith(String.valueOf(i - window));
			}
			mostQueued.accumulateAndGet(stalledConnection.info().bytesQueued(), Math::max);
		}
		for (int i = says - window; i < says; i++) {
			assertThat(sender.awaitJson(ChatEvent.Message.class, Duration.ofSeconds(30)).text()).startsWith(String.valueOf(i));
		}
		for (WsTestClient member : members.subList(1, 9)) {
			for (int i = 0; i < says; i++) {
				assertThat(member.awaitJson(ChatEvent.Message.class, Duration.ofSeconds(30)).text())
					.startsWith(String.valueOf(i));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.closed.statuses().containsKey(stalledConnection.id()));
		// 1013 when the close frame could still leave, 1006 when a write stuck in front of it held it back
		CloseStatus recorded = this.closed.statuses().get(stalledConnection.id());
		assertThat(recorded.getReason()).isEqualTo("Send buffer overflow");
		assertThat(recorded.getCode()).isIn(1013, 1006);
		assertThat(stalled.resumeReading().awaitClose(Duration.ofSeconds(30)).code())
			.as("what the stalled client sees once it reads again")
			.isEqualTo(recorded.getCode());
		assertThat(mostQueued.get()).as("bytes ever queued for the stalled client").isLessThanOrEqualTo(1024 * 1024 + 2048);
	}

	@Test
	void invalidJsonGetsTheErrorFrameAndTheConnectionGoesOn() {
		WsTestClient client = connect();
		client.sendText("{not json");
		assertThat(client.awaitMessage()).isError(WsErrorCode.INVALID_PAYLOAD);
		client.sendText("{\"type\":\"teleport\"}");
		assertThat(client.awaitMessage()).isError(WsErrorCode.INVALID_PAYLOAD);
		client.sendText("{\"type\":\"join\",\"room\":\"after\"}");
		client.awaitJson().hasPath("$.type", "joined").hasPath("$.room", "after").hasPath("$.members", 1);
		client.sendText("{\"type\":\"leave\",\"room\":\"after\"}");
		client.awaitJson().hasPath("$.type", "left").hasPath("$.room", "after");
	}

	@Test
	void aCommandThatBreaksTheSchemaGetsInvalidPayloadNamingTheField() {
		WsTestClient client = connect();
		client.sendText("{\"type\":\"join\"}");
		assertThat(client.awaitMessage()).isError(WsErrorCode.INVALID_PAYLOAD)
			.extractingPath("$.message").asString().contains("room");
		client.sendText("{\"type\":\"say\",\"room\":\"r\",\"text\":\"" + "x".repeat(5000) + "\"}");
		client.awaitJson().extractingPath("$.message").asString().contains("text");
	}

	@Test
	void sayingInARoomNotJoinedIsForbidden() {
		WsTestClient client = connect();
		client.sendText("{\"type\":\"say\",\"room\":\"elsewhere\",\"text\":\"hi\"}");
		client.awaitJson().hasPath("$.code", "FORBIDDEN");
	}

	private List<WsTestClient> join(String room, int count) {
		List<WsTestClient> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			WsTestClient client = connect();
			client.sendText("{\"type\":\"name\",\"name\":\"" + room + "-" + i + "\"}");
			client.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			client.awaitJson().hasPath("$.type", "joined").hasPath("$.members", i + 1);
			members.add(client);
		}
		return members;
	}

	private WsTestClient connect() {
		WsTestClient client = this.clients.connect("chat");
		this.connected.add(client);
		return client;
	}

	/**
	 * Records how each connection ended.
	 */
	@org.springframework.boot.test.context.TestConfiguration
	static class ClosedConnectionsConfiguration {

		@org.springframework.context.annotation.Bean
		ClosedConnections closedConnections() {
			return new ClosedConnections();
		}

	}

	static final class ClosedConnections implements dev.gofr.ws.connection.ConnectionListener {

		private final Map<String, CloseStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public void closed(WsConnection connection, CloseStatus status) {
			this.statuses.put(connection.id(), status);
		}

		Map<String, CloseStatus> statuses() {
			return this.statuses;
		}

	}

}
