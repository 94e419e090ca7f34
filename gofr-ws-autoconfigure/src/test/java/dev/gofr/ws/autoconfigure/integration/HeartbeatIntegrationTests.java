package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.gofr.ws.autoconfigure.ManualTimeConfiguration;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.server.ConnectionSweeper;
import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.time.ManualTicker;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Pings every 30 s and a pong wait of 60 s, on a {@link ManualTicker} that the tests move before
 * they sweep, instead of waiting: peers that answer, or talk, stay; silent ones (test clients that
 * leave pings unanswered) are closed with 4408.
 */
@GofrWsTest(classes = TestApplication.class,
		properties = { "gofr.ws.heartbeat.ping-interval=30s", "gofr.ws.heartbeat.pong-wait=60s",
				"gofr.ws.endpoints.quiet.heartbeat.enabled=false",
				"gofr.ws.endpoints.hasty.heartbeat.ping-interval=5s",
				"gofr.ws.endpoints.hasty.heartbeat.pong-wait=15s" })
@Import({ ManualTimeConfiguration.class, HeartbeatIntegrationTests.HeartbeatsConfiguration.class })
class HeartbeatIntegrationTests {

	private static final Duration PING_INTERVAL = Duration.ofSeconds(30);

	private static final Duration PONG_WAIT = Duration.ofSeconds(60);

	private static final Duration WAIT = Duration.ofSeconds(10);

	WsClients clients;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	ConnectionSweeper sweeper;

	@Autowired
	ManualTicker ticker;

	@Autowired
	Heartbeats heartbeats;

	@Autowired
	SimpleMeterRegistry meters;

	@AfterEach
	void closeClients() {
		this.clients.close(); // now, so that each test starts with no connection
		soon().until(() -> this.registry.count() == 0);
	}

	/** A bounded wait that looks often: the tests move time, they do not wait for it. */
	private static ConditionFactory soon() {
		return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
	}

	/** A client, and its connection as the server sees it. */
	private record Peer(WsTestClient client, WsConnection connection) {

		String id() {
			return this.connection.id();
		}

	}

	private Peer connect(String route, boolean answersPings) {
		// registered first, then open: wait for both, so that a sweep finds it as the peer does
		Set<String> known = this.registry.connections(route).stream().map(WsConnection::id).collect(Collectors.toSet());
		WsTestClient client = this.clients.to(route).autoPong(answersPings).connect();
		WsConnection connection = soon()
			.until(() -> this.registry.connections(route).stream().filter((c) -> !known.contains(c.id()) && c.isOpen()).findFirst(),
					Optional::isPresent)
			.orElseThrow();
		return new Peer(client, connection);
	}

	/**
	 * Move time on and sweep, once the frames already written have left for the peer's socket, as
	 * they would have long before in real time.
	 */
	private void sweepAfter(Duration elapsed) {
		soon().until(() -> this.registry.connections().stream().allMatch((c) -> c.info().bytesQueued() == 0));
		this.ticker.advance(elapsed);
		this.sweeper.sweep();
	}

	@Test
	void aClientThatAnswersPingsStaysConnected() {
		Peer peer = connect("echo", true);
		for (int i = 1; i <= 5; i++) { // two and a half minutes: more than twice the pong wait
			sweepAfter(PING_INTERVAL);
			int pings = i;
			soon().until(() -> this.heartbeats.pongs(peer.id()) == pings);
		}
		assertThat(peer.connection().isOpen()).isTrue();
		assertThat(this.heartbeats.pings(peer.id())).isEqualTo(5);
		peer.client().sendText("still here");
		assertThat(peer.client().awaitText()).isEqualTo("still here");
	}

	@Test
	void theRoundTripIsMeasuredFromThePingsPayload() {
		Timer roundTrips = this.meters.timer("gofr.ws.heartbeat.rtt", "endpoint", "echo");
		long measured = roundTrips.count();
		double measuredMillis = roundTrips.totalTime(TimeUnit.MILLISECONDS);
		Peer peer = connect("echo", false);
		sweepAfter(PING_INTERVAL);
		byte[] ping = peer.client().awaitPing();
		this.ticker.advance(Duration.ofMillis(250));
		peer.client().sendPong(ping);
		soon().until(() -> !this.heartbeats.roundTrips(peer.id()).isEmpty());
		assertThat(this.heartbeats.roundTrips(peer.id())).containsExactly(Duration.ofMillis(250));
		assertThat(roundTrips.count()).isEqualTo(measured + 1);
		assertThat(roundTrips.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(measuredMillis + 250, within(0.001));
	}

	@Test
	void aClientThatNeitherAnswersNorTalksIsClosedWith4408OncePongWaitHasPassed() {
		double timeouts = this.meters.counter("gofr.ws.heartbeat.timeouts", "endpoint", "echo").count();
		Peer silent = connect("echo", false);
		sweepAfter(PING_INTERVAL);
		soon().until(() -> silent.client().pingsReceived() == 1);
		sweepAfter(PING_INTERVAL);
		soon().until(() -> silent.client().pingsReceived() == 2);
		assertThat(silent.connection().isOpen()).as("silent for exactly the pong wait").isTrue();
		sweepAfter(Duration.ofMillis(1));
		assertThat(silent.client().awaitClose(WAIT)).hasCode(4408);
		assertThat(this.heartbeats.timeouts(silent.id())).containsExactly(PONG_WAIT.plusMillis(1));
		assertThat(this.meters.counter("gofr.ws.heartbeat.timeouts", "endpoint", "echo").count())
			.isEqualTo(timeouts + 1);
		soon().until(() -> this.registry.count("echo") == 0);
	}

	@Test
	void aClientThatDoesNotAnswerButTalksStaysConnectedAndCostsNoPings() {
		Peer talker = connect("echo", false);
		Peer listener = connect("echo", true); // answers pings, says nothing
		for (int i = 0; i < 6; i++) { // two minutes: twice the pong wait
			sweepAfter(Duration.ofSeconds(20));
			soon()
				.until(() -> this.heartbeats.pongs(listener.id()) == this.heartbeats.pings(listener.id()));
			talker.client().sendText("tick");
			assertThat(talker.client().awaitText()).isEqualTo("tick");
		}
		assertThat(talker.connection().isOpen()).isTrue();
		assertThat(this.heartbeats.pings(talker.id())).as("pings to the talking connection").isZero();
		assertThat(this.heartbeats.pings(listener.id())).as("pings to the quiet connection, at 40, 80 and 120 s")
			.isEqualTo(3);
	}

	@Test
	void anEndpointCanTurnTheHeartbeatOff() {
		Peer silent = connect("quiet", false);
		sweepAfter(Duration.ofMinutes(10));
		assertThat(silent.connection().isOpen()).isTrue();
		assertThat(this.heartbeats.pings(silent.id())).isZero();
		silent.client().sendText("still here");
		assertThat(silent.client().awaitText()).isEqualTo("still here");
		assertThat(silent.client().pingsReceived()).isZero();
	}

	@Test
	void anEndpointCanHaveItsOwnTimings() {
		Peer global = connect("echo", false);
		Peer hasty = connect("hasty", false);
		sweepAfter(Duration.ofSeconds(5));
		assertThat(this.heartbeats.pings(hasty.id())).isOne();
		assertThat(this.heartbeats.pings(global.id())).isZero();
		soon().until(() -> hasty.client().pingsReceived() == 1);
		sweepAfter(Duration.ofSeconds(10).plusMillis(1));
		assertThat(hasty.client().awaitClose(WAIT)).hasCode(4408);
		assertThat(global.connection().isOpen()).as("the connection with the global 60 s pong wait").isTrue();
		sweepAfter(Duration.ofSeconds(45));
		assertThat(global.client().awaitClose(WAIT)).hasCode(4408);
	}

	@Test
	void aConnectionCanTurnItsHeartbeatOff() {
		Peer silent = connect("ownHeartbeat", false);
		silent.client().sendText("heartbeat off");
		assertThat(silent.client().awaitText()).isEqualTo("ok");
		sweepAfter(Duration.ofMinutes(10));
		assertThat(silent.connection().isOpen()).isTrue();
		assertThat(this.heartbeats.pings(silent.id())).isZero();
	}

	@Test
	void aConnectionCanHaveItsOwnTimings() {
		Peer silent = connect("ownHeartbeat", false);
		silent.client().sendText("heartbeat 3000 6000");
		assertThat(silent.client().awaitText()).isEqualTo("ok");
		sweepAfter(Duration.ofSeconds(3));
		soon().until(() -> silent.client().pingsReceived() == 1);
		sweepAfter(Duration.ofSeconds(3));
		soon().until(() -> silent.client().pingsReceived() == 2);
		assertThat(silent.connection().isOpen()).as("silent for exactly its own pong wait").isTrue();
		silent.client().sendText("heartbeat 100 300");
		assertThat(silent.client().awaitText()).isEqualTo("ok");
		sweepAfter(Duration.ofMillis(301));
		assertThat(silent.client().awaitClose(WAIT)).hasCode(4408);
		assertThat(this.heartbeats.timeouts(silent.id())).containsExactly(Duration.ofMillis(301));
	}

	@Test
	void aClientThatVanishesWithoutATcpCloseIsReaped() {
		Peer vanished = connect("echo", true);
		vanished.client().pauseReading();
		// its last words take the one frame its socket had still asked for: from then on it reads
		// nothing, so answers no ping, and writes nothing
		vanished.client().sendText("last words");
		soon().until(() -> vanished.connection().info().messagesSent() == 1);
		sweepAfter(PING_INTERVAL);
		assertThat(this.heartbeats.pings(vanished.id())).isOne();
		sweepAfter(PING_INTERVAL.plusMillis(1));
		assertThat(this.heartbeats.timeouts(vanished.id())).containsExactly(PONG_WAIT.plusMillis(1));
		// nor does it answer the close: where the container waits for that, the next sweeps end it
		soon().until(() -> {
			this.sweeper.sweep();
			return this.registry.count("echo") == 0;
		});
	}

	@Test
	void theApplicationsOwnPingsAreAnsweredAndSeen() {
		Peer peer = connect("echo", true);
		peer.connection().sendPing("app".getBytes());
		soon().until(() -> this.heartbeats.payloads.contains("app"));
		assertThat(peer.client().awaitMatching(Frame.Ping.class::isInstance, WAIT)).isNotNull();
		assertThat(this.heartbeats.roundTrips(peer.id())).as("no round trip for a ping of the application's").isEmpty();
	}

	@TestConfiguration
	static class HeartbeatsConfiguration {

		@Bean
		Heartbeats heartbeats() {
			return new Heartbeats();
		}

	}

	/** What the heartbeat listeners were told, per connection. */
	static final class Heartbeats implements HeartbeatListener {

		private final List<Event> events = new CopyOnWriteArrayList<>();

		final List<String> payloads = new CopyOnWriteArrayList<>();

		@Override
		public void pingSent(WsConnection connection) {
			this.events.add(new Event(connection.id(), "ping", null));
		}

		@Override
		public void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
			this.events.add(new Event(connection.id(), "pong", roundTrip));
			this.payloads.add(new String(payload));
		}

		@Override
		public void timedOut(WsConnection connection, Duration silence) {
			this.events.add(new Event(connection.id(), "timeout", silence));
		}

		int pings(String connection) {
			return of(connection, "ping").size();
		}

		int pongs(String connection) {
			return of(connection, "pong").size();
		}

		List<Duration> roundTrips(String connection) {
			return of(connection, "pong").stream().map(Event::duration).filter(Objects::nonNull).toList();
		}

		List<Duration> timeouts(String connection) {
			return of(connection, "timeout").stream().map(Event::duration).toList();
		}

		private List<Event> of(String connection, String kind) {
			return this.events.stream()
				.filter((event) -> event.connection().equals(connection) && event.kind().equals(kind))
				.toList();
		}

		record Event(String connection, String kind, @Nullable Duration duration) {
		}

	}

}
