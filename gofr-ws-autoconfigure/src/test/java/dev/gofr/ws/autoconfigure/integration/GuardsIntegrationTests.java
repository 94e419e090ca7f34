package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Handshake checks (origin, authentication, connection limits, throttle) and message
 * interceptors (rate limits, authorization, validation, route middleware), through real sockets.
 * Time stands still on a {@link ManualTicker} unless a test moves it.
 */
@GofrWsTest(classes = TestApplication.class,
		properties = { "gofr.ws.allowed-origins=https://good.example",
				"gofr.ws.limits.max-connections=10000", "gofr.ws.limits.max-connections-per-ip=10000",
				"gofr.ws.endpoints.limited.limits.max-connections=5",
				"gofr.ws.endpoints.perIp.limits.max-connections-per-ip=2",
				"gofr.ws.endpoints.throttled.limits.connection-throttle=2s",
				"gofr.ws.endpoints.rateLimited.limits.message-rate=5",
				"gofr.ws.endpoints.rateClosed.limits.message-rate=5",
				"gofr.ws.endpoints.rateClosed.limits.on-rate-exceeded=close" })
@Import(GuardsIntegrationTests.ManualTime.class)
class GuardsIntegrationTests {

	private static final String RATE_LIMITED = "{\"type\":\"error\",\"code\":\"RATE_LIMITED\"";

	WsClients clients;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	ConnectionLimiter nodeLimiter;

	@Autowired
	ManualTicker ticker;

	private HandshakeFailedException refused(WsTestClient.Builder handshake) {
		return catchThrowableOfType(HandshakeFailedException.class,
				() -> handshake.timeout(Duration.ofSeconds(5)).connect().close());
	}

	@Test
	void originsMatchExactly() {
		assertThat(refused(this.clients.to("echo").header("Origin", "https://evil.example")).status()).isEqualTo(403);
		assertThat(refused(this.clients.to("echo").header("Origin", "https://good.example.evil.com")).status())
			.isEqualTo(403);
		try (WsTestClient good = this.clients.to("echo").header("Origin", "https://good.example").connect()) {
			good.sendText("in");
			assertThat(good.awaitText()).isEqualTo("in");
		}
		assertThat(TestApplication.REJECTED).contains("echo:origin");
	}

	@Test
	void theSixthConcurrentHandshakeGets503WithRetryAfterUntilOneCloses() {
		List<WsTestClient> open = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				open.add(this.clients.connect("limited"));
			}
			HandshakeFailedException sixth = refused(this.clients.to("limited"));
			assertThat(sixth.status()).isEqualTo(503);
			assertThat(sixth.header("Retry-After")).isNotBlank();
			open.remove(0).close();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				WsTestClient again = this.clients.connect("limited");
				open.add(again);
			});
		}
		finally {
			open.forEach(WsTestClient::close);
		}
	}

	@Test
	void theThirdConnectionFromOneAddressGets429() {
		try (WsTestClient first = this.clients.connect("perIp"); WsTestClient second = this.clients.connect("perIp")) {
			assertThat(refused(this.clients.to("perIp")).status()).isEqualTo(429);
			assertThat(TestApplication.REJECTED).contains("perIp:max-connections-per-ip");
		}
	}

	@Test
	void handshakesFasterThanTheThrottleGet503WithRetryAfter() {
		try (WsTestClient first = this.clients.connect("throttled")) {
			HandshakeFailedException second = refused(this.clients.to("throttled"));
			assertThat(second.status()).isEqualTo(503);
			assertThat(second.header("Retry-After")).isEqualTo("2");
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
						WsTestClient client = WsTestClient.connect(this.clients.uri("churn")); // 2,000: not kept
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
		try (WsTestClient client = this.clients.connect("rateLimited")) {
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
					assertThat(text).startsWith(RATE_LIMITED);
					limited++;
				}
			}
			assertThat(echoed).as("the burst of 5").isEqualTo(5);
			assertThat(limited).isEqualTo(45);
			this.ticker.advance(Duration.ofMillis(999));
			client.sendText("too soon");
			assertThat(client.awaitText()).startsWith(RATE_LIMITED);
			this.ticker.advance(Duration.ofMillis(1)); // a second since the burst: 5 more
			client.sendText("later");
			assertThat(client.awaitText()).isEqualTo("later");
		}
	}

	@Test
	void withTheClosePolicyTheConnectionIsClosedWith4429() {
		try (WsTestClient client = this.clients.connect("rateClosed")) {
			for (int i = 0; i < 50 && !client.isClosed(); i++) {
				client.sendText("m" + i);
			}
			assertThat(client.awaitClose()).hasCode(4429);
		}
	}

	@Test
	void routeInterceptorsRunAfterTheGlobalOnesAndCanReplyTransformRejectOrClose() {
		try (WsTestClient client = this.clients.connect("intercepted")) {
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
			assertThat(client.awaitClose()).hasCode(1000).hasReason("asked to leave");
		}
	}

	@Test
	void aSchemaInvalidMessageGetsInvalidPayloadNamingTheField() {
		try (WsTestClient client = this.clients.connect("validated")) {
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
		assertThat(refused(this.clients.to("secured")).status()).isEqualTo(401);
		assertThat(refused(this.clients.to("secured").query("token=nonsense")).status()).isEqualTo(401);
		assertThat(refused(this.clients.to("secured").query("token=blocked")).status()).isEqualTo(403);
		try (WsTestClient alice = this.clients.to("secured").query("token=good-alice").connect()) {
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

	@TestConfiguration
	static class ManualTime {

		@Bean
		ManualTicker manualTicker() {
			return new ManualTicker();
		}

	}

}
