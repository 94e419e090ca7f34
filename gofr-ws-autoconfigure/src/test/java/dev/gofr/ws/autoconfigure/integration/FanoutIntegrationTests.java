package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasts go through the writer threads, which gather the frames that pile up for a
 * connection into few socket writes and, on Tomcat, complete those writes on their own thread.
 * Whatever is gathered, every connection gets every frame, in the order each sender sent them; a
 * member that stops reading is cut off while the others get everything; a close leaves after the
 * frames queued before it; and a handler that broadcasts on every message it receives neither
 * recurses nor deadlocks.
 */
@GofrWsTest(classes = TestApplication.class,
		properties = { "gofr.ws.send.buffer-limit=256KB", "gofr.ws.send.timeout=30s" })
@Import(ChaosConfiguration.class)
class FanoutIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	WsClients clients;

	@Autowired
	Broadcaster broadcaster;

	@Autowired
	ConnectionRegistry registry;

	private final ExecutorService senders = Executors.newFixedThreadPool(4);

	@AfterEach
	void stopSenders() {
		this.senders.shutdownNow();
	}

	private List<WsTestClient> members(String room, int count) {
		List<WsTestClient> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			WsTestClient member = this.clients.connect("room");
			member.sendText("join " + room);
			assertThat(member.awaitText()).isEqualTo("joined " + room);
			members.add(member);
		}
		return members;
	}

	/** Each message is {@code <sender>:<sequence>}; per sender the sequence must climb by one. */
	private static void assertCompleteAndInOrder(WsTestClient member, int senders, int perSender) {
		int[] next = new int[senders];
		for (int i = 0; i < senders * perSender; i++) {
			String text = member.awaitText(WAIT);
			String[] parts = text.split(":");
			int sender = Integer.parseInt(parts[0]);
			assertThat(Integer.parseInt(parts[1])).as("message %d from sender %d", next[sender], sender)
				.isEqualTo(next[sender]);
			next[sender]++;
		}
		assertThat(next).containsOnly(perSender);
	}

	@Test
	void burstsOfBroadcastsFromSeveralThreadsArriveCompleteAndInOrderOnEveryConnection() throws Exception {
		List<WsTestClient> members = members("burst", 12);
		int senders = 4;
		int perSender = 500;
		List<Future<?>> sending = new ArrayList<>();
		for (int sender = 0; sender < senders; sender++) {
			int id = sender;
			sending.add(this.senders.submit(() -> {
				for (int i = 0; i < perSender; i++) {
					this.broadcaster.toRoom("burst").send(id + ":" + i);
				}
			}));
		}
		for (Future<?> future : sending) {
			future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		for (WsTestClient member : members) {
			assertCompleteAndInOrder(member, senders, perSender);
		}
	}

	@Test
	void aHandlerThatBroadcastsOnEveryMessageNeitherRecursesNorDeadlocks() {
		List<WsTestClient> members = members("chat", 20);
		int perSender = 50;
		for (int i = 0; i < perSender; i++) {
			for (int sender = 0; sender < members.size(); sender++) {
				members.get(sender).sendText("say chat " + sender + ":" + i);
			}
		}
		for (WsTestClient member : members) {
			assertCompleteAndInOrder(member, members.size(), perSender);
		}
		WsTestClient late = this.clients.connect("room");
		late.sendText("ping?");
		assertThat(late.awaitText()).isEqualTo("ping?");
	}

	@Test
	void aMemberThatStopsReadingIsCutOffWhileTheOthersGetEveryBroadcast() {
		int before = TestApplication.CLOSED.size();
		List<WsTestClient> healthy = members("stall", 4);
		try (RawWebSocket stalled = RawWebSocket.stalledMember(this.clients.uri("room").getPort(), "stall", WAIT)) {
			String big = "x".repeat(16 * 1024);
			int count = 400; // 6.4 MB: more than the stalled member's socket buffers and its 256 KB queue
			for (int i = 0; i < count; i++) {
				this.broadcaster.toRoom("stall").send("0:" + i + ":" + big);
				for (WsTestClient member : healthy) { // the healthy keep up, as readers do
					assertThat(member.awaitText(WAIT)).startsWith("0:" + i + ":");
				}
			}
			CloseStatus recorded = TestApplication.awaitClosed(before, "Send buffer overflow", WAIT);
			// 1013 when the close frame could still leave, 1006 when a write stuck in front of it held it back
			assertThat(recorded.getCode()).isIn(1013, 1006);
			assertThat(stalled.closeCodeSeen(WAIT)).as("what the member saw").isEqualTo(recorded.getCode());
		}
		for (WsTestClient member : healthy) {
			member.sendText("still here?");
			assertThat(member.awaitText(WAIT)).isEqualTo("still here?");
		}
	}

	@Test
	void theCloseFrameLeavesAfterTheBroadcastsQueuedBeforeIt() {
		List<WsTestClient> members = members("closing", 6);
		await().atMost(WAIT).until(() -> this.registry.count("room") == members.size());
		int count = 2_000;
		for (int i = 0; i < count; i++) {
			this.broadcaster.toRoom("closing").send("0:" + i);
		}
		for (WsConnection connection : this.registry.connections("room")) {
			connection.close(4000, "after the broadcasts");
		}
		for (WsTestClient member : members) {
			assertCompleteAndInOrder(member, 1, count);
			assertThat(member.awaitClose(WAIT).code()).isEqualTo(4000);
		}
	}

}
