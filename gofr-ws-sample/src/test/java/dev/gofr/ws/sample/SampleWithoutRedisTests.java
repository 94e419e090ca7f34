package dev.gofr.ws.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with clustering off, as it starts by default: Spring Data Redis is on its class path,
 * yet it needs no Redis and never connects to one. Its Redis address leads to a port that accepts
 * connections, never answers, and counts them.
 */
@GofrWsTest(properties = "management.endpoint.health.show-components=always")
class SampleWithoutRedisTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final SilentPort redis = SilentPort.open();

	@LocalServerPort
	int port;

	WsClients clients;

	@DynamicPropertySource
	static void redisAddress(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", redis::port);
	}

	@AfterAll
	static void closeRedisPort() {
		redis.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthIsUpWithoutARedisHealthIndicator() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		Map<String, Object> body = json.readValue(health.body(), Map.class);
		assertThat(body).containsEntry("status", "UP");
		assertThat((Map<String, Object>) body.get("components")).containsKey("websocket")
			.doesNotContainKeys("redis", "websocketCluster");
		assertThat(redis.connections()).as("connections to the Redis address").isEmpty();
	}

	@Test
	void theEchoAndTheChatWorkWithoutRedis() {
		try (WsTestClient echo = this.clients.connect("echo")) {
			echo.sendText("hello");
			assertThat(echo.awaitText()).isEqualTo("hello");
		}
		try (WsTestClient alice = this.clients.connect("chat")) {
			alice.sendText("{\"type\":\"name\",\"name\":\"alice\"}");
			alice.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
			alice.awaitJson().hasPath("$.type", "joined").hasPath("$.room", "lobby");
			alice.sendText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
			alice.awaitJson()
				.hasPath("$.type", "message")
				.hasPath("$.room", "lobby")
				.hasPath("$.from", "alice")
				.hasPath("$.text", "hi");
		}
		assertThat(redis.connections()).as("connections to the Redis address").isEmpty();
	}

	/**
	 * A port of this machine that accepts connections, never answers, and remembers who came: a
	 * Redis client would get no further than connecting.
	 */
	static final class SilentPort implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> accepted = new ArrayList<>();

		private SilentPort(ServerSocket server) {
			this.server = server;
		}

		static SilentPort open() {
			try {
				SilentPort port = new SilentPort(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
				Thread acceptor = new Thread(port::accept, "silent-port-" + port.port());
				acceptor.setDaemon(true);
				acceptor.start();
				return port;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		/** The remote addresses of the connections accepted so far. */
		synchronized List<String> connections() {
			return this.accepted.stream().map((socket) -> socket.getRemoteSocketAddress().toString()).toList();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					synchronized (this) {
						this.accepted.add(socket);
					}
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		@Override
		public synchronized void close() {
			try {
				this.server.close();
				for (Socket socket : this.accepted) {
					socket.close();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
