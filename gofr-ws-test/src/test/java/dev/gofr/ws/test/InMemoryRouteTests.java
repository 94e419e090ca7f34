package dev.gofr.ws.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemoryRoute}.
 */
class InMemoryRouteTests {

	@Test
	void ofNamesTheEndpointAfterThePath() {
		InMemoryRoute route = InMemoryRoute.of(WsRoute.of("/ws/echo", (connection, message) -> null));
		assertThat(route.name()).isEqualTo("echo");
		assertThat(route.route().path()).isEqualTo("/ws/echo");
	}

	@Test
	void connectRegistersTheConnectionAndCallsOnOpen() {
		List<String> opened = new CopyOnWriteArrayList<>();
		InMemoryRoute route = InMemoryRoute.of(WsRoute.of("/ws/greet", new WsHandler() {

			@Override
			public Object onMessage(WsConnection connection, WsMessage message) {
				return null;
			}

			@Override
			public void onOpen(WsConnection connection) {
				opened.add(connection.id());
				connection.sendText("welcome");
			}

		}));
		InMemoryConnection connection = route.connect();
		assertThat(opened).containsExactly(connection.id());
		assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(connection.endpoint()).isEqualTo("greet");
		assertThat(route.server().registry().count("greet")).isOne();
		assertThat(connection).hasSentTexts("welcome");
	}

	@Test
	void anOnOpenThatFailsClosesWith1011AndCallsOnClose() {
		List<CloseStatus> closed = new CopyOnWriteArrayList<>();
		InMemoryRoute route = InMemoryRoute.of(WsRoute.of("/ws/broken", new WsHandler() {

			@Override
			public Object onMessage(WsConnection connection, WsMessage message) {
				return null;
			}

			@Override
			public void onOpen(WsConnection connection) {
				throw new IllegalStateException("cannot open");
			}

			@Override
			public void onClose(WsConnection connection, CloseStatus status) {
				closed.add(status);
			}

		}));
		InMemoryConnection connection = route.connect();
		assertThat(connection).isClosedWith(1011).hasReason("Internal error");
		assertThat(closed).extracting(CloseStatus::getCode).containsExactly(1011);
		assertThat(route.server().registry().count()).isZero();
	}

	@Test
	void connectWithAPrincipalGivesItToTheHandler() {
		InMemoryRoute route = InMemoryRoute
			.of(WsRoute.of("/ws/me", (connection, message) -> connection.principal().getName()));
		InMemoryConnection connection = route.connect(() -> "alice");
		connection.receiveText("who am I?");
		assertThat(connection).lastMessage().hasText("alice");
	}

	@Test
	void aRouteThatClosesOnErrorsClosesWithTheErrorsCode() {
		InMemoryRoute route = InMemoryRoute.of(WsRoute.of("/ws/strict", (connection, message) -> {
			throw new dev.gofr.ws.error.WsException(WsErrorCode.FORBIDDEN, "not yours");
		}).withErrorPolicy(dev.gofr.ws.route.ErrorPolicy.CLOSE));
		InMemoryConnection connection = route.connect().receiveText("take");
		assertThat(connection).isClosedWith(1008).hasReason("not yours");
		assertThat(connection).hasSentNothing();
	}

}
