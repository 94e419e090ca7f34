package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.gofr.ws.connection.WsConnection;
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
		try (WsTestClient stalled = this.clients.connect("blast")) {
			// this connection's own record: other contexts of the run may cut off connections of theirs meanwhile
			String id = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.registry.connections("blast").stream().map(WsConnection::id).findFirst(),
						Optional::isPresent)
				.orElseThrow();
			stalled.pauseReading();
			stalled.sendText("blast 100000 1024");
			CloseStatus recorded = await().atMost(Duration.ofSeconds(30))
				.until(() -> TestApplication.CLOSED_BY_ID.get(id), Objects::nonNull);
			assertThat(recorded.getReason()).isEqualTo("Send timeout");
			// the write stuck in front of it holds the 1013 frame back: the record says what the peer will see
			assertThat(recorded.getCode()).isIn(1013, 1006);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.find(id).isEmpty());
			assertThat(stalled.resumeReading().awaitClose(Duration.ofSeconds(30)).code()).isEqualTo(recorded.getCode());
		}
	}

}
