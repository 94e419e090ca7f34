package dev.gofr.ws.test;

import java.util.List;
import java.util.Map;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void aConnectionToAPathOfTheRouteHasItsVariablesAndQuery() {
		InMemoryRoute rooms = InMemoryRoute.of(WsRoute.of("/ws/{tenant}/rooms/{room}",
				(connection, message) -> connection.pathVariable("room") + " " + connection.queryParameter("v")));
		InMemoryConnection connection = rooms.connect("/ws/acme/rooms/caf%C3%A9?v=2&token=a%2Bb");
		assertThat(connection.pathVariables()).containsOnly(Map.entry("tenant", "acme"), Map.entry("room", "café"));
		assertThat(connection.pathVariable("room")).isEqualTo("café");
		assertThat(connection.queryParameter("token")).isEqualTo("a+b");
		assertThat(connection.handshakeHeader("X-Tenant")).isNull();
		connection.receiveText("hi");
		assertThat(connection).hasSentTexts("café 2");
	}

	@Test
	void aHandshakeCarriesHeadersAndAPrincipal() {
		InMemoryRoute rooms = InMemoryRoute.of(WsRoute.of("/ws/rooms/{room}", (connection, message) -> null));
		InMemoryConnection connection = rooms.handshake()
			.uri("/ws/rooms/lobby")
			.header("X-Tenant", "acme")
			.principal(() -> "alice")
			.connect();
		assertThat(connection.pathVariable("room")).isEqualTo("lobby");
		assertThat(connection.queryParameter("v")).isNull();
		assertThat(connection.handshakeHeader("x-tenant")).isEqualTo("acme");
		assertThat(connection.principal().getName()).isEqualTo("alice");
	}

	@Test
	void aPathThatIsNotTheRoutesIsRefusedAsAServerWould() {
		InMemoryRoute rooms = InMemoryRoute.of(WsRoute.of("/ws/rooms/{room}", (connection, message) -> null));
		assertThatIllegalArgumentException().isThrownBy(() -> rooms.connect("/ws/rooms/a/b"))
			.withMessageContaining("/ws/rooms/a/b")
			.withMessageContaining("/ws/rooms/{room}")
			.withMessageContaining("404");
		assertThat(rooms.server().registry().count()).isZero();
	}

	@Test
	void aConnectionWithoutAPathHasNoVariables() {
		InMemoryConnection connection = InMemoryRoute
			.of(WsRoute.of("/ws/rooms/{room}", (peer, message) -> null)).connect();
		assertThat(connection.pathVariables()).isEmpty();
		assertThat(connection.pathVariable("room")).isNull();
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
