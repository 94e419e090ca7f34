package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@GofrWsTest(classes = TestApplication.class)
class EchoIntegrationTests {

	WsClients clients;

	@Test
	void theServerIsTomcatEvenWithJettysWebSocketClassesPresent(
			@org.springframework.beans.factory.annotation.Autowired org.springframework.boot.web.server.context.WebServerApplicationContext context) {
		org.junit.jupiter.api.Assumptions.assumeFalse(getClass().getSimpleName().contains("Jetty"));
		assertThat(context.getWebServer().getClass().getSimpleName()).startsWith("Tomcat");
		assertThat(org.springframework.util.ClassUtils.isPresent(
				"org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer", null)).isTrue();
	}

	@Test
	void textComesBackAsTextAndBinaryAsBinary() {
		try (WsTestClient client = this.clients.connect("echo")) {
			client.sendText("hello");
			assertThat(client.awaitText()).isEqualTo("hello");
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.awaitBinary()).containsExactly(1, 2, 3);
			client.sendText("héllo wörld ✓");
			assertThat(client.awaitText()).isEqualTo("héllo wörld ✓");
		}
	}

	@Test
	void messagesUpToTheLimitArriveWhole() {
		String text = randomText(60 * 1024);
		byte[] bytes = new byte[64 * 1024];
		new Random(7).nextBytes(bytes);
		try (WsTestClient client = this.clients.connect("echo")) {
			client.sendText(text);
			assertThat(client.awaitText()).isEqualTo(text);
			client.sendBinary(bytes);
			assertThat(client.awaitBinary()).isEqualTo(bytes);
			client.sendText("after");
			assertThat(client.awaitText()).isEqualTo("after");
		}
	}

	@Test
	void textAboveTheLimitClosesWith1009() {
		try (WsTestClient client = this.clients.connect("echo")) {
			client.sendText("x".repeat(64 * 1024 + 1));
			assertThat(client.awaitClose()).hasCode(1009);
		}
	}

	@Test
	void binaryAboveTheLimitClosesWith1009() {
		try (WsTestClient client = this.clients.connect("echo")) {
			client.sendBinary(new byte[64 * 1024 + 1]);
			assertThat(client.awaitClose()).hasCode(1009);
		}
	}

	@Test
	void aMessageTypeTheRouteDoesNotAcceptClosesWith1003() {
		try (WsTestClient client = this.clients.connect("textOnly")) {
			client.sendText("fine");
			assertThat(client.awaitText()).isEqualTo("fine");
			client.sendBinary(new byte[] { 1 });
			assertThat(client.awaitClose()).hasCode(1003);
		}
	}

	@Test
	void pingIsAnsweredWithPong() {
		try (WsTestClient client = this.clients.connect("echo")) {
			client.sendPing("are you there".getBytes());
			assertThat(new String(client.awaitPong())).isEqualTo("are you there");
		}
	}

	@Test
	void anotherClientLibraryInteroperates() throws Exception {
		JavaWebSocketClient client = new JavaWebSocketClient(this.clients.uri("echo"),
				new org.java_websocket.drafts.Draft_6455());
		assertThat(client.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
		try {
			client.send("from Java-WebSocket");
			client.send(new byte[] { 9, 8, 7 });
			assertThat(client.text.get(10, TimeUnit.SECONDS)).isEqualTo("from Java-WebSocket");
			assertThat(client.binary.get(10, TimeUnit.SECONDS)).containsExactly(9, 8, 7);
		}
		finally {
			client.closeBlocking();
		}
	}

	@Test
	void permessageDeflateIsNotNegotiatedWhileCompressionIsOff() throws Exception {
		CompressionIntegrationTests.DeflateClient client = CompressionIntegrationTests.DeflateClient
			.connect(this.clients.uri("echo"));
		try {
			assertThat(client.negotiatedDeflate()).isFalse();
			client.send("plain");
			assertThat(client.awaitText()).isEqualTo("plain");
		}
		finally {
			client.close();
		}
	}

	@Test
	void aConnectionFromAnotherOriginIsRefused() {
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(WsTestClient.HandshakeFailedException.class,
				() -> this.clients.to("echo").header("Origin", "https://evil.example").timeout(Duration.ofSeconds(5))
					.connect())
			.status()).isEqualTo(403);
	}

	private static String randomText(int length) {
		Random random = new Random(42);
		StringBuilder text = new StringBuilder(length);
		while (text.length() < length) {
			text.append((char) ('a' + random.nextInt(26)));
		}
		return text.toString();
	}

	/**
	 * A Java-WebSocket client that keeps the first text and the first binary message it gets.
	 */
	static final class JavaWebSocketClient extends WebSocketClient {

		final CompletableFuture<String> text = new CompletableFuture<>();

		final CompletableFuture<byte[]> binary = new CompletableFuture<>();

		JavaWebSocketClient(URI uri, org.java_websocket.drafts.Draft draft) {
			super(uri, draft);
		}

		@Override
		public void onOpen(ServerHandshake handshake) {
		}

		@Override
		public void onMessage(String message) {
			this.text.complete(message);
		}

		@Override
		public void onMessage(ByteBuffer bytes) {
			byte[] copy = new byte[bytes.remaining()];
			bytes.get(copy);
			this.binary.complete(copy);
		}

		@Override
		public void onClose(int code, String reason, boolean remote) {
		}

		@Override
		public void onError(Exception ex) {
			this.text.completeExceptionally(ex);
			this.binary.completeExceptionally(ex);
		}

	}

}
