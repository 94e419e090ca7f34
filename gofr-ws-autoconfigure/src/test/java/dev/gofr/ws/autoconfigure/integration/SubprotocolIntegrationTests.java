package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Subprotocol negotiation with the JDK's WebSocket client: route {@code negotiated} names
 * {@code chat.v1} in code and the properties replace it with {@code chat.v2, chat.v1}; route
 * {@code strict} requires one of {@code chat.v2, chat.v1}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gofr.ws.endpoints.negotiated.subprotocols=chat.v2,chat.v1",
				"gofr.ws.endpoints.strict.subprotocols=chat.v2,chat.v1",
				"gofr.ws.endpoints.strict.require-subprotocol=true",
				"management.endpoints.web.exposure.include=websocket" })
class SubprotocolIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	WebSocketEndpoint actuator;

	private final Replies replies = new Replies();

	private WebSocket webSocket;

	@AfterEach
	void close() {
		if (this.webSocket != null) {
			this.webSocket.abort();
		}
	}

	@Test
	void aClientOfferingTheOlderVersionGetsIt() throws Exception {
		assertThat(connect("/ws/negotiated", "chat.v1").getSubprotocol()).isEqualTo("chat.v1");
		assertThat(who()).isEqualTo("chat.v1");
	}

	@Test
	void theServersPreferenceWinsOverTheClientsOrder() throws Exception {
		assertThat(connect("/ws/negotiated", "chat.v1", "chat.v2").getSubprotocol()).isEqualTo("chat.v2");
		assertThat(who()).isEqualTo("chat.v2");
	}

	@Test
	void withoutAMatchTheClientConnectsWithNoSubprotocol() throws Exception {
		assertThat(connect("/ws/negotiated", "x").getSubprotocol()).isEmpty();
		assertThat(who()).isEqualTo("null");
	}

	@Test
	void aRequiredSubprotocolIsNegotiatedByTheServersPreference() throws Exception {
		assertThat(connect("/ws/strict", "chat.v1", "chat.v2").getSubprotocol()).isEqualTo("chat.v2");
		assertThat(who()).isEqualTo("chat.v2");
	}

	@Test
	void withoutAMatchARequiredSubprotocolRefusesTheHandshakeWith400() {
		TestApplication.REJECTED.clear();
		assertThat(refusal("/ws/strict", "x")).isEqualTo(400);
		assertThat(refusal("/ws/strict")).isEqualTo(400);
		assertThat(TestApplication.REJECTED).containsExactly("strict:subprotocol", "strict:subprotocol");
	}

	@Test
	void theActuatorShowsTheNegotiatedSubprotocol() throws Exception {
		connect("/ws/negotiated", "chat.v2");
		this.webSocket.sendText("who", true).get(10, TimeUnit.SECONDS);
		String id = this.replies.next().split(" ")[0];
		assertThat(this.actuator.session(SecurityContext.NONE, id).subprotocol()).isEqualTo("chat.v2");
	}

	private WebSocket connect(String path, String... subprotocols) throws Exception {
		WebSocket.Builder builder = http.newWebSocketBuilder();
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
		}
		this.webSocket = builder.buildAsync(uri(path), this.replies).get(10, TimeUnit.SECONDS);
		return this.webSocket;
	}

	/** The subprotocol the server's connection info reports. */
	private String who() throws Exception {
		this.webSocket.sendText("who", true).get(10, TimeUnit.SECONDS);
		return this.replies.next().split(" ")[1];
	}

	private int refusal(String path, String... subprotocols) {
		ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> connect(path, subprotocols));
		assertThat(failure).as("the handshake was refused").isNotNull();
		assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
	}

	private URI uri(String path) {
		return URI.create("ws://localhost:" + this.port + path);
	}

	/** Collects the text replies, one whole message at a time. */
	static final class Replies implements WebSocket.Listener {

		private final java.util.concurrent.BlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.texts.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return CompletableFuture.completedFuture(null);
		}

		String next() throws InterruptedException {
			String text = this.texts.poll(10, TimeUnit.SECONDS);
			assertThat(text).as("a reply within 10 s").isNotNull();
			return text;
		}

	}

}
