package dev.gofr.ws.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GracefulShutdown}: handshakes refused once stopping and waited for while in
 * flight, and connections that do not close in time cut off, on a {@link ManualTicker} that the
 * tests move. The connections' own closing is covered end to end by the integration tests.
 */
class GracefulShutdownTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ManualTicker ticker = new ManualTicker();

	private final NodeServices node = new NodeServices(new ConnectionRegistry(), new Rooms(), new JacksonPayloadCodec(),
			new JsonErrorFrameFormat(), List.of(), List.of(), 1, false, this.ticker);

	private final GracefulShutdown shutdown = new GracefulShutdown(this.node, TIMEOUT);

	private final WebSocketHandler handler = new TextWebSocketHandler();

	@AfterEach
	void close() {
		this.node.close();
	}

	private Handshake handshake() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
		MockHttpServletResponse response = new MockHttpServletResponse();
		Map<String, Object> attributes = new HashMap<>();
		boolean admitted = this.shutdown.beforeHandshake(new ServletServerHttpRequest(request),
				new ServletServerHttpResponse(response), this.handler, attributes);
		return new Handshake(request, response, attributes, admitted);
	}

	private void after(Handshake handshake, int status) {
		handshake.response.setStatus(status);
		this.shutdown.afterHandshake(new ServletServerHttpRequest(handshake.request),
				new ServletServerHttpResponse(handshake.response), this.handler, null);
	}

	@Test
	void handshakesAreRefusedWith503OnceStopping() {
		this.shutdown.start();
		this.shutdown.stop();
		Handshake handshake = handshake();
		assertThat(handshake.admitted).isFalse();
		assertThat(handshake.response.getStatus()).isEqualTo(503);
		assertThat(handshake.response.getHeader("Retry-After")).isEqualTo("5");
	}

	@Test
	void aStopWithNothingOpenAndNoHandshakeInFlightReturnsAtOnce() {
		this.shutdown.start();
		after(handshake(), 403); // refused by a later interceptor: no connection will come
		Handshake upgraded = handshake();
		after(upgraded, 101);
		GracefulShutdown.connected(upgraded.attributes); // its connection came, and is gone again
		assertThat(CompletableFuture.runAsync(this.shutdown::stop)).succeedsWithin(Duration.ofSeconds(2));
	}

	@Test
	void aStopWaitsForAHandshakeInFlightUntilItsConnectionRegisters() {
		this.shutdown.start();
		Handshake inFlight = handshake();
		assertThat(inFlight.admitted).isTrue();
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.shutdown::stop);
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.shutdown.isRunning());
		assertThat(stopping).isNotDone();
		after(inFlight, 101);
		assertThat(stopping).isNotDone(); // upgraded, but its connection is not registered yet
		GracefulShutdown.connected(inFlight.attributes);
		assertThat(stopping).succeedsWithin(10, TimeUnit.SECONDS);
	}

	@Test
	void aHandshakeThatUpgradedButNeverBecameAConnectionHoldsTheStopUpForFiveSecondsAtMost() {
		this.shutdown.start();
		Handshake lost = handshake();
		after(lost, 101); // and then nothing: no connection registers
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.shutdown::stop);
		await().atMost(WAIT).until(() -> !this.shutdown.isRunning());
		this.ticker.advance(Duration.ofSeconds(5));
		assertThat(stopping).isNotDone();
		this.ticker.advance(Duration.ofMillis(1));
		assertThat(stopping).succeedsWithin(WAIT);
	}

	@Test
	void aConnectionWhosePeerStopsReadingGets1001OnlyWhenCutOffAtTheTimeout() {
		RouteWebSocketHandler route = new RouteWebSocketHandler(WsRoute.of("/ws/test", (connection, message) -> null),
				"test", RouteSettings.DEFAULTS, this.node);
		HeldSession session = new HeldSession(route);
		session.release.countDown();
		route.afterConnectionEstablished(session);
		ServerConnection connection = (ServerConnection) this.node.registry().connections().iterator().next();
		session.holdWrites();
		connection.sendText("stuck");
		await().atMost(WAIT).until(() -> session.sent.size() == 1); // the peer reads no more
		this.shutdown.start();
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.shutdown::stop);
		// the 1001 waits behind the stuck write, for as long as the timeout allows
		await().atMost(WAIT).until(() -> connection.state() == ConnectionState.CLOSING);
		this.ticker.advance(TIMEOUT.minusMillis(1));
		await().during(Duration.ofMillis(100)).atMost(WAIT).until(() -> session.closes.isEmpty() && !stopping.isDone());
		this.ticker.advance(Duration.ofMillis(1));
		assertThat(stopping).succeedsWithin(WAIT);
		assertThat(session.closes).containsExactly("1001 Server shutting down");
		assertThat(this.node.registry().count()).isZero();
	}

	record Handshake(MockHttpServletRequest request, MockHttpServletResponse response, Map<String, Object> attributes,
			boolean admitted) {
	}

}
