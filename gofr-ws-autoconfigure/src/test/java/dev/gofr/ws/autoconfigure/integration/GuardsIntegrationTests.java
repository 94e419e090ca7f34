package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.registry.SessionRegistry;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Handshake checks (origin, authentication, connection limits, throttle) and message
 * interceptors (rate limits, authorization, validation, route middleware), through real sockets.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gofr.ws.allowed-origins=https://good.example",
				"gofr.ws.limits.max-connections=10000", "gofr.ws.limits.max-connections-per-ip=10000",
				"gofr.ws.endpoints.limited.limits.max-connections=5",
				"gofr.ws.endpoints.perIp.limits.max-connections-per-ip=2",
				"gofr.ws.endpoints.throttled.limits.connection-throttle=2s",
				"gofr.ws.endpoints.rateLimited.limits.message-rate=5",
				"gofr.ws.endpoints.rateClosed.limits.message-rate=5",
				"gofr.ws.endpoints.rateClosed.limits.on-rate-exceeded=close" })
class GuardsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SessionRegistry registry;

	@Autowired
	ConnectionLimiter nodeLimiter;

	private URI uri(String path) {
		return URI.create("ws://localhost:" + this.port + path);
	}

	private HandshakeFailedException refused(String path, Map<String, String> headers) {
		return catchThrowableOfType(HandshakeFailedException.class,
				() -> WsTestClient.connect(uri(path), headers, Duration.ofSeconds(5)).close());
	}

	@Test
	void originsMatchExactly() {
		assertThat(refused("/ws/echo", Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
		assertThat(refused("/ws/echo", Map.of("Origin", "https://good.example.evil.com")).status()).isEqualTo(403);
		try (WsTestClient good = WsTestClient.connect(uri("/ws/echo"), Map.of("Origin", "https://good.example"),
				Duration.ofSeconds(5))) {
			good.sendText("in");
			assertThat(good.awaitText()).isEqualTo("in");
		}
		assertThat(TestApplication.REJECTED).contains("echo:origin");
	}

	@Test
	void theSixthConcurrentHandshakeGets503WithRetryAfterUntilOneCloses() {
		List<WsTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				clients.add(WsTestClient.connect(uri("/ws/limited")));
			}
			HandshakeFailedException sixth = refused("/ws/limited", Map.of());
			assertThat(sixth.status()).isEqualTo(503);
			assertThat(sixth.header("Retry-After")).isNotBlank();
			clients.remove(0).close();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				WsTestClient again = WsTestClient.connect(uri("/ws/limited"));
				clients.add(again);
			});
		}
		finally {
			clients.forEach(WsTestClient::close);
		}
	}

	@Test
	void theThirdConnectionFromOneAddressGets429() {
		try (WsTestClient first = WsTestClient.connect(uri("/ws/per-ip"));
				WsTestClient second = WsTestClient.connect(uri("/ws/per-ip"))) {
			assertThat(refused("/ws/per-ip", Map.of()).status()).isEqualTo(429);
			assertThat(TestApplication.REJECTED).contains("perIp:max-connections-per-ip");
		}
	}

	@Test
	void handshakesFasterThanTheThrottleGet503WithRetryAfter() {
		try (WsTestClient first = WsTestClient.connect(uri("/ws/throttled"))) {
			HandshakeFailedException second = refused("/ws/throttled", Map.of());
			assertThat(second.status()).isEqualTo(503);
			assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 2);
		}
	}

	@Test
	void countsAreExactAfterThousandsOfConcurrentConnectsAndDisconnects() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 20; t++) {
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 100; i++) {
						WsTestClient client = WsTestClient.connect(uri("/ws/churn"));
						if (i % 3 == 0) {
							client.abort(); // some vanish without a close frame
						}
						else {
							client.close();
						}
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.registry.count() == 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.nodeLimiter.openConnections() == 0);
		assertThat(this.nodeLimiter.openConnections("127.0.0.1")).isZero();
	}

	@Test
	void messagesOverTheRateGetRateLimitedFramesAndTheConnectionStaysOpen() {
		try (WsTestClient client = WsTestClient.connect(uri("/ws/rate-limited"))) {
			for (int i = 0; i < 50; i++) {
				client.sendText("m" + i);
			}
			int echoed = 0;
			int limited = 0;
			for (int i = 0; i < 50; i++) {
				String text = client.awaitText();
				if (text.startsWith("m")) {
					echoed++;
				}
				else {
					assertThat(text).startsWith("{\"type\":\"error\",\"code\":\"RATE_LIMITED\"");
					limited++;
				}
			}
			assertThat(echoed).isBetween(5, 10);
			assertThat(limited).isEqualTo(50 - echoed);
			await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(3)).until(() -> true);
			client.sendText("later");
			assertThat(client.awaitText()).isEqualTo("later");
		}
	}

	@Test
	void withTheClosePolicyTheConnectionIsClosedWith4429() {
		try (WsTestClient client = WsTestClient.connect(uri("/ws/rate-closed"))) {
			for (int i = 0; i < 50 && !client.isClosed(); i++) {
				client.sendText("m" + i);
			}
			assertThat(client.awaitClose().code()).isEqualTo(4429);
		}
	}

	@Test
	void routeInterceptorsRunAfterTheGlobalOnesAndCanReplyTransformRejectOrClose() {
		try (WsTestClient client = WsTestClient.connect(uri("/ws/intercepted"))) {
			client.sendText("hello");
			assertThat(client.awaitText()).isEqualTo("handled hello");
			client.sendText("ping?");
			assertThat(client.awaitText()).isEqualTo("pong!");
			client.sendText("shout");
			assertThat(client.awaitText()).isEqualTo("handled SHOUT");
			client.sendText("bad");
			assertThat(client.awaitText())
				.isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\",\"message\":\"bad is not allowed\"}");
			client.sendText("bye");
			assertThat(client.awaitClose().code()).isEqualTo(1000);
		}
	}

	@Test
	void aSchemaInvalidMessageGetsInvalidPayloadNamingTheField() {
		try (WsTestClient client = WsTestClient.connect(uri("/ws/validated"))) {
			client.sendText("{\"type\":\"join\"}");
			assertThat(client.awaitText()).contains("\"code\":\"INVALID_PAYLOAD\"").contains("room");
			client.sendText("{\"type\":\"dance\",\"room\":\"a\"}");
			assertThat(client.awaitText()).contains("INVALID_PAYLOAD").contains("type");
			client.sendText("{\"type\":\"say\",\"room\":\"abcdefghij\",\"text\":\"\"}");
			assertThat(client.awaitText()).contains("INVALID_PAYLOAD")
				.contains("room size must be between 0 and 8")
				.contains("text must not be blank for say");
			client.sendText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
			assertThat(client.awaitText()).isEqualTo("valid");
		}
	}

	@Test
	void aRouteThatNeedsAUserRefusesHandshakesWithout() {
		assertThat(refused("/ws/secured", Map.of()).status()).isEqualTo(401);
		assertThat(refused("/ws/secured?token=nonsense", Map.of()).status()).isEqualTo(401);
		assertThat(refused("/ws/secured?token=blocked", Map.of()).status()).isEqualTo(403);
		try (WsTestClient alice = WsTestClient.connect(uri("/ws/secured?token=good-alice"))) {
			alice.sendText("hi");
			assertThat(alice.awaitText()).isEqualTo("hello alice");
			TestApplication.REVOKED.add("alice");
			alice.sendText("again");
			assertThat(alice.awaitText()).startsWith("{\"type\":\"error\",\"code\":\"FORBIDDEN\"");
		}
		finally {
			TestApplication.REVOKED.remove("alice");
		}
		assertThat(TestApplication.REJECTED).contains("secured:unauthenticated", "secured:forbidden");
	}

}
