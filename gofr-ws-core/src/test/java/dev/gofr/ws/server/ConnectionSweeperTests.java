package dev.gofr.ws.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.SendSettings;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ConnectionSweeper}: pings, heartbeat timeouts, send timeouts and vanished
 * transports, on a {@link ManualTicker} that the tests move before they call
 * {@link ConnectionSweeper#sweep()}, through {@link RouteWebSocketHandler}s over hand-written sessions.
 */
class ConnectionSweeperTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration PING_INTERVAL = HeartbeatSettings.DEFAULTS.pingInterval();

	private static final Duration PONG_WAIT = HeartbeatSettings.DEFAULTS.pongWait();

	private static final Duration SEND_TIMEOUT = SendSettings.DEFAULTS.timeout();

	private final ManualTicker ticker = new ManualTicker();

	private final List<CloseStatus> closed = new CopyOnWriteArrayList<>();

	private final List<String> pinged = new CopyOnWriteArrayList<>();

	private final List<Duration> timeouts = new CopyOnWriteArrayList<>();

	private final NodeServices node = new NodeServices(new ConnectionRegistry(), new Rooms(), new JacksonPayloadCodec(),
			new JsonErrorFrameFormat(), List.of(new ConnectionListener() {

				@Override
				public void closed(WsConnection connection, CloseStatus status) {
					ConnectionSweeperTests.this.closed.add(status);
				}

			}), List.of(new HeartbeatListener() {

				@Override
				public void pingSent(WsConnection connection) {
					ConnectionSweeperTests.this.pinged.add(connection.id());
				}

				@Override
				public void timedOut(WsConnection connection, Duration silence) {
					ConnectionSweeperTests.this.timeouts.add(silence);
				}

			}), 1, false, this.ticker);

	private final RouteWebSocketHandler route = route("test", RouteSettings.DEFAULTS);

	private final ConnectionSweeper sweeper = new ConnectionSweeper(this.node, ConnectionSweeper.DEFAULT_TICK);

	@AfterEach
	void stop() {
		this.sweeper.stop();
		this.node.close();
	}

	private RouteWebSocketHandler route(String name, RouteSettings settings) {
		return new RouteWebSocketHandler(WsRoute.of("/ws/" + name, (connection, message) -> null), name, settings,
				this.node);
	}

	/** A connection whose peer answers a close at once. */
	private ServerConnection open(RouteWebSocketHandler route, HeldSession session) {
		session.release.countDown();
		route.afterConnectionEstablished(session);
		return session.connection();
	}

	private ServerConnection open(HeldSession session) {
		return open(this.route, session);
	}

	/**
	 * Move time on and sweep, once the frames already written have left: the peer reads, so in
	 * real time they would have long before.
	 */
	private void sweepAfter(Duration elapsed) {
		await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
			.until(() -> this.node.registry().connections().stream()
				.map(ServerConnection.class::cast)
				.allMatch((connection) -> connection.queue().inFlightSince() == 0));
		this.ticker.advance(elapsed);
		this.sweeper.sweep();
	}

	@Test
	void aSilentConnectionIsPingedEveryIntervalAndClosedWith4408OncePongWaitHasPassed() {
		HeldSession session = new HeldSession(this.route);
		ServerConnection connection = open(session);
		sweepAfter(PING_INTERVAL.minusMillis(1));
		assertThat(this.pinged).isEmpty();
		sweepAfter(Duration.ofMillis(1));
		assertThat(this.pinged).containsExactly(connection.id());
		sweepAfter(PING_INTERVAL);
		assertThat(this.pinged).hasSize(2);
		assertThat(connection.state()).as("silent for exactly the pong wait").isEqualTo(ConnectionState.OPEN);
		sweepAfter(Duration.ofMillis(1));
		assertThat(connection.state()).isNotEqualTo(ConnectionState.OPEN);
		assertThat(this.timeouts).containsExactly(PONG_WAIT.plusMillis(1));
		await().atMost(WAIT).until(() -> !this.closed.isEmpty());
		assertThat(this.closed).containsExactly(new CloseStatus(4408, "Heartbeat timeout"));
		assertThat(session.closes).containsExactly("4408 Heartbeat timeout");
		assertThat(this.node.registry().count()).isZero();
	}

	@Test
	void aConnectionThatAnswersEveryPingStaysOpenLongPastThePongWait() {
		HeldSession session = new HeldSession(this.route);
		ServerConnection connection = open(session);
		for (int i = 1; i <= 10; i++) {
			sweepAfter(PING_INTERVAL);
			assertThat(this.pinged).hasSize(i);
			this.route.handleMessage(session, new PongMessage());
		}
		assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(this.timeouts).isEmpty();
	}

	@Test
	void aConnectionThatTalksIsNeitherPingedNorClosed() {
		HeldSession session = new HeldSession(this.route);
		ServerConnection connection = open(session);
		for (int i = 0; i < 10; i++) {
			sweepAfter(PING_INTERVAL.minusMillis(1));
			connection.touch(); // a message came in
		}
		assertThat(this.pinged).isEmpty();
		assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
	}

	@Test
	void theHeartbeatFollowsTheRoutesSettingsAndEachConnectionsOwn() {
		RouteWebSocketHandler quiet = route("quiet", new RouteSettings(1024, 1024, SendSettings.DEFAULTS,
				HeartbeatSettings.OFF));
		ServerConnection onQuiet = open(quiet, new HeldSession(quiet));
		ServerConnection turnedOff = open(new HeldSession(this.route));
		turnedOff.heartbeat(HeartbeatSettings.OFF);
		ServerConnection hasty = open(new HeldSession(this.route));
		hasty.heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(10));
		ServerConnection usual = open(new HeldSession(this.route));

		sweepAfter(Duration.ofSeconds(5));
		assertThat(this.pinged).containsExactly(hasty.id());
		sweepAfter(Duration.ofSeconds(5).plusMillis(1));
		assertThat(hasty.state()).isNotEqualTo(ConnectionState.OPEN);
		assertThat(usual.state()).isEqualTo(ConnectionState.OPEN);

		sweepAfter(Duration.ofMinutes(10));
		assertThat(usual.state()).isNotEqualTo(ConnectionState.OPEN);
		assertThat(onQuiet.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(turnedOff.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(this.pinged).doesNotContain(onQuiet.id(), turnedOff.id());
		await().atMost(WAIT).until(() -> this.closed.size() == 2);
		assertThat(this.closed).containsOnly(new CloseStatus(4408, "Heartbeat timeout"));
	}

	@Test
	void aWriteStuckLongerThanTheSendTimeoutIsCutOffWith1013() {
		HeldSession session = new HeldSession(this.route);
		ServerConnection connection = open(session);
		session.holdWrites();
		connection.sendText("stuck");
		await().atMost(WAIT).until(() -> session.sent.size() == 1); // the write has begun, and waits for the peer
		this.ticker.advance(SEND_TIMEOUT);
		this.sweeper.sweep();
		assertThat(connection.state()).as("stuck for exactly the send timeout").isEqualTo(ConnectionState.OPEN);
		this.ticker.advance(Duration.ofMillis(1));
		this.sweeper.sweep();
		await().atMost(WAIT).until(() -> !this.closed.isEmpty());
		assertThat(this.closed).containsExactly(new CloseStatus(1013, "Send timeout"));
		assertThat(session.closes).containsExactly("1013 Send timeout");
	}

	@Test
	void aConnectionWhoseTransportVanishedIsTakenOutOfServiceOnTheThirdSweep() {
		HeldSession session = new HeldSession(this.route);
		open(session);
		session.vanish();
		this.sweeper.sweep();
		this.sweeper.sweep();
		assertThat(this.node.registry().count()).isOne();
		this.sweeper.sweep();
		assertThat(this.node.registry().count()).isZero();
		assertThat(this.closed).containsExactly(CloseStatus.NO_CLOSE_FRAME);
	}

	@Test
	void onceStartedItsThreadSweepsAtEveryTick() {
		ConnectionSweeper ticking = new ConnectionSweeper(this.node, ConnectionSweeper.MIN_TICK);
		ServerConnection connection = open(new HeldSession(this.route));
		ticking.start();
		try {
			assertThat(ticking.isRunning()).isTrue();
			this.ticker.advance(PING_INTERVAL);
			await().atMost(WAIT).until(() -> this.pinged.contains(connection.id()));
		}
		finally {
			ticking.stop();
		}
		assertThat(ticking.isRunning()).isFalse();
	}

	@Test
	void theTickServesTheShortestTimingWithinItsBounds() {
		assertThat(ConnectionSweeper.tickFor(List.of(HeartbeatSettings.DEFAULTS), List.of(SEND_TIMEOUT)))
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(ConnectionSweeper.tickFor(List.of(HeartbeatSettings.of(Duration.ofMillis(400), Duration.ofSeconds(2))),
				List.of(SEND_TIMEOUT)))
			.as("a quarter of the ping interval")
			.isEqualTo(Duration.ofMillis(100));
		assertThat(ConnectionSweeper.tickFor(List.of(HeartbeatSettings.of(Duration.ofSeconds(2), Duration.ofSeconds(2))),
				List.of(SEND_TIMEOUT)))
			.as("a tenth of the pong wait")
			.isEqualTo(Duration.ofMillis(200));
		assertThat(ConnectionSweeper.tickFor(List.of(HeartbeatSettings.OFF), List.of(Duration.ofMillis(500))))
			.as("a tenth of the send timeout; a heartbeat that is off does not count")
			.isEqualTo(Duration.ofMillis(50));
		assertThat(ConnectionSweeper.tickFor(List.of(HeartbeatSettings.of(Duration.ofMillis(20), Duration.ofMillis(20))),
				List.of(SEND_TIMEOUT)))
			.isEqualTo(ConnectionSweeper.MIN_TICK);
		assertThat(ConnectionSweeper.tickFor(List.of(), List.of())).isEqualTo(ConnectionSweeper.DEFAULT_TICK);
	}

}
