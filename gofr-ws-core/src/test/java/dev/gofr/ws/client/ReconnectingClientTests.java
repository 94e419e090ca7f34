package dev.gofr.ws.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The reconnecting client against Java-WebSocket's server, a server nobody here wrote.
 */
class ReconnectingClientTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private UpstreamServer server() {
		UpstreamServer server = new UpstreamServer();
		this.resources.add(server);
		return server;
	}

	private ReconnectingClient start(ReconnectingClient.Builder builder) {
		ReconnectingClient client = builder.build();
		this.resources.add(client::close);
		client.start();
		return client;
	}

	@Test
	void exchangesMessagesAndReconnectsWithGrowingDelaysAfterTheServerReturns() {
		UpstreamServer server = server();
		ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
		ReconnectSettings reconnect = new ReconnectSettings(true, Duration.ofMillis(200), Duration.ofMillis(1600), 2.0,
				0.5, 0);
		List<String> messages = new CopyOnWriteArrayList<>();
		List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
		List<Disconnection> disconnections = new CopyOnWriteArrayList<>();
		AtomicInteger reconnected = new AtomicInteger();
		ReconnectingClient client = start(ReconnectingClient.builder("upstream", server.url())
			.reconnect(reconnect)
			.heartbeat(HeartbeatSettings.OFF)
			.scheduler(scheduler)
			.ticker(scheduler.ticker())
			.onMessage((c, message) -> messages.add(message.text()))
			.onDisconnected((c, disconnection) -> disconnections.add(disconnection))
			.onReconnecting((attempt, delay) -> scheduled.add(new Scheduled(attempt, delay)))
			.onReconnected((c) -> {
				reconnected.incrementAndGet();
				c.sendText("rejoin");
			}));
		await().atMost(WAIT).until(client::isOpen);
		assertThat(client.state()).isEqualTo(ClientState.OPEN);
		assertThat(client.sendText("hello")).succeedsWithin(WAIT);
		await().atMost(WAIT).until(() -> messages.contains("hello"));

		server.stop();
		await().atMost(WAIT).until(() -> client.state() == ClientState.RECONNECTING);
		assertThat(disconnections).singleElement().satisfies((d) -> assertThat(d.code()).isEqualTo(1001));
		List<CompletableFuture<Void>> whileDown = List.of(client.sendText("a"), client.sendText("b"),
				client.sendText("c"));
		for (int attempt = 1; attempt <= 5; attempt++) {
			int announced = attempt;
			await().atMost(WAIT).until(() -> scheduled.size() == announced);
			scheduler.runNext(); // the attempt goes, and is refused
		}
		await().atMost(WAIT).until(() -> scheduled.size() == 6);
		for (Scheduled each : scheduled) {
			double base = Math.min(1600, 200 * Math.pow(2, each.attempt() - 1));
			assertThat(each.delay().toMillis()).as("delay before attempt %d", each.attempt())
				.isBetween((long) Math.floor(base * 0.5), (long) Math.ceil(Math.min(1600, base * 1.5)))
				.isLessThanOrEqualTo(1600);
		}
		assertThat(scheduled).extracting(Scheduled::attempt).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(whileDown).noneMatch(CompletableFuture::isDone);
		assertThat(client.status().buffered()).isEqualTo(3);

		server.restart();
		Duration waited = scheduler.runNext();
		await().atMost(WAIT).until(client::isOpen);
		assertThat(waited).as("from the server's return to the attempt that connected")
			.isLessThanOrEqualTo(Duration.ofMillis(1600));
		assertThat(scheduled).as("the first attempt after the server's return connects").hasSize(6);
		assertThat(CompletableFuture.allOf(whileDown.toArray(new CompletableFuture[0]))).succeedsWithin(WAIT);
		await().atMost(WAIT).until(() -> server.received.size() >= 5);
		assertThat(server.received).containsExactly("hello", "rejoin", "a", "b", "c");
		assertThat(reconnected).hasValue(1);
		assertThat(client.reconnects()).isEqualTo(1);
		assertThat(client.status().connectedAt()).isNotNull();
		assertThat(client.status().lastError()).isNotNull();
	}

	@Test
	void givesUpAfterMaxAttemptsWithTheServerDown() throws Exception {
		RawServer refusing = raw(RawServer.UNAVAILABLE);
		AtomicReference<Throwable> gaveUp = new AtomicReference<>();
		List<Integer> announced = new CopyOnWriteArrayList<>();
		ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
		ReconnectingClient client = start(ReconnectingClient
			.builder("down", refusing.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(50), Duration.ofMillis(200))
				.withMaxAttempts(3))
			.scheduler(scheduler)
			.ticker(scheduler.ticker())
			.onReconnecting((attempt, delay) -> announced.add(attempt))
			.onGaveUp((c, error) -> gaveUp.set(error)));
		CompletableFuture<Void> buffered = client.sendText("never");
		runAttempts(scheduler, announced, 2);
		await().atMost(WAIT).until(() -> gaveUp.get() != null);
		assertThat(client.state()).isEqualTo(ClientState.GAVE_UP);
		assertThat(client.status().attempts()).isEqualTo(3);
		assertThat(announced).containsExactly(2, 3);
		assertThat(refusing.accepted).as("TCP connections, even from a server that answers before it reads")
			.hasValue(3);
		assertThat(scheduler.scheduled()).as("attempts still to come").isZero();
		assertThat(buffered).failsWithin(WAIT).withThrowableThat().havingRootCause().isInstanceOf(WsException.class)
			.withMessageContaining("gave up");
		assertThat(client.sendText("later")).isCompletedExceptionally();
		assertThat(client.status().lastError()).isNotNull();
	}

	@Test
	void givesUpAfterMaxAttemptsOnceTheConnectionDropped() {
		UpstreamServer server = server();
		AtomicReference<Throwable> gaveUp = new AtomicReference<>();
		List<Integer> announced = new CopyOnWriteArrayList<>();
		ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
		ReconnectingClient client = start(ReconnectingClient.builder("drops", server.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(50), Duration.ofMillis(200))
				.withMaxAttempts(3))
			.scheduler(scheduler)
			.ticker(scheduler.ticker())
			.onReconnecting((attempt, delay) -> announced.add(attempt))
			.onGaveUp((c, error) -> gaveUp.set(error)));
		await().atMost(WAIT).until(client::isOpen);
		server.stop();
		runAttempts(scheduler, announced, 3);
		await().atMost(WAIT).until(() -> gaveUp.get() != null);
		assertThat(announced).containsExactly(1, 2, 3);
		assertThat(client.status().attempts()).isEqualTo(3);
		assertThat(client.state()).isEqualTo(ClientState.GAVE_UP);
		assertThat(scheduler.scheduled()).as("attempts still to come").isZero();
	}

	@Test
	void startAfterGivingUpStartsOver() {
		UpstreamServer server = server();
		server.stop();
		AtomicInteger gaveUp = new AtomicInteger();
		ReconnectingClient client = start(ReconnectingClient.builder("again", server.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(20), Duration.ofMillis(20))
				.withMaxAttempts(2))
			.onGaveUp((c, error) -> gaveUp.incrementAndGet()));
		await().atMost(WAIT).until(() -> gaveUp.get() == 1);
		server.restart();
		client.start();
		await().atMost(WAIT).until(client::isOpen);
		assertThat(client.reconnects()).isZero();
	}

	@Test
	void theFirstConnectionIsRetriedUntilTheServerComesUp() {
		UpstreamServer server = server();
		server.stop();
		List<Integer> announced = new CopyOnWriteArrayList<>();
		AtomicInteger connected = new AtomicInteger();
		ReconnectingClient client = start(ReconnectingClient.builder("late", server.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(50), Duration.ofMillis(200)))
			.onReconnecting((attempt, delay) -> announced.add(attempt))
			.onConnected((c) -> connected.incrementAndGet()));
		CompletableFuture<Void> early = client.sendText("early");
		await().atMost(WAIT).until(() -> announced.size() >= 3);
		assertThat(client.state()).isEqualTo(ClientState.RECONNECTING);
		assertThat(announced).startsWith(2, 3, 4);
		server.restart();
		await().atMost(WAIT).until(client::isOpen);
		assertThat(early).succeedsWithin(WAIT);
		await().atMost(WAIT).until(() -> server.received.contains("early"));
		assertThat(connected).hasValue(1);
		assertThat(client.reconnects()).isZero();
	}

	@Test
	void withReconnectionOffADropGivesUp() {
		UpstreamServer server = server();
		AtomicReference<Throwable> gaveUp = new AtomicReference<>();
		List<Integer> announced = new CopyOnWriteArrayList<>();
		ReconnectingClient client = start(ReconnectingClient.builder("once", server.url())
			.reconnect(new ReconnectSettings(false, Duration.ofMillis(50), Duration.ofMillis(50), 2.0, 0, 0))
			.onReconnecting((attempt, delay) -> announced.add(attempt))
			.onGaveUp((c, error) -> gaveUp.set(error)));
		await().atMost(WAIT).until(client::isOpen);
		server.stop();
		await().atMost(WAIT).until(() -> gaveUp.get() != null);
		assertThat(client.state()).isEqualTo(ClientState.GAVE_UP);
		assertThat(announced).isEmpty();
		server.restart();
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> server.opened.get() == 1);
	}

	@Test
	void heartbeatDropsASilentServerAndReconnects() {
		UpstreamServer server = server().silent();
		ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
		List<Disconnection> disconnections = new CopyOnWriteArrayList<>();
		ReconnectingClient client = start(ReconnectingClient.builder("heartbeat", server.url())
			.heartbeat(HeartbeatSettings.of(Duration.ofSeconds(30), Duration.ofSeconds(60)))
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(50), Duration.ofMillis(100)))
			.scheduler(scheduler)
			.ticker(scheduler.ticker())
			.onDisconnected((c, disconnection) -> disconnections.add(disconnection)));
		await().atMost(WAIT).until(client::isOpen);
		await().atMost(WAIT).until(() -> scheduler.scheduled() == 1); // the heartbeat's checks
		scheduler.advance(Duration.ofSeconds(30));
		await().atMost(WAIT).until(() -> server.received.contains("ping"));
		scheduler.advance(Duration.ofSeconds(30));
		assertThat(disconnections).as("silent for the pong wait, not longer").isEmpty();
		scheduler.advance(Duration.ofSeconds(6)); // the next check: a tenth of the pong wait
		assertThat(disconnections).singleElement().satisfies((disconnection) -> {
			assertThat(disconnection.code()).isEqualTo(4408);
			assertThat(disconnection.cause()).isInstanceOfSatisfying(WsException.class,
					(cause) -> assertThat(cause.code()).isEqualTo(WsErrorCode.CONNECTION_TIMEOUT));
		});
		scheduler.advance(Duration.ofMillis(100));
		await().atMost(WAIT).until(() -> client.reconnects() >= 1);
	}

	@Test
	void heartbeatKeepsAConnectionToAnAnsweringServer() {
		UpstreamServer server = server();
		ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
		List<Disconnection> disconnections = new CopyOnWriteArrayList<>();
		ReconnectingClient client = start(ReconnectingClient.builder("alive", server.url())
			.heartbeat(HeartbeatSettings.of(Duration.ofSeconds(30), Duration.ofSeconds(60)))
			.scheduler(scheduler)
			.ticker(scheduler.ticker())
			.onDisconnected((c, disconnection) -> disconnections.add(disconnection)));
		await().atMost(WAIT).until(client::isOpen);
		await().atMost(WAIT).until(() -> scheduler.scheduled() == 1); // the heartbeat's checks
		for (int i = 1; i <= 5; i++) {
			long pings = i;
			scheduler.advance(Duration.ofSeconds(30));
			await().atMost(WAIT).until(() -> server.received.stream().filter("ping"::equals).count() == pings);
		}
		assertThat(disconnections).isEmpty();
		assertThat(client.isOpen()).isTrue();
	}

	@Test
	void heartbeatLeavesAServerThatTalksUnpinged() {
		UpstreamServer server = server();
		ManualScheduler scheduler = new ManualScheduler(new ManualTicker());
		List<String> messages = new CopyOnWriteArrayList<>();
		List<Disconnection> disconnections = new CopyOnWriteArrayList<>();
		ReconnectingClient client = start(ReconnectingClient.builder("talking", server.url())
			.heartbeat(HeartbeatSettings.of(Duration.ofSeconds(30), Duration.ofSeconds(60)))
			.scheduler(scheduler)
			.ticker(scheduler.ticker())
			.onMessage((c, message) -> messages.add(message.text()))
			.onDisconnected((c, disconnection) -> disconnections.add(disconnection)));
		await().atMost(WAIT).until(client::isOpen);
		await().atMost(WAIT).until(() -> scheduler.scheduled() == 1); // the heartbeat's checks
		for (int i = 1; i <= 6; i++) {
			int received = i;
			scheduler.advance(Duration.ofSeconds(20));
			server.broadcast("news " + i);
			await().atMost(WAIT).until(() -> messages.size() == received);
		}
		assertThat(server.received).as("frames the server received").doesNotContain("ping");
		assertThat(disconnections).isEmpty();
		assertThat(client.isOpen()).isTrue();
	}

	@Test
	void fullBufferRefusesSendsAtOnceAndCountsThem() throws Exception {
		RawServer refusing = raw(RawServer.UNAVAILABLE);
		ReconnectingClient client = start(ReconnectingClient
			.builder("full", refusing.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofSeconds(5), Duration.ofSeconds(5)))
			.maxBufferedMessages(2));
		CompletableFuture<Void> first = client.sendText("1");
		CompletableFuture<Void> second = client.sendBinary(new byte[] { 2 });
		CompletableFuture<Void> third = client.sendText("3");
		assertThat(third).isCompletedExceptionally();
		assertThat(third).failsWithin(Duration.ZERO).withThrowableThat().havingRootCause()
			.isInstanceOfSatisfying(WsException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo(WsErrorCode.LIMIT_EXCEEDED);
				assertThat(ex.getMessage()).contains("'full'", "buffer.max-messages");
			});
		assertThat(client.rejectedSends()).isEqualTo(1);
		assertThat(client.status().buffered()).isEqualTo(2);
		assertThat(client.sendPing(new byte[0])).isCompletedExceptionally();
		client.close();
		assertThat(first).failsWithin(WAIT);
		assertThat(second).failsWithin(WAIT).withThrowableThat().havingRootCause()
			.isInstanceOfSatisfying(WsException.class,
					(ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.CONNECTION_CLOSED));
		assertThat(client.state()).isEqualTo(ClientState.CLOSED);
	}

	@Test
	void closeSendsNormalClosureAndStopsReconnecting() {
		UpstreamServer server = server();
		AtomicInteger reconnecting = new AtomicInteger();
		ReconnectingClient client = start(ReconnectingClient.builder("closing", server.url())
			.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMillis(20), Duration.ofMillis(20)))
			.onReconnecting((attempt, delay) -> reconnecting.incrementAndGet()));
		await().atMost(WAIT).until(client::isOpen);
		client.sendText("last");
		CompletableFuture<Void> stopped = new CompletableFuture<>();
		client.stop(() -> stopped.complete(null));
		assertThat(stopped).succeedsWithin(WAIT);
		await().atMost(WAIT).until(() -> server.closeCodes.contains(1000));
		assertThat(server.received).containsExactly("last");
		assertThat(client.state()).isEqualTo(ClientState.CLOSED);
		assertThat(client.isRunning()).isFalse();
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> server.opened.get() == 1);
		assertThat(reconnecting).hasValue(0);
		assertThat(client.sendText("after")).isCompletedExceptionally();
	}

	@Test
	void sendsEveryFrameTypeWithHeadersAndSubprotocol() {
		UpstreamServer server = server();
		List<WsMessage> messages = new CopyOnWriteArrayList<>();
		ReconnectingClient client = start(ReconnectingClient.builder("frames", server.url())
			.header("Authorization", "Bearer token")
			.subprotocols(List.of("chat.v2"))
			.onMessage((c, message) -> messages.add(message)));
		await().atMost(WAIT).until(client::isOpen);
		assertThat(server.lastHandshake).containsEntry("authorization", "Bearer token");
		assertThat(client.subprotocol()).isEqualTo("chat.v2");
		assertThat(client.sendText("text")).succeedsWithin(WAIT);
		assertThat(client.sendBinary(new byte[] { 1, 2, 3 })).succeedsWithin(WAIT);
		assertThat(client.sendBinary(java.nio.ByteBuffer.wrap(new byte[] { 4, 5 }))).succeedsWithin(WAIT);
		assertThat(client.sendJson(java.util.Map.of("type", "json"))).succeedsWithin(WAIT);
		assertThat(client.sendPing(new byte[] { 9 })).succeedsWithin(WAIT);
		assertThat(client.sendPong(new byte[] { 9 })).succeedsWithin(WAIT);
		await().atMost(WAIT).until(() -> messages.size() == 4);
		assertThat(messages.get(0).text()).isEqualTo("text");
		assertThat(messages.get(1).bytes()).containsExactly(1, 2, 3);
		assertThat(messages.get(2).bytes()).containsExactly(4, 5);
		assertThat(messages.get(3).bind(java.util.Map.class)).containsEntry("type", "json");
		assertThat(server.received).contains("ping");
	}

	@Test
	void manySendsFromManyThreadsArriveInOrderPerThread() throws Exception {
		UpstreamServer server = server();
		ReconnectingClient client = start(ReconnectingClient.builder("busy", server.url()).maxBufferedMessages(10_000));
		await().atMost(WAIT).until(client::isOpen);
		List<CompletableFuture<Void>> sends = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int thread = t;
			Thread sender = new Thread(() -> {
				for (int i = 0; i < 500; i++) {
					sends.add(client.sendText(thread + ":" + i));
				}
			});
			sender.start();
			threads.add(sender);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(CompletableFuture.allOf(sends.toArray(new CompletableFuture[0]))).succeedsWithin(WAIT);
		await().atMost(WAIT).until(() -> server.received.size() == 2000);
		for (int t = 0; t < 4; t++) {
			String prefix = t + ":";
			assertThat(server.received.stream().filter((m) -> m.startsWith(prefix))
				.map((m) -> Integer.parseInt(m.substring(2))).toList())
				.isSorted().hasSize(500);
		}
	}

	@Test
	void rejectsUrlsThatAreNotWebSocketUrls() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReconnectingClient.builder("bad", URI.create("http://example.com/ws")))
			.withMessageContaining("ws://");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReconnectingClient.builder("bad", URI.create("ws://example.com/")).header("Upgrade", "x"))
			.withMessageContaining("Upgrade");
	}

	/**
	 * Run the scheduled attempts one after the other, each once the one before failed and
	 * announced the next.
	 * @param count how many attempts to run
	 */
	private static void runAttempts(ManualScheduler scheduler, List<Integer> announced, int count) {
		for (int i = 1; i <= count; i++) {
			int expected = i;
			await().atMost(WAIT).until(() -> announced.size() == expected);
			scheduler.runNext();
		}
	}

	/**
	 * A port that answers every handshake with {@code response} at once, before reading it, and
	 * closes: each connection is one attempt that fails.
	 */
	private RawServer raw(String response) throws IOException {
		RawServer server = new RawServer(response, false);
		this.resources.add(server);
		return server;
	}

	record Scheduled(int attempt, Duration delay) {
	}

}
