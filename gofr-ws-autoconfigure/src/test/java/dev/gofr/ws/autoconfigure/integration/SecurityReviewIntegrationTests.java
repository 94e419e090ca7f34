package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;

import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Points of the OWASP WebSocket Security Cheat Sheet that no other test shows: what gofr-ws
 * writes to the log, and ending a user's connections the moment they log out.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.dev.gofr.ws=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class SecurityReviewIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry registry;

	private URI uri(String path) {
		return URI.create("ws://localhost:" + this.port + path);
	}

	@Test
	void logsCarryNoTokenHeaderOrPayloadEvenAtDebug(CapturedOutput output) {
		String token = "tok3n-in-the-query";
		String bearer = "b3arer-in-a-header";
		String payload = "pay1oad-in-a-message";
		assertThat(catchThrowableOfType(WsTestClient.HandshakeFailedException.class,
				() -> WsTestClient.connect(uri("/ws/secured?token=" + token), Map.of(), WAIT)).status()).isEqualTo(401);
		try (WsTestClient alice = WsTestClient.connect(uri("/ws/secured?token=good-alice"),
				Map.of("Authorization", "Bearer " + bearer), WAIT);
				WsTestClient validated = WsTestClient.connect(uri("/ws/validated"), Map.of(), WAIT);
				WsTestClient failing = WsTestClient.connect(uri("/ws/failing-closes"), Map.of(), WAIT)) {
			alice.sendText(payload);
			assertThat(alice.awaitText()).isEqualTo("hello alice");
			validated.sendText("{\"type\":\"" + payload + "\",\"room\":"); // malformed: the parser's message is logged
			assertThat(validated.awaitText()).contains("INVALID_PAYLOAD").doesNotContain(payload);
			validated.sendText("{\"type\":\"" + payload + "\",\"room\":\"r\"}"); // schema-invalid
			assertThat(validated.awaitText()).contains("INVALID_PAYLOAD");
			failing.sendText("boom"); // an unexpected exception: logged at WARN with its stack trace
			assertThat(failing.awaitClose().code()).isEqualTo(1011);
		}
		await().atMost(WAIT).until(() -> this.registry.count() == 0);
		assertThat(output.getAll()).as("what was logged")
			.contains("Handler of endpoint 'failingCloses' failed") // gofr-ws did log, at WARN
			.contains("of endpoint 'secured' ended") // and at DEBUG
			.doesNotContain(token)
			.doesNotContain(bearer)
			.doesNotContain(payload);
	}

	@Test
	void aUserWhoLogsOutCanBeCutOffAtOnceWith1008() {
		try (WsTestClient aliceOnPhone = WsTestClient.connect(uri("/ws/secured?token=good-alice"), Map.of(), WAIT);
				WsTestClient aliceOnLaptop = WsTestClient.connect(uri("/ws/secured?token=good-alice"), Map.of(), WAIT);
				WsTestClient bob = WsTestClient.connect(uri("/ws/secured?token=good-bob"), Map.of(), WAIT)) {
			await().atMost(WAIT).until(() -> this.registry.count("secured") == 3);

			// what an application does on logout: find the user's connections and close them
			this.registry.connections("secured").stream()
				.filter((connection) -> {
					Principal principal = connection.principal();
					return principal != null && principal.getName().equals("alice");
				})
				.forEach((connection) -> connection.close(CloseCodes.POLICY_VIOLATION, "Logged out"));

			assertThat(aliceOnPhone.awaitClose().code()).isEqualTo(1008);
			assertThat(aliceOnLaptop.awaitClose().code()).isEqualTo(1008);
			bob.sendText("still in");
			assertThat(bob.awaitText()).isEqualTo("hello bob");
			await().atMost(WAIT).until(() -> this.registry.count("secured") == 1);
		}
	}

}
