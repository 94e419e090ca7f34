package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.TreeMap;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Routes on path templates, through real sockets: route {@code rooms} on
 * {@code /ws/rooms/{room}} keeps the node's allow-listed header {@code X-Tenant}; route
 * {@code tenantRooms} on {@code /ws/{tenant}/rooms/{room}} keeps its own, {@code X-Client}. Both
 * answer {@code room}, {@code vars}, {@code query:<name>} and {@code header:<name>} with what the
 * connection reports.
 */
@GofrWsTest(classes = { TestApplication.class, PathVariablesIntegrationTests.TemplateRoutes.class },
		properties = { "gofr.ws.handshake.headers=X-Tenant",
				"gofr.ws.endpoints.tenantRooms.handshake.headers=X-Client",
				"management.endpoints.web.exposure.include=websocket" })
@ExtendWith(OutputCaptureExtension.class)
class PathVariablesIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final HttpClient http = HttpClient.newHttpClient();

	WsClients clients;

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	LoggingSystem logging;

	@Test
	void aRouteOnATemplateSeesItsPathVariable() {
		try (WsTestClient lobby = this.clients.to("rooms", "lobby").connect();
				WsTestClient kitchen = this.clients.to("rooms", "kitchen").connect()) {
			assertThat(ask(lobby, "room")).isEqualTo("lobby");
			assertThat(ask(kitchen, "room")).isEqualTo("kitchen");
		}
	}

	@Test
	void aPercentEncodedPathVariableArrivesDecoded() {
		try (WsTestClient client = this.clients.toPath("/ws/rooms/caf%C3%A9%20au%20lait").connect()) {
			assertThat(ask(client, "room")).isEqualTo("café au lait");
		}
	}

	@Test
	void twoVariables() {
		try (WsTestClient client = this.clients.to("tenantRooms", "acme", "lobby").connect()) {
			assertThat(ask(client, "vars")).isEqualTo("{room=lobby, tenant=acme}");
		}
	}

	@Test
	void queryParametersArriveDecoded() {
		try (WsTestClient client = this.clients.to("rooms", "lobby")
			.query("name=caf%C3%A9&token=a%2Bb+c&flag&v=1&v=2")
			.connect()) {
			assertThat(ask(client, "query:name")).isEqualTo("café");
			assertThat(ask(client, "query:token")).isEqualTo("a+b c");
			assertThat(ask(client, "query:flag")).isEmpty();
			assertThat(ask(client, "query:v")).isEqualTo("1");
			assertThat(ask(client, "query:missing")).isEqualTo("null");
		}
	}

	@Test
	void onlyAllowListedHeadersAreKept() {
		try (WsTestClient client = this.clients.to("rooms", "lobby")
			.header("X-Tenant", "acme")
			.header("X-Client", "web")
			.header("Authorization", "Bearer b3arer")
			.connect()) {
			assertThat(ask(client, "header:x-tenant")).isEqualTo("acme");
			assertThat(ask(client, "header:X-Client")).isEqualTo("null");
			assertThat(ask(client, "header:Authorization")).isEqualTo("null");
		}
	}

	@Test
	void aRoutesOwnAllowListReplacesTheNodes() {
		try (WsTestClient client = this.clients.to("tenantRooms", "acme", "lobby")
			.header("X-Tenant", "acme")
			.header("X-Client", "web")
			.connect()) {
			assertThat(ask(client, "header:X-Client")).isEqualTo("web");
			assertThat(ask(client, "header:X-Tenant")).isEqualTo("null");
		}
	}

	@Test
	void aPathOutsideTheTemplateIsNotFound() {
		assertThat(refusal("/ws/rooms/a/b")).isEqualTo(404);
		assertThat(refusal("/ws/rooms/")).isEqualTo(404);
		assertThat(refusal("/ws/acme/rooms")).isEqualTo(404);
	}

	/**
	 * gofr-ws logs at TRACE (where Spring's handshake handler prints the request with its
	 * headers) and Spring's WebSocket support at DEBUG (where it prints each session with its
	 * URI); the levels are set here, since the last application started decides them.
	 */
	@Test
	void aTokenInTheQueryOrAHeaderReachesNeitherTheLogsNorTheActuator(CapturedOutput output) throws Exception {
		String token = "t0ken-in-the-query";
		String bearer = "b3arer-in-a-header";
		this.logging.setLogLevel("dev.gofr.ws", LogLevel.TRACE);
		this.logging.setLogLevel("org.springframework.web.socket", LogLevel.DEBUG);
		try {
			String id;
			try (WsTestClient client = this.clients.to("rooms", "lobby")
				.query("access_token=" + token)
				.header("Authorization", "Bearer " + bearer)
				.connect()) {
				assertThat(ask(client, "room")).isEqualTo("lobby");
				id = ask(client, "id");
				String all = get("/actuator/websocket");
				String one = get("/actuator/websocket/" + id);
				assertThat(all).contains(id).doesNotContain(token, bearer);
				assertThat(one).contains("\"pathVariables\":{\"room\":\"******\"}").doesNotContain(token, bearer);
			}
			await().atMost(WAIT).until(() -> this.registry.find(id).isEmpty());
			assertThat(output.getAll()).as("what was logged")
				.contains("Processing request http://localhost:" + this.port + "/ws/rooms/lobby with headers=")
				.contains("uri=ws://localhost:" + this.port + "/ws/rooms/lobby]") // a session, with its URI
				.contains("Connection " + id + " of endpoint 'rooms' ended")
				.doesNotContain(token)
				.doesNotContain(bearer);
		}
		finally {
			this.logging.setLogLevel("dev.gofr.ws", null);
			this.logging.setLogLevel("org.springframework.web.socket", null);
		}
	}

	private static String ask(WsTestClient client, String question) {
		client.sendText(question);
		return client.awaitText();
	}

	private int refusal(String path) {
		HandshakeFailedException refused = catchThrowableOfType(HandshakeFailedException.class,
				() -> this.clients.toPath(path).timeout(Duration.ofSeconds(5)).connect().close());
		assertThat(refused).as("the handshake on " + path + " was refused").isNotNull();
		return refused.status();
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
		return response.body();
	}

	/**
	 * Answers with what the connection reports of its handshake.
	 */
	static Object describe(WsConnection connection, WsMessage message) {
		String question = message.text();
		if (question.startsWith("query:")) {
			return String.valueOf(connection.queryParameter(question.substring("query:".length())));
		}
		if (question.startsWith("header:")) {
			return String.valueOf(connection.handshakeHeader(question.substring("header:".length())));
		}
		return switch (question) {
			case "room" -> String.valueOf(connection.pathVariable("room"));
			case "vars" -> new TreeMap<>(connection.pathVariables()).toString();
			case "id" -> connection.id();
			default -> "?";
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class TemplateRoutes {

		@Bean
		WsRoute roomsRoute() {
			return WsRoute.of("/ws/rooms/{room}", PathVariablesIntegrationTests::describe);
		}

		@Bean
		WsRoute tenantRoomsRoute() {
			return WsRoute.of("/ws/{tenant}/rooms/{room}", PathVariablesIntegrationTests::describe);
		}

	}

}
