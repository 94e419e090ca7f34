package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint;
import dev.gofr.ws.test.WsTestClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * permessage-deflate with {@code gofr.ws.compression.enabled=true}, one route turning it off, and
 * message limits raised to 256 KB, driven by OkHttp's WebSocket client, which offers
 * permessage-deflate.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gofr.ws.compression.enabled=true", "gofr.ws.endpoints.uncompressed.compression.enabled=false",
				"gofr.ws.max-text-message-size=256KB", "gofr.ws.max-binary-message-size=256KB",
				"management.endpoints.web.exposure.include=websocket" })
class CompressionIntegrationTests {

	/** Sizes up to the configured 256 KB limit, across the 64 KB default and the container's buffers. */
	private static final List<Integer> SIZES = List.of(1, 100, 1024, 2049, 16 * 1024, 64 * 1024 + 1, 200 * 1024,
			256 * 1024);

	@LocalServerPort
	int port;

	@Autowired
	WebSocketEndpoint actuator;

	@Test
	void aClientOfferingDeflateGetsItAndMessagesOfEverySizeRoundTripIntact() throws Exception {
		DeflateClient client = DeflateClient.connect(uri("/ws/negotiated"));
		try {
			assertThat(client.negotiatedDeflate()).isTrue();
			client.send("who");
			String id = client.awaitText().split(" ")[0];
			assertThat(this.actuator.session(SecurityContext.NONE, id).extensions()).contains("permessage-deflate");
			Random random = new Random(11);
			for (int size : SIZES) {
				String json = json(size);
				client.send(json);
				assertThat(client.awaitText()).as("JSON text of %d characters", size).isEqualTo(json);
				byte[] noise = new byte[size];
				random.nextBytes(noise); // incompressible: deflate must pass it through, larger
				client.send(noise);
				assertThat(client.awaitBinary()).as("random binary of %d bytes", size).isEqualTo(noise);
				byte[] zeros = new byte[size];
				client.send(zeros);
				assertThat(client.awaitBinary()).as("zeros, %d bytes", size).isEqualTo(zeros);
			}
		}
		finally {
			client.close();
		}
	}

	@Test
	void theLimitAppliesToTheInflatedMessage() throws Exception {
		// a few hundred bytes on the wire, 256 KB + 1 once inflated
		DeflateClient client = DeflateClient.connect(uri("/ws/negotiated"));
		assertThat(client.negotiatedDeflate()).isTrue();
		client.send("a".repeat(256 * 1024 + 1));
		assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
	}

	@Test
	void aClientNotOfferingDeflateGetsPlainFrames() {
		try (WsTestClient client = WsTestClient.connect(uri("/ws/negotiated"))) {
			client.sendText("who");
			assertThat(client.awaitText()).endsWith(" []");
			String json = json(16 * 1024);
			client.sendText(json);
			assertThat(client.awaitText()).isEqualTo(json);
		}
	}

	@Test
	void aRouteWithCompressionOffDoesNotNegotiateIt() throws Exception {
		DeflateClient client = DeflateClient.connect(uri("/ws/uncompressed"));
		try {
			assertThat(client.negotiatedDeflate()).isFalse();
			client.send("who");
			assertThat(client.awaitText()).endsWith(" []");
			String json = json(100 * 1024);
			client.send(json);
			assertThat(client.awaitText()).isEqualTo(json);
		}
		finally {
			client.close();
		}
	}

	private URI uri(String path) {
		return URI.create("ws://localhost:" + this.port + path);
	}

	/**
	 * Chat-like JSON of exactly {@code size} characters (one character: a digit).
	 */
	static String json(int size) {
		if (size < 40) {
			return "7".repeat(size);
		}
		StringBuilder json = new StringBuilder("[");
		int i = 0;
		while (json.length() < size - 40) {
			json.append(i > 0 ? "," : "")
				.append("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"user-")
				.append(i % 97)
				.append("\",\"text\":\"hello ")
				.append(i)
				.append("\"}");
			i++;
		}
		json.append("]");
		while (json.length() < size) {
			json.insert(json.length() - 1, ' ');
		}
		return json.toString();
	}

	/**
	 * An OkHttp client: it offers permessage-deflate and here compresses every message it sends;
	 * what arrives is queued.
	 */
	static final class DeflateClient extends WebSocketListener {

		private static final OkHttpClient http = new OkHttpClient.Builder().minWebSocketMessageToCompress(0).build();

		final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

		private final CompletableFuture<String> extensions = new CompletableFuture<>();

		private WebSocket webSocket;

		static DeflateClient connect(URI uri) throws Exception {
			DeflateClient client = new DeflateClient();
			client.webSocket = http.newWebSocket(new Request.Builder().url(uri.toString()).build(), client);
			client.extensions.get(10, TimeUnit.SECONDS);
			return client;
		}

		/** Whether the server's handshake answer accepted permessage-deflate. */
		boolean negotiatedDeflate() throws Exception {
			return this.extensions.get(10, TimeUnit.SECONDS).contains("permessage-deflate");
		}

		void send(String text) {
			assertThat(this.webSocket.send(text)).isTrue();
		}

		void send(byte[] bytes) {
			assertThat(this.webSocket.send(ByteString.of(bytes))).isTrue();
		}

		String awaitText() throws InterruptedException {
			return (String) await();
		}

		byte[] awaitBinary() throws InterruptedException {
			return (byte[]) await();
		}

		private Object await() throws InterruptedException {
			Object message = this.received.poll(10, TimeUnit.SECONDS);
			assertThat(message).as("a message within 10 s").isNotNull();
			return message;
		}

		void close() {
			this.webSocket.close(1000, null);
		}

		@Override
		public void onOpen(WebSocket webSocket, Response response) {
			String header = response.header("Sec-WebSocket-Extensions");
			this.extensions.complete((header != null) ? header : "");
		}

		@Override
		public void onMessage(WebSocket webSocket, String text) {
			this.received.add(text);
		}

		@Override
		public void onMessage(WebSocket webSocket, ByteString bytes) {
			this.received.add(bytes.toByteArray());
		}

		@Override
		public void onClosing(WebSocket webSocket, int code, String reason) {
			this.closeCode.complete(code);
			webSocket.close(code, null);
		}

		@Override
		public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
			this.extensions.completeExceptionally(failure);
			this.closeCode.completeExceptionally(failure);
			this.received.add(failure.toString());
		}

	}

}
