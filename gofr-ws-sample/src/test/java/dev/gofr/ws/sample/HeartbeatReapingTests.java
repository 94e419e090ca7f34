package dev.gofr.ws.sample;

import java.time.Duration;

import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.server.ConnectionSweeper;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The heartbeat end to end: a client that never answers a ping is closed with 4408. The node's
 * time is a {@link ManualTicker} the test moves, so nothing waits for 30 s to pass.
 */
@GofrWsTest
@Import(HeartbeatReapingTests.DrivenTime.class)
class HeartbeatReapingTests {

	@Autowired
	ManualTicker ticker;

	@Autowired
	ConnectionSweeper sweeper;

	@Autowired
	ConnectionRegistry registry;

	@Test
	void aClientThatNeverAnswersPingsIsClosedWith4408(WsClients clients) {
		WsTestClient silent = clients.to("echo").autoPong(false).connect();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.count() == 1);
		this.ticker.advance(Duration.ofSeconds(30)); // the default ping interval
		this.sweeper.sweep();
		silent.awaitPing();
		// the ping's write has completed (in real time it would have, long before 30 s pass)
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.connections().stream().allMatch((c) -> c.info().bytesQueued() == 0));
		this.ticker.advance(Duration.ofSeconds(31)); // past 60 s of silence: the default pong wait
		this.sweeper.sweep();
		assertThat(silent.awaitClose()).hasCode(4408).hasReason("Heartbeat timeout");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DrivenTime {

		@Bean
		ManualTicker ticker() {
			return new ManualTicker();
		}

	}

}
