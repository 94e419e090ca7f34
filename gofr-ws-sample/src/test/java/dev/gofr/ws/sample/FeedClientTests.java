package dev.gofr.ws.sample;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.client.ClientState;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClients;
import dev.gofr.ws.test.WsTestClient;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code feed} client: pointed at an upstream server (Java-WebSocket's, standing in
 * for a price feed), it relays every text to the room {@code feed}, and comes back when the
 * upstream restarts.
 */
class FeedClientTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "gofr.ws.clients.feed.reconnect.initial-delay=100ms",
					"gofr.ws.clients.feed.reconnect.max-delay=500ms" })
	class WithUpstream {

		private static Upstream upstream = Upstream.start(0);

		@LocalServerPort
		int port;

		@Autowired
		ReconnectingClients clients;

		@DynamicPropertySource
		static void feedUrl(DynamicPropertyRegistry registry) {
			registry.add("gofr.ws.clients.feed.url", () -> "ws://127.0.0.1:" + upstream.getPort() + "/prices");
		}

		@AfterAll
		static void stopUpstream() {
			upstream.stopNow();
		}

		@Test
		void relaysEveryUpstreamTextToTheRoomFeedAndComesBackAfterARestart() throws Exception {
			ReconnectingClient feed = this.clients.get("feed");
			await().atMost(WAIT).until(feed::isOpen);
			try (WsTestClient alice = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/chat"))) {
				alice.sendText("{\"type\":\"join\",\"room\":\"feed\"}");
				assertThat(alice.awaitText()).contains("\"joined\"");
				upstream.broadcast("EURUSD 1.0842");
				// the room keeps a history, as every chat room of the sample: the message also carries its place
				ObjectNode message = (ObjectNode) json.readTree(alice.awaitText());
				assertThat(message.get("offset").isNumber()).isTrue();
				assertThat(message.remove(List.of("offset", "epoch"))).isEqualTo(json.readTree(
						"{\"type\":\"message\",\"room\":\"feed\",\"from\":\"feed\",\"text\":\"EURUSD 1.0842\"}"));
				Map<String, Object> client = feedEntry();
				assertThat(client).containsOnlyKeys("name", "url", "state", "attempts", "connectedAt", "lastError",
						"reconnects", "buffered", "rejected", "retryAfterWaits", "oversizedMessages")
					.containsEntry("name", "feed")
					.containsEntry("url", "ws://127.0.0.1:" + upstream.getPort() + "/prices")
					.containsEntry("state", "OPEN")
					.containsEntry("attempts", 1);
				assertThat(client.get("connectedAt")).isNotNull();
				assertThat(get("/actuator/metrics/gofr.ws.client.state?tag=client:feed")).contains("\"value\":1.0");

				int port = upstream.getPort();
				upstream.stopNow();
				await().atMost(WAIT).until(() -> feed.state() == ClientState.RECONNECTING);
				assertThat(feedEntry()).containsEntry("state", "RECONNECTING").containsEntry("connectedAt", null);
				assertThat(feedEntry().get("lastError")).isNotNull();
				assertThat(get("/actuator/metrics/gofr.ws.client.state?tag=client:feed")).contains("\"value\":0.0");

				upstream = Upstream.start(port);
				await().atMost(WAIT).until(feed::isOpen);
				upstream.broadcast("EURUSD 1.0843");
				assertThat(json.readTree(alice.awaitText()).get("text").asString()).isEqualTo("EURUSD 1.0843");
				assertThat(get("/actuator/prometheus")).contains("gofr_ws_client_state{client=\"feed\"} 1.0")
					.contains("gofr_ws_client_reconnects_total{client=\"feed\"} 1.0");
			}
		}

		@SuppressWarnings("unchecked")
		private Map<String, Object> feedEntry() throws Exception {
			Map<String, Object> body = json.readValue(get("/actuator/websocket"), Map.class);
			List<Map<String, Object>> clients = (List<Map<String, Object>>) body.get("clients");
			assertThat(clients).hasSize(1);
			return clients.get(0);
		}

		private String get(String path) throws Exception {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}

	}

	@Nested
	@SpringBootTest
	class WithoutUrl {

		@Autowired
		ApplicationContext context;

		@Test
		void thereIsNoFeedClient() {
			assertThat(this.context.getBeansOfType(FeedRelay.class)).isEmpty();
			assertThat(this.context.getBeansOfType(ReconnectingClient.class)).isEmpty();
			assertThat(this.context.getBean(ReconnectingClients.class).find("feed")).isEmpty();
		}

	}

	/**
	 * The upstream: a Java-WebSocket server that pushes what the test broadcasts.
	 */
	static final class Upstream extends WebSocketServer {

		private Upstream(int port) {
			super(new InetSocketAddress("127.0.0.1", port));
			setReuseAddr(true);
			setDaemon(true);
		}

		static Upstream start(int port) {
			Upstream upstream = new Upstream(port);
			upstream.start();
			await().atMost(WAIT).until(() -> upstream.getPort() != 0 && upstream.isListening());
			return upstream;
		}

		private volatile boolean listening;

		/**
		 * Stop, and cut the connections whose close handshake the server did not wait for (it
		 * leaves them open, which no process exit would).
		 */
		void stopNow() {
			List<WebSocket> open = List.copyOf(getConnections());
			try {
				stop(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			open.forEach((connection) -> ((WebSocketImpl) connection).closeConnection(CloseFrame.GOING_AWAY, "stopped"));
		}

		boolean isListening() {
			return this.listening;
		}

		@Override
		public void onStart() {
			this.listening = true;
		}

		@Override
		public void onOpen(WebSocket conn, ClientHandshake handshake) {
		}

		@Override
		public void onClose(WebSocket conn, int code, String reason, boolean remote) {
		}

		@Override
		public void onMessage(WebSocket conn, String message) {
		}

		@Override
		public void onError(WebSocket conn, Exception ex) {
		}

	}

}
