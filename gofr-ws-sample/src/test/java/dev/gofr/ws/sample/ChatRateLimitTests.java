package dev.gofr.ws.sample;

import java.net.URI;

import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's own rate limit, as the sample configures it: bursts of 500 pass, a flood beyond is
 * answered with RATE_LIMITED and the connection stays open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatRateLimitTests {

	@LocalServerPort
	int port;

	@Test
	void aFloodBeyondTheBurstIsRateLimitedAndTheConnectionStaysOpen() {
		try (WsTestClient client = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/chat"))) {
			int sent = 1_000;
			for (int i = 0; i < sent; i++) {
				client.sendText("{\"type\":\"leave\",\"room\":\"r\"}");
			}
			int left = 0;
			int limited = 0;
			for (int i = 0; i < sent; i++) {
				String text = client.awaitText();
				if (text.contains("\"RATE_LIMITED\"")) {
					limited++;
				}
				else {
					assertThat(text).isEqualTo("{\"type\":\"left\",\"room\":\"r\"}");
					left++;
				}
			}
			assertThat(left).isGreaterThanOrEqualTo(500);
			assertThat(limited).isPositive();
			assertThat(client.isClosed()).isFalse();
		}
	}

}
