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
 * With a buffer large enough never to overflow, a write stuck longer than the send timeout marks
 * the peer slow: the sweeper closes it with 1013.
 */
@GofrWsTest(classes = TestApplication.class,
		properties = { "gofr.ws.send.buffer-limit=512MB", "gofr.ws.send.timeout=1s" })
class SendTimeoutIntegrationTests {

	WsClients clients;

	@Autowired
	ConnectionRegistry registry;

	@Test
	void aWriteStuckLongerThanTheSendTimeoutClosesWith1013() {
		int before = TestApplication.CLOSED.size();
		try (WsTestClient stalled = this.clients.connect("blast")) {
			stalled.pauseReading();
			stalled.sendText("blast 100000 1024");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> TestApplication.CLOSED.stream().skip(before).anyMatch((status) -> "Send timeout".equals(status.getReason())));
			// the write stuck in front of it holds the 1013 frame back: the record says what the peer will see
			CloseStatus recorded = TestApplication.CLOSED.stream().skip(before)
				.filter((status) -> "Send timeout".equals(status.getReason())).findFirst().orElseThrow();
			assertThat(recorded.getCode()).isIn(1013, 1006);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count("blast") == 0);
			assertThat(stalled.resumeReading().awaitClose(Duration.ofSeconds(30)).code()).isEqualTo(recorded.getCode());
		}
	}

}
