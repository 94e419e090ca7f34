package dev.gofr.ws.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.client.ReconnectSettings;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * gofr-ws's reconnecting client against the sample's chat: it notes the last offset of each room
 * it hears ({@link ReconnectingClient#positions()}), joins with it after a drop, and gets what the
 * room said meanwhile, once each, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientRecoveryTests {

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	Broadcaster broadcaster;

	@Test
	void theReconnectingClientResumesItsRoomFromTheLastOffsetItSaw() {
		List<String> received = new CopyOnWriteArrayList<>();
		ReconnectingClient client = ReconnectingClient.builder("chat", URI.create("ws://localhost:" + this.port + "/ws/chat"))
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(50), Duration.ofMillis(200)))
			.heartbeat(HeartbeatSettings.OFF)
			.onConnected((c) -> {
				c.sendJson(Map.of("type", "name", "name", "robot"));
				StreamPosition seen = c.positions().get("lobby");
				c.sendJson((seen != null)
						? Map.of("type", "join", "room", "lobby", "offset", seen.offset(), "epoch", seen.epoch())
						: Map.of("type", "join", "room", "lobby"));
			})
			.onMessage((c, message) -> received.add(message.text()))
			.build();
		client.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch((m) -> m.contains("\"joined\"")));
			this.broadcaster.toRoom("lobby").send(new ChatEvent.Message("lobby", "alice", "before"));
			await().atMost(Duration.ofSeconds(10)).until(() -> client.positions().get("lobby") != null);
			long before = client.positions().get("lobby").offset();

			// closing: what the room says now reaches the client only through recovery
			robot().close(1001, "test");
			for (int i = 1; i <= 3; i++) {
				this.broadcaster.toRoom("lobby").send(new ChatEvent.Message("lobby", "alice", "while away " + i));
			}

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(received).filteredOn((m) -> m.contains("while away"))
					.extracting((m) -> m.replaceAll(".*\"text\":\"(while away \\d)\".*", "$1"))
					.containsExactly("while away 1", "while away 2", "while away 3"));
			assertThat(received).anyMatch((m) -> m.contains("\"recovered\":true"));
			assertThat(client.positions().get("lobby").offset()).isEqualTo(before + 3);
		}
		finally {
			client.stop();
		}
	}

	private WsConnection robot() {
		return this.registry.connections("chat")
			.stream()
			.filter((connection) -> "robot".equals(connection.get(ChatController.NAME)))
			.findFirst()
			.orElseThrow();
	}

}
