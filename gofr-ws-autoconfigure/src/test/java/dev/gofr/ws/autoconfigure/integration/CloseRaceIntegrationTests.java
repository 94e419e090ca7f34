package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.autoconfigure.integration.ChaosConfiguration.Endings;
import dev.gofr.ws.autoconfigure.integration.ChaosRestartIntegrationTests.Peer;
import dev.gofr.ws.autoconfigure.integration.CloseRaceConfiguration.CallbackOrder;
import dev.gofr.ws.autoconfigure.integration.CloseRaceConfiguration.HandshakeHold;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.server.GracefulShutdown;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Close frames that must leave and closes that must come in order, each in a race that a review
 * reproduced: a client closing while a burst is being written, a shutdown of many connections on
 * a busy node, a handshake still in flight when the application stops, and a close asked for
 * while the connection is still being opened.
 */
class CloseRaceIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);

	private final HttpClient http = HttpClient.newBuilder().executor(this.clientThreads).build();

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.clientThreads.shutdownNow();
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				ChaosConfiguration.class, CloseRaceConfiguration.class)
			.properties("server.port=0", "server.shutdown=graceful", "gofr.ws.shutdown.timeout=30s")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("ws://localhost:" + port + path);
	}

	private List<Peer> connect(URI uri, int count) throws Exception {
		List<Peer> peers = new ArrayList<>();
		for (int i = 0; i < count; i += 100) {
			List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
			for (int j = 0; j < 100 && i + j < count; j++) {
				Peer peer = new Peer();
				peers.add(peer);
				batch.add(this.http.newWebSocketBuilder().buildAsync(uri, peer).thenApply(peer::connected));
			}
			CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		return peers;
	}

	/** The close codes the clients saw, 1006 for a connection that ended without a close frame. */
	private static Map<Integer, Integer> closeCodesSeen(List<Peer> peers) throws Exception {
		Map<Integer, Integer> seen = new TreeMap<>();
		for (Peer peer : peers) {
			int code;
			try {
				code = peer.closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				code = 1006;
			}
			seen.merge(code, 1, Integer::sum);
		}
		return seen;
	}

	@Test
	@EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")
	void clientsThatCloseWhileABurstIsWrittenAllGetTheServersCloseReply() throws Exception {
		ConfigurableApplicationContext context = start();
		Map<Integer, Integer> seen = new TreeMap<>();
		for (int round = 0; round < 4; round++) {
			// Fewer at once than Tomcat's 200 request threads: past that, every thread answering a
			// close waits for a write whose completion is queued behind them (docs/reliability.md).
			List<Peer> peers = connect(uri(context, "/ws/flood"), 150);
			List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
			for (Peer peer : peers) { // four frames queued at once, and the client's close right behind its request
				closing.add(peer.webSocket().sendText("flood 4", true)
					.thenCompose((webSocket) -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done")));
			}
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			closeCodesSeen(peers).forEach((code, count) -> seen.merge(code, count, Integer::sum));
			await().atMost(WAIT).until(() -> context.getBean(ConnectionRegistry.class).count() == 0);
		}
		System.out.println("Close during a burst: clients saw close codes " + seen);
		assertThat(seen).as("close codes the clients saw, by count").containsExactly(Map.entry(1000, 600));
	}

	@Test
	@EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")
	void aShutdownOfAThousandConnectionsSends1001ToEachEvenWhenTomcatsCloseWindowIsShort() throws Exception {
		ConfigurableApplicationContext context = start("close-race.tomcat-close-window=true");
		List<Peer> peers = connect(uri(context, "/ws/echo"), 1_000);
		// A client's handshake completes when it reads the 101; the server registers the connection
		// after writing it, so the last few may still be on their way.
		ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
		await().atMost(WAIT).until(() -> registry.count("echo") == 1_000);
		Endings endings = context.getBean(Endings.class);
		context.close();
		Map<Integer, Integer> seen = closeCodesSeen(peers);
		System.out.println("Shutdown with a 1 ms close window: clients saw close codes " + seen);
		assertThat(seen).as("close codes the clients saw, by count").containsExactly(Map.entry(1001, 1_000));
		assertThat(endings.codes()).hasSize(1_000).allSatisfy((id, code) -> assertThat(code).isEqualTo(1001));
	}

	@Test
	void aConnectionWhoseHandshakeIsInFlightWhenTheApplicationStopsGets1001() throws Exception {
		ConfigurableApplicationContext context = start();
		HandshakeHold hold = context.getBean(HandshakeHold.class);
		GracefulShutdown shutdown = context.getBean(GracefulShutdown.class);
		Endings endings = context.getBean(Endings.class);
		Peer peer = new Peer();
		CompletableFuture<WebSocket> handshake = this.http.newWebSocketBuilder()
			.buildAsync(URI.create(uri(context, "/ws/echo") + "?hold"), peer);
		assertThat(hold.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
		await().atMost(WAIT).until(() -> !shutdown.isRunning());
		hold.released.countDown();
		handshake.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(peer.closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1001);
		assertThat(peer.closeReason).isEqualTo("Server shutting down");
		closing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(endings.codes()).containsOnly(Map.entry(endings.codes().keySet().iterator().next(), 1001));
	}

	@Test
	void aCloseAskedForWhileTheConnectionOpensComesAfterTheHandlersOnOpen() throws Exception {
		ConfigurableApplicationContext context = start();
		CallbackOrder order = context.getBean(CallbackOrder.class);
		ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
		for (int i = 0; i < 20; i++) { // each is closed from another thread as it opens (CallbackOrder)
			WsTestClient client = WsTestClient.connect(uri(context, "/ws/order"));
			assertThat(client.awaitClose(WAIT).code()).isEqualTo(1000);
		}
		await().atMost(WAIT).until(() -> registry.count("order") == 0 && order.calls().size() == 20
				&& order.calls().values().stream().allMatch((calls) -> calls.size() == 2));
		assertThat(order.calls().values()).allSatisfy((calls) -> assertThat(calls).containsExactly("open", "close 1000"));
	}

}
