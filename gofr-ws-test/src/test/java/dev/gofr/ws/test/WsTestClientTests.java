package dev.gofr.ws.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WsTestClient}, against a scripted server, on both of its client libraries
 * where they differ.
 */
class WsTestClientTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	private static final ScriptedServer server = ScriptedServer.shared();

	private static WsTestClient connect(boolean autoPong) {
		return WsTestClient.to(server.uri("/")).autoPong(autoPong).connect();
	}

	@ParameterizedTest(name = "autoPong={0}")
	@ValueSource(booleans = { true, false })
	void sendsAndAwaitsEveryKindOfMessage(boolean autoPong) {
		try (WsTestClient client = connect(autoPong)) {
			assertThat(client.sendText("hello").awaitText()).isEqualTo("hello");
			assertThat(client.sendBinary(new byte[] { 4, 5 }).awaitBinary()).containsExactly(4, 5);
			assertThat(client.sendText("binary").awaitMessage()).isBinary().hasBytes(1, 2, 3);
			assertThat(client.sendJson(new Greeting("hi")).awaitJson(Greeting.class)).isEqualTo(new Greeting("hi"));
			client.sendText("{\"type\":\"joined\",\"members\":2}").awaitJson().hasPath("$.members", 2);
			assertThat(client.sendPing("p".getBytes()).awaitPong()).containsExactly('p');
		}
	}

	@Test
	void aWaitThatTimesOutSaysWhatItAwaitedAndThatNothingCame() {
		try (WsTestClient client = connect(true)) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitText(SHORT))
				.withMessage("Expected a text message within PT0.3S but received nothing");
		}
	}

	@Test
	void aWaitThatGetsSomethingElseSaysWhatArrivedInstead() {
		try (WsTestClient client = connect(true)) {
			client.sendText("binary");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitText(Duration.ofSeconds(5)))
				.withMessageStartingWith("Expected a text message but received [Binary(3 bytes)]");
		}
	}

	@Test
	void awaitCloseThatTimesOutListsTheMessagesThatCameMeanwhile() {
		try (WsTestClient client = connect(true)) {
			client.sendText("twice hello");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitClose(Duration.ofSeconds(1)))
				.withMessage("Expected the connection to close within PT1S but received [Text(hello), Text(hello)]");
		}
	}

	@Test
	void awaitJsonOfATypeFailsOnTextThatIsNotIt() {
		try (WsTestClient client = connect(true)) {
			client.sendText("hello");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitJson(Greeting.class))
				.withMessageStartingWith("Expected a JSON Greeting but received Text(hello): ");
		}
	}

	@Test
	void expectNothingFailsNamingWhatArrived() {
		try (WsTestClient client = connect(true)) {
			client.expectNothing(SHORT);
			client.sendText("surprise");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.expectNothing(Duration.ofSeconds(5)))
				.withMessage("Expected nothing within PT5S but received Text(surprise)");
		}
	}

	@ParameterizedTest(name = "autoPong={0}")
	@ValueSource(booleans = { true, false })
	void awaitsTheServersCloseAndItsCode(boolean autoPong) {
		WsTestClient client = connect(autoPong);
		client.sendText("close 4408");
		assertThat(client.awaitClose()).hasCode(4408).hasReason("asked");
		assertThat(client.isClosed()).isTrue();
		assertThat(client.closeCode()).isEqualTo(4408);
	}

	@Test
	void theDefaultClientAnswersPings() {
		try (WsTestClient client = connect(true)) {
			client.sendText("ping");
			assertThat(client.awaitPing()).containsExactly('h', 'b');
			await().atMost(Duration.ofSeconds(5)).until(() -> server.pongs.get() > 0);
		}
	}

	@Test
	void aClientWithoutAutoPongRecordsPingsAndLeavesThemUnanswered() {
		int pongsBefore = server.pongs.get();
		try (WsTestClient client = connect(false)) {
			client.sendText("ping").sendText("ping");
			client.awaitPing();
			client.awaitPing();
			assertThat(client.pingsReceived()).isEqualTo(2);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
				.until(() -> server.pongs.get() == pongsBefore);
		}
	}

	@ParameterizedTest(name = "autoPong={0}")
	@ValueSource(booleans = { true, false })
	void aPausedClientReadsNothingUntilItResumes(boolean autoPong) {
		try (WsTestClient client = connect(autoPong)) {
			client.sendText("first");
			assertThat(client.awaitText()).isEqualTo("first");
			client.pauseReading();
			client.sendText("twice held");
			client.expectNothing(SHORT);
			client.resumeReading();
			assertThat(client.awaitText()).isEqualTo("held");
			assertThat(client.awaitText()).isEqualTo("held");
		}
	}

	@ParameterizedTest(name = "autoPong={0}")
	@ValueSource(booleans = { true, false })
	void aRefusedHandshakeGivesItsStatusAndHeaders(boolean autoPong) {
		WsTestClient.HandshakeFailedException refused = catchThrowableOfType(WsTestClient.HandshakeFailedException.class,
				() -> WsTestClient.to(server.uri("/refuse")).autoPong(autoPong).timeout(Duration.ofSeconds(5)).connect());
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.header("content-type")).isNotBlank();
		assertThat(refused).hasMessageContaining("/refuse").hasMessageContaining("404");
	}

	@ParameterizedTest(name = "autoPong={0}")
	@ValueSource(booleans = { true, false })
	void abortDropsTheConnectionWithoutACloseFrame(boolean autoPong) {
		int closedBefore = server.closeCodes.size();
		WsTestClient client = connect(autoPong);
		// the server may flush its 101 before it marks the connection open; an echo proves it is open there too
		assertThat(client.sendText("open").awaitText()).isEqualTo("open");
		client.abort();
		// an earlier test's connection may finish its closing handshake meanwhile, with 1000
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(server.closeCodes.subList(closedBefore, server.closeCodes.size())).contains(1006));
	}

	@Test
	void aQueryCanBeSetOnTheAddress() {
		assertThat(WsTestClient.to(server.uri("/ws?a=1")).query("token=abc").uri())
			.hasToString(server.uri("/ws?token=abc").toString());
	}

	record Greeting(String hello) {
	}

}
