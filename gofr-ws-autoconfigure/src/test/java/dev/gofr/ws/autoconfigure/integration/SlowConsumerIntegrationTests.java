package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;

import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading is cut off with 1013 once its send buffer overflows, and sending to
 * it never holds up the sender.
 */
@GofrWsTest(classes = TestApplication.class,
		properties = { "gofr.ws.send.buffer-limit=256KB", "gofr.ws.send.timeout=30s" })
class SlowConsumerIntegrationTests {

	WsClients clients;

	@Autowired
	ConnectionRegistry registry;

	@Test
	void aClientThatStopsReadingIsClosedWith1013WhenItsBufferOverflows() {
		int before = TestApplication.CLOSED.size();
		WsTestClient stalled = this.clients.connect("blast");
		WsTestClient healthy = this.clients.connect("echo");
		stalled.pauseReading();
		stalled.sendText("blast 100000 1024"); // 100 MB: more than any socket buffer holds
		CloseStatus recorded = TestApplication.awaitClosed(before, "Send buffer overflow", Duration.ofSeconds(30));
		// 1013 when the close frame could still leave, 1006 when a write stuck in front of it held it back
		assertThat(recorded.getCode()).isIn(1013, 1006);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count("blast") == 0);
		assertThat(stalled.resumeReading().awaitClose(Duration.ofSeconds(30)).code()).isEqualTo(recorded.getCode());
		healthy.sendText("unaffected");
		assertThat(healthy.awaitText()).isEqualTo("unaffected");
	}

}
