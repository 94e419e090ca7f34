package dev.gofr.ws.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WsClients}.
 */
class WsClientsTests {

	private static final ScriptedServer server = ScriptedServer.shared();

	private WsClients clients() {
		Map<String, String> paths = Map.of("echo", "/ws/echo", "rooms", "/ws/{tenant}/rooms/{room}");
		return new WsClients("ws://127.0.0.1:" + server.getPort() + "/", (route) -> {
			String path = paths.get(route);
			if (path == null) {
				throw new IllegalArgumentException("No WebSocket endpoint named '" + route + "'");
			}
			return path;
		});
	}

	@Test
	void resolvesARoutesAddressByName() {
		assertThat(clients().uri("echo")).hasToString("ws://127.0.0.1:" + server.getPort() + "/ws/echo");
		assertThat(clients().to("echo").query("token=a").uri()).hasQuery("token=a");
	}

	@Test
	void fillsATemplatesVariablesInOrderEachEncodedAsOneSegment() {
		assertThat(clients().uri("rooms", "acme", "café/bar"))
			.hasToString("ws://127.0.0.1:" + server.getPort() + "/ws/acme/rooms/caf%C3%A9%2Fbar");
		assertThat(clients().to("rooms", "acme", "lobby").query("v=2").uri()).hasPath("/ws/acme/rooms/lobby")
			.hasQuery("v=2");
		assertThatIllegalArgumentException().isThrownBy(() -> clients().uri("rooms", "acme"));
	}

	@Test
	void anUnknownRouteFailsNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> clients().connect("chat")).withMessageContaining("'chat'");
	}

	@Test
	void closeClosesEveryClientItConnected() {
		WsClients clients = clients();
		WsTestClient byName = clients.connect("echo");
		WsTestClient byPath = clients.toPath("/any?x=1").autoPong(false).connect();
		assertThat(byName.sendText("hi").awaitText()).isEqualTo("hi");
		clients.close();
		assertThat(byName.awaitClose().code()).isEqualTo(1000);
		assertThat(byPath.awaitClose().code()).isEqualTo(1000);
	}

}
