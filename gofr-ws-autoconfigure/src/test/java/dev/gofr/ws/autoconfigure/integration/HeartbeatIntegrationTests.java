package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.registry.SessionRegistry;
import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pings every 300 ms and a pong wait of 1 s: peers that answer, or talk, stay; silent ones (test
 * clients that leave pings unanswered) are closed with 4408.
 */
@GofrWsTest(classes = TestApplication.class,
		properties = { "gofr.ws.heartbeat.ping-interval=300ms", "gofr.ws.heartbeat.pong-wait=1s",
				"gofr.ws.endpoints.quiet.heartbeat.enabled=false",
				"gofr.ws.endpoints.hasty.heartbeat.ping-interval=100ms",
				"gofr.ws.endpoints.hasty.heartbeat.pong-wait=400ms" })
@Import(HeartbeatIntegrationTests.HeartbeatsConfiguration.class)
class HeartbeatIntegrationTests {

	WsClients clients;

	@Autowired
	SessionRegistry registry;

	@Autowired
	Heartbeats heartbeats;

	@Autowired
	SimpleMeterRegistry meters;

	private WsTestClient silent(String route) {
		return this.clients.to(route).autoPong(false).connect();
	}

	@Test
	void aClientThatAnswersPingsStaysConnected() {
		try (WsTestClient client = this.clients.connect("echo")) {
			await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).until(() -> !client.isClosed());
			client.sendText("still here");
			assertThat(client.awaitText()).isEqualTo("still here");
			assertThat(this.heartbeats.roundTrips).as("round trips measured from the ping payload")
				.hasSizeGreaterThan(20)
				.allSatisfy((rtt) -> assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(1)));
			assertThat(this.meters.get("gofr.ws.heartbeat.rtt").tag("endpoint", "echo").timer().count())
				.isGreaterThan(20);
		}
	}

	@Test
	void aClientThatNeitherAnswersNorTalksIsClosedWith4408WithinAboutPongWait() {
		WsTestClient silent = silent("echo");
		long openedAt = System.nanoTime();
		assertThat(silent.awaitClose(Duration.ofSeconds(5))).hasCode(4408);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt)).as("time to reaping")
			.isBetween(900L, 1_800L);
		assertThat(silent.pingsReceived()).isGreaterThanOrEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count("echo") == 0);
		assertThat(this.heartbeats.timeouts).isNotEmpty();
		assertThat(this.meters.get("gofr.ws.heartbeat.timeouts").tag("endpoint", "echo").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void aClientThatDoesNotAnswerButTalksStaysConnectedAndCostsNoPings() {
		WsTestClient talker = silent("echo");
		WsTestClient listener = this.clients.connect("echo"); // answers pings, says nothing
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		while (System.nanoTime() < end) {
			talker.sendText("tick");
			await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> true);
		}
		assertThat(talker.isClosed()).isFalse();
		assertThat(listener.pingsReceived()).as("pings to the quiet connection").isGreaterThanOrEqualTo(5);
		// its messages prove it alive; a stall of the test thread past the 300 ms interval may cost one
		assertThat(talker.pingsReceived()).as("pings to the talking connection").isLessThanOrEqualTo(1);
	}

	@Test
	void anEndpointCanTurnTheHeartbeatOff() {
		WsTestClient silent = silent("quiet");
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> !silent.isClosed());
		assertThat(silent.pingsReceived()).isZero();
	}

	@Test
	void anEndpointCanHaveItsOwnTimings() {
		// Compared with a connection of the global settings opened just before it, so that a slow machine delays both
		WsTestClient global = silent("echo");
		WsTestClient silent = silent("hasty");
		long openedAt = System.nanoTime();
		assertThat(silent.awaitClose(Duration.ofSeconds(5))).hasCode(4408);
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt)).as("time to reaping")
			.isGreaterThanOrEqualTo(350L);
		assertThat(global.isClosed()).as("the connection with the global 1 s pong wait, silent for longer").isFalse();
		assertThat(global.awaitClose(Duration.ofSeconds(5))).hasCode(4408);
	}

	@Test
	void aConnectionCanTurnItsHeartbeatOff() {
		WsTestClient silent = silent("ownHeartbeat");
		silent.sendText("heartbeat off");
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> !silent.isClosed());
	}

	@Test
	void aConnectionCanHaveItsOwnTimings() {
		WsTestClient silent = silent("ownHeartbeat");
		silent.sendText("heartbeat 3000 6000");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !silent.isClosed());
		silent.sendText("heartbeat 100 300");
		assertThat(silent.awaitClose(Duration.ofSeconds(5))).hasCode(4408);
	}

	@Test
	void aClientThatVanishesWithoutATcpCloseIsReaped() {
		WsTestClient vanished = this.clients.connect("echo");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count("echo") == 1);
		WsConnection connection = this.registry.connections("echo").iterator().next();
		vanished.pauseReading(); // it reads nothing, so answers no ping, and writes nothing
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count("echo") == 0);
		assertThat(this.heartbeats.timedOut).contains(connection.id());
	}

	@Test
	void theApplicationsOwnPingsAreAnsweredAndSeen() {
		try (WsTestClient client = this.clients.connect("echo")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count("echo") == 1);
			WsConnection connection = this.registry.connections("echo").iterator().next();
			connection.sendPing("app".getBytes());
			await().atMost(Duration.ofSeconds(5)).until(() -> this.heartbeats.payloads.contains("app"));
			assertThat(client.awaitMatching(Frame.Ping.class::isInstance, Duration.ofSeconds(2))).isNotNull();
		}
	}

	@TestConfiguration
	static class HeartbeatsConfiguration {

		@Bean
		Heartbeats heartbeats() {
			return new Heartbeats();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	static final class Heartbeats implements HeartbeatListener {

		final List<Duration> roundTrips = new CopyOnWriteArrayList<>();

		final List<String> payloads = new CopyOnWriteArrayList<>();

		final List<String> timedOut = new CopyOnWriteArrayList<>();

		final List<Duration> timeouts = new CopyOnWriteArrayList<>();

		@Override
		public void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
			if (roundTrip != null) {
				this.roundTrips.add(roundTrip);
			}
			this.payloads.add(new String(payload));
		}

		@Override
		public void timedOut(WsConnection connection, Duration silence) {
			this.timedOut.add(connection.id());
			this.timeouts.add(silence);
		}

	}

}
