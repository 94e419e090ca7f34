package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections enter the registry once open and leave it exactly once, however they end; handler
 * failures are reported without harming the connection or others.
 */
@GofrWsTest(classes = TestApplication.class)
class ConnectionLifecycleIntegrationTests {

	WsClients clients;

	@Autowired
	ConnectionRegistry registry;

	@Test
	void clientsThatVanishWithoutACloseFrameLeaveTheRegistry() {
		int before = TestApplication.CLOSED.size();
		List<WsTestClient> vanishing = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			WsTestClient client = this.clients.connect("echo");
			client.sendText("hi " + i);
			assertThat(client.awaitText()).isEqualTo("hi " + i);
			vanishing.add(client);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count("echo") == 20);
		List<WsConnection> connections = List.copyOf(this.registry.connections("echo"));
		vanishing.forEach(WsTestClient::abort);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 0);
		assertThat(connections).allSatisfy((connection) -> {
			assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
			assertThat(connection.isOpen()).isFalse();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> TestApplication.CLOSED.size() - before == 20);
	}

	@Test
	void aNormalCloseLeavesTheRegistryOnce() {
		int before = TestApplication.CLOSED.size();
		try (WsTestClient client = this.clients.connect("echo")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count("echo") == 1);
			client.sendClose(1000, "bye");
			assertThat(client.awaitClose()).hasCode(1000);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count() == 0);
		await().atMost(Duration.ofSeconds(5)).until(() -> TestApplication.CLOSED.size() - before == 1);
	}

	@Test
	void aHandlerExceptionSendsTheInternalErrorFrameAndTheConnectionStillWorks() {
		try (WsTestClient client = this.clients.connect("failing")) {
			client.sendText("boom");
			assertThat(client.awaitText())
				.isEqualTo("{\"type\":\"error\",\"code\":\"INTERNAL\",\"message\":\"Internal error\"}");
			client.sendText("still here");
			assertThat(client.awaitText()).isEqualTo("still here");
		}
	}

	@Test
	void aWsExceptionReportsItsOwnCode() {
		try (WsTestClient client = this.clients.connect("failing")) {
			client.sendText("deny");
			assertThat(client.awaitText())
				.isEqualTo("{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"not yours\"}");
			client.sendText("json");
			assertThat(client.awaitText()).startsWith("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\"");
			client.sendText("ok");
			assertThat(client.awaitText()).isEqualTo("ok");
		}
	}

	@Test
	void aRouteWhosePolicyIsToCloseClosesWith1011() {
		try (WsTestClient client = this.clients.connect("failingCloses")) {
			client.sendText("boom");
			assertThat(client.awaitClose()).hasCode(1011);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count() == 0);
	}

	@Test
	void aFailingOpenCallbackClosesWith1011AndLeavesNothingRegistered() {
		try (WsTestClient client = this.clients.connect("openFails")) {
			assertThat(client.awaitClose()).hasCode(1011);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count() == 0);
	}

	@Test
	void oneFailingConnectionDoesNotDisturbAnother() {
		try (WsTestClient healthy = this.clients.connect("echo");
				WsTestClient failing = this.clients.connect("failingCloses")) {
			failing.sendText("boom");
			assertThat(failing.awaitClose()).hasCode(1011);
			healthy.sendText("fine");
			assertThat(healthy.awaitText()).isEqualTo("fine");
		}
	}

	@Test
	void connectionIdsAreServerGeneratedAndInfoIsFilledIn() {
		try (WsTestClient client = this.clients.connect("echo")) {
			client.sendText("count me");
			client.awaitText();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.registry.count("echo") == 1);
			WsConnection connection = this.registry.connections("echo").iterator().next();
			assertThat(connection.id()).matches("[A-Za-z0-9_-]{16}");
			assertThat(this.registry.find(connection.id())).containsSame(connection);
			await().atMost(Duration.ofSeconds(5)).until(() -> connection.info().messagesSent() == 1);
			assertThat(connection.info()).satisfies((info) -> {
				assertThat(info.endpoint()).isEqualTo("echo");
				assertThat(info.state()).isEqualTo(ConnectionState.OPEN);
				assertThat(info.messagesReceived()).isEqualTo(1);
				assertThat(info.bytesReceived()).isEqualTo("count me".length());
				assertThat(info.bytesSent()).isEqualTo("count me".length());
				assertThat(info.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
				assertThat(info.lastActivity()).isAfterOrEqualTo(info.connectedAt());
			});
			connection.set("name", "alice");
			assertThat(connection.get("name", String.class)).isEqualTo("alice");
			assertThat(connection.metadata()).containsEntry("name", "alice");
			assertThat(connection.remove("name")).isEqualTo("alice");
			assertThat(connection.metadata()).isEmpty();
		}
	}

}
