package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.gofr.ws.autoconfigure.integration.RawWebSocket.Frame;
import dev.gofr.ws.autoconfigure.integration.RawWebSocket.HttpAnswer;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broken frames, broken handshakes and broken payloads, written byte by byte with
 * {@link RawWebSocket}: each gets the close code or HTTP status RFC 6455 and the contract name,
 * the broken connection leaves the registry, and a healthy connection open all along notices
 * nothing.
 */
@EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry registry;

	private WsTestClient healthy;

	@BeforeEach
	void openHealthyConnection() {
		await().atMost(WAIT).until(() -> this.registry.count() == 0);
		this.healthy = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/echo"), Map.of(), WAIT);
		this.healthy.sendText("before");
		assertThat(this.healthy.awaitText()).isEqualTo("before");
	}

	@AfterEach
	void healthyConnectionNoticedNothing() {
		try {
			this.healthy.expectNothing(Duration.ofMillis(200));
			this.healthy.sendText("after");
			assertThat(this.healthy.awaitText()).isEqualTo("after");
			assertThat(this.healthy.isClosed()).isFalse();
			await().atMost(WAIT).until(() -> this.registry.count() == 1);
		}
		finally {
			this.healthy.close();
		}
	}

	private RawWebSocket connect(String path) {
		RawWebSocket webSocket = RawWebSocket.connect(this.port, path);
		await().atMost(WAIT).until(() -> this.registry.count() == 2);
		return webSocket;
	}

	private int closeCodeAfter(byte[] payload, int firstByte, boolean masked) {
		try (RawWebSocket raw = connect("/ws/echo")) {
			raw.send(firstByte, payload, masked);
			return raw.awaitCloseCode(WAIT);
		}
	}

	@Test
	void invalidUtf8InATextFrameClosesWith1007() {
		byte[] invalid = { 'o', 'k', (byte) 0xC3, (byte) 0x28 }; // 0xC3 starts a two-byte sequence 0x28 cannot continue
		assertThat(closeCodeAfter(invalid, 0x80 | RawWebSocket.TEXT, true)).isEqualTo(1007);
	}

	@Test
	void invalidUtf8SplitAcrossFragmentsClosesWith1007() {
		try (RawWebSocket raw = connect("/ws/echo")) {
			raw.send(false, RawWebSocket.TEXT, "valid start ".getBytes(StandardCharsets.UTF_8));
			raw.send(true, RawWebSocket.CONTINUATION, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }); // a lone surrogate
			assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1007);
		}
	}

	@Test
	void aFrameLargerThanTheLimitClosesWith1009BeforeItHasArrived() {
		try (RawWebSocket raw = connect("/ws/echo")) {
			byte[] header = { (byte) (0x80 | RawWebSocket.BINARY), (byte) (0x80 | 127), 0, 0, 0, 0, 0x06, 0, 0, 0, // 100 MB
					1, 2, 3, 4 };
			raw.write(header);
			raw.write(new byte[128 * 1024]); // twice the limit, far from the 100 MB announced
			assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1009);
		}
	}

	@Test
	void aFragmentedMessageLargerThanTheLimitClosesWith1009() {
		try (RawWebSocket raw = connect("/ws/echo")) {
			byte[] fragment = "x".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
			raw.send(false, RawWebSocket.TEXT, fragment);
			for (int i = 0; i < 4; i++) { // 80 KB in all: over the 64 KB limit although no frame is
				raw.send(false, RawWebSocket.CONTINUATION, fragment);
			}
			assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1009);
		}
	}

	@Test
	void aFragmentedMessageWithControlFramesBetweenItsFragmentsArrivesWhole() {
		try (RawWebSocket raw = connect("/ws/echo")) {
			raw.send(false, RawWebSocket.TEXT, "frag".getBytes(StandardCharsets.UTF_8));
			raw.send(true, RawWebSocket.PING, "between".getBytes(StandardCharsets.UTF_8));
			raw.send(false, RawWebSocket.CONTINUATION, "men".getBytes(StandardCharsets.UTF_8));
			raw.send(true, RawWebSocket.PONG, "unsolicited".getBytes(StandardCharsets.UTF_8));
			raw.send(true, RawWebSocket.CONTINUATION, "ted ✓".getBytes(StandardCharsets.UTF_8));
			Frame pong = raw.read(WAIT);
			assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.text()).isEqualTo("between");
			Frame echo = raw.read(WAIT);
			assertThat(echo.opcode()).isEqualTo(RawWebSocket.TEXT);
			assertThat(echo.text()).isEqualTo("fragmented ✓");
			raw.send(false, RawWebSocket.BINARY, new byte[] { 1, 2 });
			raw.send(true, RawWebSocket.CONTINUATION, new byte[] { 3 });
			Frame binary = raw.read(WAIT);
			assertThat(binary.opcode()).isEqualTo(RawWebSocket.BINARY);
			assertThat(binary.payload()).containsExactly(1, 2, 3);
		}
	}

	@Test
	void aContinuationWithoutAStartClosesWith1002() {
		assertThat(closeCodeAfter("orphan".getBytes(StandardCharsets.UTF_8), 0x80 | RawWebSocket.CONTINUATION, true))
			.isEqualTo(1002);
	}

	@Test
	void aNewMessageBeforeTheLastOneEndedClosesWith1002() {
		try (RawWebSocket raw = connect("/ws/echo")) {
			raw.send(false, RawWebSocket.TEXT, "first".getBytes(StandardCharsets.UTF_8));
			raw.send(true, RawWebSocket.TEXT, "second".getBytes(StandardCharsets.UTF_8));
			assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1002);
		}
	}

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { 0x3, 0x7, 0xB, 0xF })
	void unknownOpcodesCloseWith1002(int opcode) {
		assertThat(closeCodeAfter(new byte[] { 1 }, 0x80 | opcode, true)).isEqualTo(1002);
	}

	@ParameterizedTest(name = "reserved bit {0}")
	@ValueSource(ints = { 0x40, 0x20, 0x10 })
	void reservedBitsWithoutAnExtensionCloseWith1002(int bit) {
		assertThat(closeCodeAfter("rsv".getBytes(StandardCharsets.UTF_8), 0x80 | bit | RawWebSocket.TEXT, true))
			.isEqualTo(1002);
	}

	@Test
	void anUnmaskedFrameFromAClientClosesWith1002() {
		assertThat(closeCodeAfter("naked".getBytes(StandardCharsets.UTF_8), 0x80 | RawWebSocket.TEXT, false))
			.isEqualTo(1002);
	}

	@Test
	void aControlFrameLongerThan125BytesOrFragmentedClosesWith1002() {
		assertThat(closeCodeAfter(new byte[126], 0x80 | RawWebSocket.PING, true)).isEqualTo(1002);
		assertThat(closeCodeAfter(new byte[] { 1 }, RawWebSocket.PING, true)).isEqualTo(1002); // FIN clear
	}

	@Test
	void aFloodOfPingsIsAnsweredInOrderAndTheConnectionGoesOn() {
		int pings = 10_000;
		try (RawWebSocket raw = connect("/ws/echo")) {
			int batch = 500; // written and read in turns, so neither side's socket buffer fills
			for (int sent = 0; sent < pings; sent += batch) {
				for (int i = sent; i < sent + batch; i++) {
					raw.send(true, RawWebSocket.PING, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
				}
				for (int i = sent; i < sent + batch; i++) {
					Frame pong = raw.read(WAIT);
					assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
					assertThat(pong.text()).isEqualTo(Integer.toString(i));
				}
				this.healthy.sendText("during " + sent);
				assertThat(this.healthy.awaitText()).isEqualTo("during " + sent);
			}
			raw.sendText("still open");
			assertThat(raw.read(WAIT).text()).isEqualTo("still open");
		}
	}

	@Test
	void malformedJsonAndSchemaInvalidPayloadsGetInvalidPayloadAndTheConnectionStays() {
		try (RawWebSocket raw = connect("/ws/validated")) {
			for (String bad : new String[] { "{not json", "[1,2", "\"just a string\"", "{\"type\":\"join\"}",
					"{\"type\":\"join\",\"room\":42}", "{\"type\":\"drop table\",\"room\":\"a\"}" }) {
				raw.sendText(bad);
				Frame error = raw.read(WAIT);
				assertThat(error.text()).as("answer to %s", bad).startsWith("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\"");
			}
			raw.sendText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
			assertThat(raw.read(WAIT).text()).isEqualTo("valid");
		}
	}

	@Test
	void garbageInsteadOfAHandshakeGetsA4xxOrAClosedSocket() {
		byte[] garbage = new byte[4096];
		new java.util.Random(42).nextBytes(garbage);
		assertRefusedWith4xxOrClosed(RawWebSocket.exchange(this.port, garbage));
		assertRefusedWith4xxOrClosed(
				RawWebSocket.exchange(this.port, "\u0016\u0003\u0001\u0002\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))); // a TLS hello
		assertRefusedWith4xxOrClosed(
				RawWebSocket.exchange(this.port, "GET /ws/echo HTTP/1.1\r\nHost localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
	}

	private static void assertRefusedWith4xxOrClosed(HttpAnswer answer) {
		if (answer != HttpAnswer.NONE) {
			assertThat(answer.status()).as("status of %s", answer).isBetween(400, 499);
		}
	}

	@Test
	void handshakesThatBreakTheUpgradeRulesGet4xx() {
		String noKey = RawWebSocket.upgradeRequest(this.port, "/ws/echo", Map.of()).replaceFirst("Sec-WebSocket-Key: [^\r]*\r\n", "");
		assertThat(answer(noKey).status()).isEqualTo(400);
		String notAnUpgrade = RawWebSocket.upgradeRequest(this.port, "/ws/echo", Map.of("Upgrade", "h2c"));
		assertThat(answer(notAnUpgrade).status()).isEqualTo(400);
		String post = RawWebSocket.upgradeRequest(this.port, "/ws/echo", Map.of()).replaceFirst("GET", "POST");
		assertThat(answer(post).status()).isBetween(400, 499);
	}

	@ParameterizedTest(name = "version {0}")
	@ValueSource(strings = { "8", "12", "14", "0", "thirteen" })
	void anUnsupportedProtocolVersionGets426NamingVersion13(String version) {
		HttpAnswer answer = answer(RawWebSocket.upgradeRequest(this.port, "/ws/echo", Map.of("Sec-WebSocket-Version", version)));
		assertThat(answer.status()).isEqualTo(426);
		assertThat(answer.header("Sec-WebSocket-Version")).contains("13");
	}

	@Test
	void aHugeHeaderValueGets431Or400() {
		String huge = RawWebSocket.upgradeRequest(this.port, "/ws/echo", Map.of("X-Huge", "h".repeat(64 * 1024)));
		assertThat(answer(huge).status()).isIn(400, 431);
		String many = RawWebSocket.upgradeRequest(this.port, "/ws/echo", Map.of("Cookie", "c=" + "v".repeat(9000)));
		assertThat(answer(many).status()).isIn(400, 431);
	}

	private HttpAnswer answer(String request) {
		return RawWebSocket.exchange(this.port, request.getBytes(StandardCharsets.ISO_8859_1));
	}

}
