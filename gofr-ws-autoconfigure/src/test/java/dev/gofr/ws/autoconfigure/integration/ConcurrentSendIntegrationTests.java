package dev.gofr.ws.autoconfigure.integration;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty threads send on one connection at once, mixing text and binary: every frame arrives
 * whole, exactly once, and in each thread's order.
 */
@GofrWsTest(classes = TestApplication.class)
class ConcurrentSendIntegrationTests {

	private static final int THREADS = 50;

	private static final int MESSAGES = 200;

	WsClients clients;

	@Test
	void fiftyThreadsSendingOnOneConnectionDeliverEveryFrameIntact() {
		try (WsTestClient client = this.clients.connect("concurrent")) {
			client.sendText("go " + THREADS + " " + MESSAGES);
			int[] next = new int[THREADS];
			for (int received = 0; received < THREADS * MESSAGES; received++) {
				Frame frame = client.awaitMessage(Duration.ofSeconds(30));
				int thread;
				int index;
				if (frame instanceof Frame.Text text) {
					String[] parts = text.text().split(":", 3);
					thread = Integer.parseInt(parts[0]);
					index = Integer.parseInt(parts[1]);
					assertThat(index % 2).as("text frames carry even indexes").isZero();
					assertThat(parts[2]).isEqualTo("x".repeat(index % 100));
				}
				else {
					byte[] bytes = ((Frame.Binary) frame).bytes();
					ByteBuffer buffer = ByteBuffer.wrap(bytes);
					thread = buffer.getInt();
					index = buffer.getInt();
					assertThat(bytes).as("binary frame %d of thread %d", index, thread)
						.isEqualTo(Payloads.binary(thread, index));
				}
				assertThat(index).as("next frame of thread %d", thread).isEqualTo(next[thread]);
				next[thread]++;
			}
			assertThat(next).containsOnly(MESSAGES);
			assertThat(Arrays.stream(next).sum()).isEqualTo(THREADS * MESSAGES);
			client.expectNothing(Duration.ofMillis(200));
		}
	}

}
