package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.time.Duration;

import dev.gofr.ws.registry.SessionRegistry;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading is cut off with 1013 once its send buffer overflows, and sending to
 * it never holds up the sender.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gofr.ws.send.buffer-limit=256KB", "gofr.ws.send.timeout=30s" })
class SlowConsumerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SessionRegistry registry;

	@Test
	void aClientThatStopsReadingIsClosedWith1013WhenItsBufferOverflows() {
		int before = TestApplication.CLOSED.size();
		try (WsTestClient stalled = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/blast"));
				WsTestClient healthy = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/echo"))) {
			stalled.pauseReading();
			stalled.sendText("blast 100000 1024"); // 100 MB: more than any socket buffer holds
			await().atMost(Duration.ofSeconds(30))
				.until(() -> TestApplication.CLOSED.stream().skip(before).anyMatch((status) -> status.getCode() == 1013));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count("blast") == 0);
			healthy.sendText("unaffected");
			assertThat(healthy.awaitText()).isEqualTo("unaffected");
		}
	}

}
