package dev.gofr.ws.sample;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import static dev.gofr.ws.test.WsAssertions.assertThat;

/**
 * The heartbeat end to end: a client that never answers a ping is closed with 4408.
 */
@GofrWsTest(properties = { "gofr.ws.heartbeat.ping-interval=200ms", "gofr.ws.heartbeat.pong-wait=1s" })
class HeartbeatReapingTests {

	@Test
	void aClientThatNeverAnswersPingsIsClosedWith4408(WsClients clients) {
		WsTestClient silent = clients.to("echo").autoPong(false).connect();
		silent.awaitPing();
		assertThat(silent.awaitClose()).hasCode(4408).hasReason("Heartbeat timeout");
	}

}
