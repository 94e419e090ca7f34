package dev.gofr.ws.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.handshake.HandshakeCapture;
import dev.gofr.ws.handshake.HandshakeRequest;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.SendSettings;
import dev.gofr.ws.time.ManualTicker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RouteWebSocketHandler}: the container's session adapted to a connection, through the
 * calls a container makes, on a {@link HeldSession} and a node without threads, so that every
 * write and close happens before the call that caused it returns.
 */
class RouteWebSocketHandlerTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final List<@Nullable Duration> roundTrips = new CopyOnWriteArrayList<>();

	private final ManualTicker ticker = new ManualTicker();

	private final NodeServices node = NodeServices.withoutThreads(new ConnectionRegistry(), new Rooms(),
			new JacksonPayloadCodec(), new JsonErrorFrameFormat(), List.of(new ConnectionListener() {

				@Override
				public void error(WsConnection connection, WsErrorCode code) {
					RouteWebSocketHandlerTests.this.calls.add("error " + code);
				}

			}), List.of(new HeartbeatListener() {

				@Override
				public void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
					RouteWebSocketHandlerTests.this.roundTrips.add(roundTrip);
				}

			}), this.ticker, () -> "c1");

	private final RouteWebSocketHandler handler = new RouteWebSocketHandler(WsRoute.of("/ws/test", new WsHandler() {

		@Override
		public Object onMessage(WsConnection connection, WsMessage message) {
			RouteWebSocketHandlerTests.this.calls.add(message.type() + " " + message.size());
			return message.payload();
		}

		@Override
		public void onError(WsConnection connection, Throwable error) {
			RouteWebSocketHandlerTests.this.calls.add("onError " + error.getMessage());
		}

		@Override
		public void onClose(WsConnection connection, CloseStatus status) {
			RouteWebSocketHandlerTests.this.calls.add("onClose " + status.getCode());
		}

	}), "test", new RouteSettings(8, 8, SendSettings.DEFAULTS, RouteSettings.DEFAULTS.heartbeat()),
			this.node);

	private HeldSession open() {
		HeldSession session = new HeldSession(this.handler);
		session.release.countDown(); // the peer answers a close at once
		this.handler.afterConnectionEstablished(session);
		return session;
	}

	@Test
	void aSessionBecomesAnOpenRegisteredConnection() {
		HeldSession session = open();
		ServerConnection connection = session.connection();
		assertThat(connection.isOpen()).isTrue();
		assertThat(this.node.registry().find("c1")).containsSame(connection);
	}

	@Test
	void theConnectionHasWhatTheHandshakeKeptAndTheSessionNoLongerHoldsIt() {
		HeldSession session = new HeldSession(this.handler);
		session.release.countDown();
		session.getAttributes()
			.put(HandshakeCapture.ATTRIBUTE,
					HandshakeRequest.of(Map.of("room", "lobby"), "token=abc", Map.of("X-Tenant", "acme")));
		this.handler.afterConnectionEstablished(session);
		ServerConnection connection = session.connection();
		assertThat(connection.pathVariables()).containsExactly(Map.entry("room", "lobby"));
		assertThat(connection.pathVariable("room")).isEqualTo("lobby");
		assertThat(connection.pathVariable("other")).isNull();
		assertThat(connection.queryParameter("token")).isEqualTo("abc");
		assertThat(connection.handshakeHeader("x-tenant")).isEqualTo("acme");
		assertThat(session.getAttributes()).doesNotContainKey(HandshakeCapture.ATTRIBUTE);
	}

	@Test
	void aConnectionWhoseHandshakeKeptNothingHasNothing() {
		ServerConnection connection = open().connection();
		assertThat(connection.pathVariables()).isEmpty();
		assertThat(connection.queryParameter("token")).isNull();
		assertThat(connection.handshakeHeader("X-Tenant")).isNull();
	}

	@Test
	void aMessageArrivingInPartsReachesTheHandlerWhole() {
		HeldSession session = open();
		this.handler.handleMessage(session, new TextMessage("abc", false));
		this.handler.handleMessage(session, new TextMessage("def", true));
		this.handler.handleMessage(session, new BinaryMessage(new byte[] { 1, 2 }, false));
		this.handler.handleMessage(session, new BinaryMessage(new byte[] { 3 }, true));
		assertThat(this.calls).containsExactly("TEXT 6", "BINARY 3");
		assertThat(session.sent).hasSize(2);
		assertThat(session.sent.get(0).getPayload()).isEqualTo("abcdef");
	}

	@Test
	void aMessageOverTheLimitClosesWith1009() {
		HeldSession session = open();
		this.handler.handleMessage(session, new TextMessage("12345", false));
		this.handler.handleMessage(session, new TextMessage("6789", true));
		assertThat(session.closes).singleElement().asString().startsWith("1009 ");
		assertThat(this.calls).containsExactly("error MESSAGE_TOO_BIG", "onClose 1009");
		assertThat(this.node.registry().count()).isZero();
	}

	@Test
	void aPongToTheHeartbeatsPingMeasuresTheRoundTripOnTheTicker() {
		HeldSession session = open();
		this.ticker.advance(RouteSettings.DEFAULTS.heartbeat().pingInterval());
		session.connection().sweep(this.ticker.nanos());
		PingMessage ping = (PingMessage) session.sent.get(0);
		this.ticker.advance(Duration.ofMillis(250));
		this.handler.handleMessage(session, new PongMessage(ping.getPayload()));
		this.handler.handleMessage(session, new PongMessage(ByteBuffer.wrap("app".getBytes())));
		assertThat(this.roundTrips).containsExactly(Duration.ofMillis(250), null); // the application's own: no round trip
	}

	@Test
	void aTransportErrorReachesOnErrorAndTheContainersCloseEndsTheConnection() {
		HeldSession session = open();
		this.handler.handleTransportError(session, new IOException("Connection reset"));
		this.handler.afterConnectionClosed(session, CloseStatus.GOING_AWAY);
		this.handler.afterConnectionClosed(session, CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.calls).containsExactly("onError Connection reset", "onClose 1001");
		assertThat(this.node.registry().count()).isZero();
	}

}
