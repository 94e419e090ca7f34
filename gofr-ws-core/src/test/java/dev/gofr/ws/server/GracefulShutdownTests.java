package dev.gofr.ws.server;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.registry.SessionRegistry;
import dev.gofr.ws.room.Rooms;
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
 * Tests for {@link GracefulShutdown}'s handshakes: refused once stopping, and waited for while in
 * flight. The connections' own closing is covered end to end by the integration tests.
 */
class GracefulShutdownTests {

	private final WsServer server = new WsServer(new SessionRegistry(), new Rooms(), new JacksonPayloadCodec(),
			new JsonErrorFrameFormat(), List.of(), List.of());

	private final GracefulShutdown shutdown = new GracefulShutdown(this.server, Duration.ofSeconds(30));

	private final WebSocketHandler handler = new TextWebSocketHandler();

	@AfterEach
	void close() {
		this.server.close();
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

	record Handshake(MockHttpServletRequest request, MockHttpServletResponse response, Map<String, Object> attributes,
			boolean admitted) {
	}

}
