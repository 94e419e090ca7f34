package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts of frames on Tomcat, where a frame with more queued behind it is gathered in Tomcat's
 * output buffer with the frames after it, and a frame too large for that buffer is written by
 * itself once what was gathered has left: broadcasts queued all at once arrive whole and in order
 * on every connection, with frames that just fit, frames just too large, frames several buffers
 * long, and binary frames among them.
 */
@GofrWsTest(classes = TestApplication.class, properties = "gofr.ws.send.buffer-limit=512KB")
@Import(ChaosConfiguration.class)
class FrameBurstIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Tomcat's output buffer as gofr-ws sizes it, in bytes; a frame's header takes up to 10 of them. */
	private static final int TOMCAT_OUTPUT_BUFFER = 1024;

	WsClients clients;

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	Broadcaster broadcaster;

	@Test
	void aBurstOfBroadcastsWithFramesTooLargeToGatherArrivesWholeAndInOrderOnEveryConnection() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith("Tomcat");
		List<WsTestClient> members = Bursts.join(this.clients, "burst", 6, WAIT);
		List<Object> payloads = new ArrayList<>();
		for (int i = 0; i < 1_500; i++) {
			String prefix = String.format("%04d:", i);
			if (i % 50 == 7) {
				payloads.add(prefix + "€".repeat(2_000)); // 6 KB of UTF-8: several buffers long
			}
			else if (i % 50 == 21) {
				payloads.add(prefix + "x".repeat(TOMCAT_OUTPUT_BUFFER - 10 - prefix.length())); // just fits
			}
			else if (i % 50 == 22) {
				payloads.add(prefix + "x".repeat(TOMCAT_OUTPUT_BUFFER - 9 - prefix.length())); // just too large
			}
			else if (i % 3 == 0) {
				payloads.add(Bursts.binary(i, (i % 30 == 3) ? 3_000 : 200));
			}
			else {
				payloads.add(prefix + "héllo wörld ✓ 🚀 " + "ü".repeat(i % 40));
			}
		}
		payloads.forEach((payload) -> this.broadcaster.toRoom("burst").send(payload)); // all queued at once

		for (WsTestClient member : members) {
			Bursts.assertReceivedInOrder(member, payloads, WAIT);
		}
	}

	@Test
	void aLargeFrameAfterGatheredOnesIsNotHeldBackWhenNothingFollowsIt() {
		List<WsTestClient> members = Bursts.join(this.clients, "tail", 3, WAIT);
		for (int i = 0; i < 20; i++) {
			this.broadcaster.toRoom("tail").send("small " + i);
		}
		String large = "z".repeat(5 * TOMCAT_OUTPUT_BUFFER);
		this.broadcaster.toRoom("tail").send(large); // the burst's last frame, after gathered ones

		for (WsTestClient member : members) {
			for (int i = 0; i < 20; i++) {
				assertThat(member.awaitText(WAIT)).isEqualTo("small " + i);
			}
			assertThat(member.awaitText(WAIT)).isEqualTo(large);
			member.sendText("still here");
			assertThat(member.awaitText(WAIT)).isEqualTo("still here");
		}
	}

}
