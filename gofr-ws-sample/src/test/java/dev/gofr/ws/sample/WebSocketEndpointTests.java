package dev.gofr.ws.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code websocket} Actuator endpoint of the sample, as an operator uses it.
 */
class WebSocketEndpointTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	abstract static class Base {

		@LocalServerPort
		int port;

		WsClients clients;

		@Autowired
		ConnectionRegistry registry;

		final HttpClient http = HttpClient.newHttpClient();

		@AfterEach
		void closeClients() {
			this.clients.close(); // now, so that the registry empties before the next test
			await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
		}

		HttpResponse<String> send(String method, String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> getJson(String path) throws Exception {
			HttpResponse<String> response = send("GET", path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return json.readValue(response.body(), Map.class);
		}

		WsTestClient chat(String name) {
			WsTestClient client = this.clients.connect("chat");
			client.sendText("{\"type\":\"name\",\"name\":\"" + name + "\"}");
			client.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
			client.awaitText();
			return client;
		}

	}

	@Nested
	@GofrWsTest(properties = "management.endpoint.health.show-components=always")
	class Defaults extends Base {

		@Test
		@SuppressWarnings("unchecked")
		void listsEverySessionWithEveryFieldAndMasksMetadata() throws Exception {
			chat("alice");
			chat("bob");
			chat("carol");
			Map<String, Object> body = getJson("/actuator/websocket");
			Map<String, Object> connections = (Map<String, Object>) body.get("connections");
			assertThat(connections).containsEntry("active", 3);
			assertThat((Map<String, Object>) connections.get("byEndpoint")).containsEntry("chat", 3);
			assertThat((List<Map<String, Object>>) body.get("rooms"))
				.contains(Map.of("name", "lobby", "members", 3));
			List<Map<String, Object>> sessions = (List<Map<String, Object>>) body.get("sessions");
			assertThat(sessions).hasSize(3).allSatisfy((session) -> {
				assertThat(session).containsKeys("id", "endpoint", "state", "remoteAddress", "connectedAt",
						"lastActivity", "subprotocol", "extensions", "rooms", "messagesReceived", "messagesSent",
						"bytesReceived", "bytesSent", "metadata");
				assertThat(session).containsEntry("endpoint", "chat").containsEntry("state", "OPEN");
				assertThat((List<String>) session.get("rooms")).containsExactly("lobby");
				assertThat((Map<String, Object>) session.get("metadata")).containsEntry("name", "******");
			});
			assertThat(body).containsKey("clients");
			List<Map<String, Object>> oldestTwo = (List<Map<String, Object>>) getJson("/actuator/websocket?limit=2")
				.get("sessions");
			assertThat(oldestTwo).hasSize(2);
			assertThat(oldestTwo).extracting((session) -> Instant.parse((String) session.get("connectedAt")))
				.isSorted()
				.allSatisfy((connectedAt) -> assertThat(connectedAt)
					.isBeforeOrEqualTo(Instant.parse((String) sessions.get(2).get("connectedAt"))));
			assertThat((List<?>) getJson("/actuator/websocket?endpoint=echo").get("sessions")).isEmpty();
			assertThat((List<?>) getJson("/actuator/websocket?room=lobby").get("sessions")).hasSize(3);

			String id = (String) sessions.get(0).get("id");
			assertThat(getJson("/actuator/websocket/" + id)).containsEntry("id", id);
			assertThat(send("GET", "/actuator/websocket/no-such-id").statusCode()).isEqualTo(404);
		}

		@Test
		void closingIsRefusedWithoutWriteAccess() throws Exception {
			chat("dave");
			String id = this.registry.connections().iterator().next().id();
			assertThat(send("DELETE", "/actuator/websocket/" + id).statusCode()).isIn(404, 405);
			assertThat(this.registry.find(id)).isPresent();
		}

		@Test
		@SuppressWarnings("unchecked")
		void healthShowsWebSocketsUp() throws Exception {
			chat("erin");
			Map<String, Object> health = getJson("/actuator/health/websocket");
			assertThat(health).containsEntry("status", "UP");
		}

	}

	@Nested
	@GofrWsTest(properties = { "management.endpoint.websocket.access=unrestricted",
					"management.endpoint.websocket.show-values=always",
					"management.endpoint.health.show-details=always" })
	class WriteAccessAndValues extends Base {

		@Test
		@SuppressWarnings("unchecked")
		void metadataIsShownAndAnOperatorCanCloseASessionWith1000() throws Exception {
			WsTestClient frank = chat("frank");
			String id = this.registry.connections().iterator().next().id();
			assertThat((Map<String, Object>) getJson("/actuator/websocket/" + id).get("metadata"))
				.containsEntry("name", "frank");
			assertThat(send("DELETE", "/actuator/websocket/" + id).statusCode()).isEqualTo(200);
			assertThat(frank.awaitClose()).hasCode(1000).hasReason("closed by operator");
		}

	}

}
