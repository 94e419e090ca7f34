package dev.gofr.ws.sample;


import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's own rate limit, as the sample configures it: bursts of 500 pass, a flood beyond is
 * answered with RATE_LIMITED and the connection stays open.
 */
@GofrWsTest
class ChatRateLimitTests {

	WsClients clients;

	@Test
	void aFloodBeyondTheBurstIsRateLimitedAndTheConnectionStaysOpen() {
		try (WsTestClient client = this.clients.connect("chat")) {
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
