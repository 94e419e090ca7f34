package dev.gofr.ws.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * gofr-ws's reconnecting client against the sample's echo, the route that compresses: with
 * {@code compression} on the client offers permessage-deflate and the echo takes it; with the
 * client's defaults nothing is offered, and nothing is compressed. The chat, which does not
 * compress, turns the offer down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EchoCompressionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	private final List<ReconnectingClient> clients = new CopyOnWriteArrayList<>();

	private final List<String> echoed = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.clients.forEach(ReconnectingClient::close);
	}

	private ReconnectingClient connect(String path, boolean compression) {
		ReconnectingClient client = ReconnectingClient.builder("echo", URI.create("ws://localhost:" + this.port + path))
			.heartbeat(HeartbeatSettings.OFF)
			.compression(compression)
			.onMessage((c, message) -> this.echoed.add(message.text()))
			.build();
		this.clients.add(client);
		client.start();
		await().atMost(WAIT).until(client::isOpen);
		return client;
	}

	@Test
	void aClientWithCompressionOnNegotiatesPermessageDeflateWithTheEcho() {
		ReconnectingClient client = connect("/ws/echo", true);
		assertThat(client.extensions()).containsExactly("permessage-deflate");
		String text = "compressible ".repeat(2000);
		client.sendText(text);
		await().atMost(WAIT).until(() -> this.echoed.contains(text));
	}

	@Test
	void aClientWithTheDefaultsDoesNotCompress() {
		ReconnectingClient client = connect("/ws/echo", false);
		assertThat(client.compression()).isFalse();
		assertThat(client.extensions()).isEmpty();
		client.sendText("plain");
		await().atMost(WAIT).until(() -> this.echoed.contains("plain"));
	}

	@Test
	void theChatDoesNotCompressEvenWhenOffered() {
		assertThat(connect("/ws/chat", true).extensions()).isEmpty();
	}

}
