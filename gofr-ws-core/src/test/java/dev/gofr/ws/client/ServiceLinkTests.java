package dev.gofr.ws.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client that links two services needs, against servers nobody here wrote (Java-WebSocket's)
 * or raw sockets: one TCP connection per attempt, bounded incoming messages, the server's
 * {@code Retry-After}, headers made per attempt, and permessage-deflate on request.
 */
class ServiceLinkTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final ManualScheduler scheduler = new ManualScheduler(new ManualTicker());

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private final List<Disconnection> disconnections = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aServerThatAcceptsAndDropsSeesExactlyMaxAttemptsConnections() throws IOException {
		RawServer dropping = raw(null);
		ReconnectingClient client = start(builder(dropping.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(50), Duration.ofMillis(200))
				.withMaxAttempts(3)));
		for (int attempt = 1; attempt < 3; attempt++) {
			int expected = attempt;
			await().atMost(WAIT).until(() -> this.waits.size() == expected);
			this.scheduler.runNext();
		}
		await().atMost(WAIT).until(() -> client.state() == ClientState.GAVE_UP);
		assertThat(client.status().attempts()).isEqualTo(3);
		assertThat(dropping.accepted).as("TCP connections the server accepted").hasValue(3);
	}

	@Test
	void aMessageOverTheLimitClosesWith1009AndTheClientReconnects() {
		UpstreamServer server = upstream(false);
		List<Integer> received = new CopyOnWriteArrayList<>();
		ReconnectingClient client = start(builder(server.url())
			.onMessage((c, message) -> received.add(message.text().length())));
		await().atMost(WAIT).until(client::isOpen);
		server.broadcast("a".repeat(60 * 1024));
		await().atMost(WAIT).until(() -> received.contains(60 * 1024));
		server.broadcast("b".repeat(70 * 1024));
		await().atMost(WAIT).until(() -> !this.disconnections.isEmpty());
		assertThat(this.disconnections.get(0).code()).isEqualTo(1009);
		await().atMost(WAIT).until(() -> server.closeCodes.contains(1009));
		assertThat(received).containsExactly(60 * 1024);
		assertThat(client.oversizedMessages()).isOne();
		await().atMost(WAIT).until(() -> this.waits.size() == 1);
		this.scheduler.runNext();
		await().atMost(WAIT).until(client::isOpen);
	}

	@Test
	void aRefusalWithRetryAfterSetsTheNextWaitUpToTheMaximumDelay() throws IOException {
		RawServer refusing = raw("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\n"
				+ "Content-Length: 0\r\nConnection: close\r\n\r\n");
		ReconnectingClient client = start(builder(refusing.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(100), Duration.ofSeconds(60))));
		await().atMost(WAIT).until(() -> this.waits.size() == 1);
		assertThat(this.waits.get(0)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
		assertThat(client.retryAfterWaits()).isOne();
		assertThat(client.status().lastError()).contains("HTTP 503");

		RawServer slow = raw("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 600\r\n"
				+ "Content-Length: 0\r\nConnection: close\r\n\r\n");
		this.waits.clear();
		start(builder(slow.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(100), Duration.ofSeconds(60))));
		await().atMost(WAIT).until(() -> this.waits.size() == 1);
		assertThat(this.waits.get(0)).as("capped by max-delay").isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void theServersPingsAreAnsweredWithTheirPayload() {
		UpstreamServer server = upstream(false);
		ReconnectingClient client = start(builder(server.url()));
		await().atMost(WAIT).until(client::isOpen);
		server.ping("are you there");
		await().atMost(WAIT).until(() -> server.received.contains("pong:are you there"));
		assertThat(client.isOpen()).isTrue();
	}

	@Test
	void theHeaderSupplierIsCalledOncePerAttemptAndItsLatestTokenGoesOut() {
		UpstreamServer server = upstream(false);
		AtomicInteger calls = new AtomicInteger();
		ReconnectingClient client = start(builder(server.url())
			.header("X-Service", "orders")
			.headerSupplier(() -> Map.of("Authorization", "Bearer token-" + calls.incrementAndGet())));
		await().atMost(WAIT).until(client::isOpen);
		assertThat(server.lastHandshake).containsEntry("authorization", "Bearer token-1")
			.containsEntry("x-service", "orders");
		server.crash();
		server.restart();
		await().atMost(WAIT).until(() -> this.waits.size() == 1);
		this.scheduler.runNext();
		await().atMost(WAIT).until(client::isOpen);
		assertThat(server.lastHandshake).containsEntry("authorization", "Bearer token-2");
		assertThat(calls).as("one call per attempt").hasValue(2);
	}

	@Test
	void aHeaderSupplierThatFailsFailsTheAttemptAndTheClientTriesAgain() {
		UpstreamServer server = upstream(false);
		AtomicInteger calls = new AtomicInteger();
		ReconnectingClient client = start(builder(server.url()).headerSupplier(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("token endpoint down");
			}
			return Map.of("Authorization", "Bearer fresh");
		}));
		await().atMost(WAIT).until(() -> this.waits.size() == 1);
		assertThat(client.status().lastError()).contains("token endpoint down");
		this.scheduler.runNext();
		await().atMost(WAIT).until(client::isOpen);
		assertThat(server.lastHandshake).containsEntry("authorization", "Bearer fresh");
	}

	@Test
	void permessageDeflateIsOfferedOnlyWhenCompressionIsOn() {
		UpstreamServer server = upstream(true);
		List<String> received = new CopyOnWriteArrayList<>();
		ReconnectingClient plain = start(builder(server.url()));
		await().atMost(WAIT).until(plain::isOpen);
		assertThat(server.lastHandshake).doesNotContainKey("sec-websocket-extensions");
		assertThat(plain.extensions()).isEmpty();

		ReconnectingClient compressed = start(builder(server.url()).compression(true)
			.onMessage((c, message) -> received.add(message.text())));
		await().atMost(WAIT).until(compressed::isOpen);
		assertThat(server.lastHandshake.get("sec-websocket-extensions")).contains("permessage-deflate");
		assertThat(compressed.extensions()).containsExactly("permessage-deflate");
		String text = "compressible ".repeat(1000);
		compressed.sendText(text);
		await().atMost(WAIT).until(() -> received.contains(text));
	}

	private ReconnectingClient.Builder builder(URI url) {
		return ReconnectingClient.builder("link", url)
			.heartbeat(HeartbeatSettings.OFF)
			.scheduler(this.scheduler)
			.ticker(this.scheduler.ticker())
			.onReconnecting((attempt, delay) -> this.waits.add(delay))
			.onDisconnected((c, disconnection) -> this.disconnections.add(disconnection));
	}

	private ReconnectingClient start(ReconnectingClient.Builder builder) {
		ReconnectingClient client = builder.build();
		this.resources.add(client::close);
		client.start();
		return client;
	}

	private UpstreamServer upstream(boolean deflate) {
		UpstreamServer server = new UpstreamServer(deflate);
		this.resources.add(server);
		return server;
	}

	/**
	 * A port that reads each request and answers it with {@code response}, or, when that is
	 * {@code null}, closes each connection as soon as it is accepted.
	 */
	private RawServer raw(String response) throws IOException {
		RawServer server = new RawServer(response, true);
		this.resources.add(server);
		return server;
	}

}
