package dev.gofr.ws.sample;

import java.net.URI;
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
import dev.gofr.ws.registry.SessionRegistry;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat of the sample, driven by many real clients at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "gofr.ws.endpoints.chat.limits.message-rate=0") // floods on purpose; the rate limit has its own test
class ChatIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	SessionRegistry registry;

	@Autowired
	ClosedConnections closed;

	private final List<WsTestClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(WsTestClient::close);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
	}

	@Test
	void aSayReachesExactlyTheRoomAndABroadcastReachesEveryone() {
		List<WsTestClient> roomA = join("A", 20);
		List<WsTestClient> roomB = join("B", 20);

		roomA.get(0).sendText("{\"type\":\"say\",\"room\":\"A\",\"text\":\"only A\"}");
		for (WsTestClient member : roomA) {
			assertThat(read(member.awaitText())).containsEntry("type", "message")
				.containsEntry("room", "A")
				.containsEntry("from", "A-0")
				.containsEntry("text", "only A");
		}
		roomB.get(0).sendText("{\"type\":\"broadcast\",\"text\":\"everyone\"}");
		for (WsTestClient client : this.clients) {
			Map<String, Object> message = read(client.awaitText());
			assertThat(message).containsEntry("type", "message").containsEntry("text", "everyone").containsEntry("from", "B-0");
			assertThat(message.get("room")).isNull();
			assertThat(message).containsKey("room");
		}
		for (WsTestClient client : this.clients) {
			client.expectNothing(Duration.ofMillis(50)); // once each, and nothing else
		}
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
				Map<String, Object> message = read(member.awaitText(Duration.ofSeconds(30)));
				String[] text = ((String) message.get("text")).split(":", 3);
				int from = Integer.parseInt(text[0]);
				int index = Integer.parseInt(text[1]);
				assertThat(message.get("from")).isEqualTo("room-" + from);
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
			.filter((connection) -> "flood-9".equals(connection.get(ChatHandler.NAME)))
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
				assertThat((String) read(sender.awaitText(Duration.ofSeconds(30))).get("text")).startsWith(String.valueOf(i - window));
			}
			mostQueued.accumulateAndGet(stalledConnection.info().bytesQueued(), Math::max);
		}
		for (int i = says - window; i < says; i++) {
			assertThat((String) read(sender.awaitText(Duration.ofSeconds(30))).get("text")).startsWith(String.valueOf(i));
		}
		for (WsTestClient member : members.subList(1, 9)) {
			for (int i = 0; i < says; i++) {
				assertThat((String) read(member.awaitText(Duration.ofSeconds(30))).get("text"))
					.startsWith(String.valueOf(i));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.closed.statuses().containsKey(stalledConnection.id()));
		assertThat(this.closed.statuses().get(stalledConnection.id()).getCode()).isEqualTo(1013);
		assertThat(mostQueued.get()).as("bytes ever queued for the stalled client").isLessThanOrEqualTo(1024 * 1024 + 2048);
	}

	@Test
	void invalidJsonGetsTheErrorFrameAndTheConnectionGoesOn() {
		WsTestClient client = connect();
		client.sendText("{not json");
		Map<String, Object> error = read(client.awaitText());
		assertThat(error).containsEntry("type", "error").containsEntry("code", "INVALID_PAYLOAD");
		client.sendText("{\"type\":\"teleport\"}");
		assertThat(read(client.awaitText())).containsEntry("code", "INVALID_PAYLOAD");
		client.sendText("{\"type\":\"join\",\"room\":\"after\"}");
		assertThat(read(client.awaitText())).containsEntry("type", "joined").containsEntry("room", "after")
			.containsEntry("members", 1);
		client.sendText("{\"type\":\"leave\",\"room\":\"after\"}");
		assertThat(read(client.awaitText())).containsEntry("type", "left").containsEntry("room", "after");
	}

	@Test
	void aCommandThatBreaksTheSchemaGetsInvalidPayloadNamingTheField() {
		WsTestClient client = connect();
		client.sendText("{\"type\":\"join\"}");
		Map<String, Object> error = read(client.awaitText());
		assertThat(error).containsEntry("code", "INVALID_PAYLOAD");
		assertThat((String) error.get("message")).contains("room");
		client.sendText("{\"type\":\"say\",\"room\":\"r\",\"text\":\"" + "x".repeat(5000) + "\"}");
		assertThat((String) read(client.awaitText()).get("message")).contains("text");
	}

	@Test
	void sayingInARoomNotJoinedIsForbidden() {
		WsTestClient client = connect();
		client.sendText("{\"type\":\"say\",\"room\":\"elsewhere\",\"text\":\"hi\"}");
		assertThat(read(client.awaitText())).containsEntry("code", "FORBIDDEN");
	}

	private List<WsTestClient> join(String room, int count) {
		List<WsTestClient> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			WsTestClient client = connect();
			client.sendText("{\"type\":\"name\",\"name\":\"" + room + "-" + i + "\"}");
			client.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			assertThat(read(client.awaitText())).containsEntry("type", "joined").containsEntry("members", i + 1);
			members.add(client);
		}
		return members;
	}

	private WsTestClient connect() {
		WsTestClient client = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/chat"));
		this.clients.add(client);
		return client;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(String text) {
		JsonNode node = json.readTree(text);
		return json.convertValue(node, Map.class);
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
