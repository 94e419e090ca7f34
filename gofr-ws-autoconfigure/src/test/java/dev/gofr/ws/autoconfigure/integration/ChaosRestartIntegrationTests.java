package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.autoconfigure.integration.ChaosConfiguration.Endings;
import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.WsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server stopped under load, and a thousand clients that all come back at once to the server
 * that replaces it: every client sees a documented outcome, the counts are exact, and nothing is
 * left over.
 */
@EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")
class ChaosRestartIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final int CLIENTS = 1_000;

	/** The restarted node's {@code gofr.ws.limits.max-connections}: the rest must be refused. */
	private static final int NODE_LIMIT = 900;

	/** Heap growth allowed over a whole test, after a full GC. */
	private static final long HEAP_MB = 32;

	/** Thread growth allowed. */
	private static final int THREADS = 10;

	/** File descriptor growth allowed. */
	private static final int FDS = 10;

	/**
	 * How long the footprint may take to settle: the JDK HTTP client of {@code WsTestClient}
	 * keeps idle threads for 60 s, and may first be used in this class.
	 */
	private static final Duration SETTLE = Duration.ofSeconds(90);

	private static ConfigurableApplicationContext start(int port, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class, ChaosConfiguration.class)
			.properties("server.port=" + port, "server.shutdown=graceful", "gofr.ws.shutdown.timeout=30s")
			.properties(properties)
			.run();
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static double activeGauge(ConfigurableApplicationContext context, String endpoint) {
		return context.getBean(MeterRegistry.class).get("gofr.ws.connections.active").tag("endpoint", endpoint).gauge().value();
	}

	@Test
	void aThousandClientsReconnectAtOnceAndEachIsConnectedOrRefusedWith503() throws Exception {
		start(0).close(); // the first context of a JVM fills static caches for good: not a leak
		Footprint before = Footprint.now();
		reconnectStorm();
		Footprint.awaitWithin(before, HEAP_MB, THREADS, FDS, SETTLE);
	}

	private void reconnectStorm() throws Exception {
		ExecutorService clientThreads = Executors.newFixedThreadPool(4);
		HttpClient http = HttpClient.newBuilder().executor(clientThreads).connectTimeout(WAIT).build();
		ConfigurableApplicationContext first = start(0);
		int port = portOf(first);
		URI echo = URI.create("ws://localhost:" + port + "/ws/echo");
		List<Peer> peers = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i += 100) { // the first connections come in batches: the storm is later
			List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
			for (int j = 0; j < 100; j++) {
				Peer peer = new Peer();
				peers.add(peer);
				batch.add(http.newWebSocketBuilder().buildAsync(echo, peer));
			}
			CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		// A client's handshake completes when it reads the 101; the server registers the connection
		// after writing it, so the last few may still be on their way.
		await().atMost(WAIT).until(() -> first.getBean(ConnectionRegistry.class).count("echo") == CLIENTS);

		Endings endings = first.getBean(Endings.class);
		first.close();
		Map<Integer, Integer> seen = new TreeMap<>();
		for (Peer peer : peers) {
			seen.merge(peer.closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), 1, Integer::sum);
		}
		assertThat(endings.codes()).hasSize(CLIENTS).allSatisfy((id, code) -> assertThat(code).isEqualTo(1001));
		System.out.println("Restart: clients saw close codes " + seen);
		assertThat(seen).as("close codes the clients saw, by count").containsExactly(Map.entry(1001, CLIENTS));

		ConfigurableApplicationContext second = start(port, "gofr.ws.limits.max-connections=" + NODE_LIMIT);
		try {
			assertThat(portOf(second)).isEqualTo(port);
			List<Peer> again = new ArrayList<>();
			List<CompletableFuture<WebSocket>> attempts = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) { // all at once: no attempt waits for another
				Peer peer = new Peer();
				again.add(peer);
				attempts.add(http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(echo, peer));
			}
			List<WebSocket> connected = new ArrayList<>();
			List<Peer> connectedPeers = new ArrayList<>();
			int refused = 0;
			List<Throwable> otherwise = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				try {
					connected.add(attempts.get(i).get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS));
					connectedPeers.add(again.get(i));
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof WebSocketHandshakeException handshake
							&& handshake.getResponse().statusCode() == 503
							&& handshake.getResponse().headers().firstValue("Retry-After").isPresent()) {
						refused++;
					}
					else {
						otherwise.add(ex.getCause());
					}
				}
			}
			assertThat(otherwise).as("outcomes other than connected or 503 with Retry-After").isEmpty();
			assertThat(connected).hasSize(NODE_LIMIT);
			assertThat(refused).isEqualTo(CLIENTS - NODE_LIMIT);
			ConnectionRegistry registry = second.getBean(ConnectionRegistry.class);
			await().atMost(WAIT).until(() -> registry.count("echo") == NODE_LIMIT);
			assertThat(activeGauge(second, "echo")).isEqualTo(NODE_LIMIT);
			assertThat(second.getBean(ConnectionLimiter.class).openConnections())
				.isEqualTo(NODE_LIMIT);

			for (int i = 0; i < NODE_LIMIT; i += 100) { // a sample of them is really served
				connected.get(i).sendText("still serving " + i, true);
				assertThat(connectedPeers.get(i).texts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
					.isEqualTo("still serving " + i);
			}

			for (WebSocket webSocket : connected) {
				webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
			}
			await().atMost(WAIT).until(() -> registry.count() == 0);
			assertThat(activeGauge(second, "echo")).isZero();
			assertThat(second.getBean(ConnectionLimiter.class).openConnections()).isZero();
			WsTestClient late = WsTestClient.connect(echo); // room again for a newcomer
			late.sendText("late");
			assertThat(late.awaitText()).isEqualTo("late");
			late.close();
		}
		finally {
			second.close();
			clientThreads.shutdownNow();
		}
	}

	@Test
	void stoppingUnderLoadDeliversEveryQueuedMessageThen1001AndLeavesNothing() {
		start(0).close();
		Footprint before = Footprint.now();
		stopUnderLoad();
		Footprint.awaitWithin(before, HEAP_MB, THREADS, FDS, SETTLE);
	}

	private void stopUnderLoad() {
		ConfigurableApplicationContext context = start(0);
		int port = portOf(context);
		ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
		Rooms rooms = context.getBean(Rooms.class);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		List<WsTestClient> flooded = new ArrayList<>();
		List<WsTestClient> talkers = new ArrayList<>();
		int floods = 40;
		int perFlood = 2_000;
		for (int i = 0; i < floods; i++) {
			flooded.add(WsTestClient.connect(URI.create("ws://localhost:" + port + "/ws/flood")));
		}
		for (int i = 0; i < 20; i++) {
			WsTestClient talker = WsTestClient.connect(URI.create("ws://localhost:" + port + "/ws/room"));
			talker.sendText("join load");
			assertThat(talker.awaitText()).isEqualTo("joined load");
			talkers.add(talker);
		}
		int queued = TestApplication.FLOODS_QUEUED.get();
		flooded.forEach((client) -> client.sendText("flood " + perFlood));
		await().atMost(WAIT).until(() -> TestApplication.FLOODS_QUEUED.get() - queued == floods);
		talkers.get(0).sendText("say load in flight while stopping");

		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

		for (WsTestClient client : flooded) {
			for (int i = 0; i < perFlood; i++) {
				assertThat(client.awaitMessage(WAIT)).as("message %d", i).isEqualTo(new Frame.Text("m" + i));
			}
			assertThat(client.awaitClose(WAIT).code()).isEqualTo(1001);
		}
		for (WsTestClient talker : talkers) {
			assertThat(talker.awaitClose(WAIT).code()).isEqualTo(1001);
		}
		closing.orTimeout(60, TimeUnit.SECONDS).join();
		assertThat(registry.count()).isZero();
		assertThat(rooms.size()).isZero();
		assertThat(meters.get("gofr.ws.connections.active").gauges()).isNotEmpty()
			.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
	}

	/**
	 * One JDK WebSocket client's view: the texts it received and how it was closed.
	 */
	static final class Peer implements WebSocket.Listener {

		final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

		volatile String closeReason;

		private volatile WebSocket webSocket;

		private final StringBuilder text = new StringBuilder();

		WebSocket connected(WebSocket webSocket) {
			this.webSocket = webSocket;
			return webSocket;
		}

		WebSocket webSocket() {
			return this.webSocket;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.texts.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closeReason = reason;
			this.closeCode.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closeCode.completeExceptionally(new CompletionException(error));
		}

	}

}
