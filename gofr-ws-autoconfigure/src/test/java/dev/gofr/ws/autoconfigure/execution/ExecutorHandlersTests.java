package dev.gofr.ws.autoconfigure.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.metrics.WsMetrics;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handlers on an executor of the application's, named by {@code gofr.ws.handler.executor}: they
 * run there, each connection's messages one at a time and in order whatever each takes, and a
 * connection that sends faster than its handler keeps up stops being read, at most
 * {@code max-queued-messages} waiting, while the other connections are served; the latency meter
 * measures the handler's time there, and the message's observation wraps the handler there.
 * {@link VirtualThreadHandlersJava21Tests} runs the same on virtual threads.
 */
@GofrWsTest(classes = HandlerExecutionApplication.class,
		properties = { "gofr.ws.handler.executor=handlerPool", "gofr.ws.endpoints.slow.handler.max-queued-messages=8",
				"gofr.ws.observation.messages=true" })
public class ExecutorHandlersTests {

	/** The most messages of the {@code slow} route waiting, as the properties set it. */
	static final int SLOW_MAX_QUEUED = 8;

	protected WsClients clients;

	@Autowired
	MeterRegistry meters;

	/**
	 * The start of the names of the threads the handlers run on.
	 * @return the prefix
	 */
	protected String handlerThreadPrefix() {
		return "handler-pool-";
	}

	@Test
	void handlersRunOnTheExecutorInsideTheirObservation() {
		try (WsTestClient client = this.clients.connect("thread")) {
			client.sendText("where?");
			String thread = client.awaitText();
			assertThat(thread).startsWith(handlerThreadPrefix());
			assertThat(HandlerExecutionApplication.OBSERVED_ON).containsEntry("where?", thread);
		}
	}

	@Test
	void eachConnectionsMessagesAreHandledOneAtATimeInOrderHoweverLongEachTakes() {
		List<WsTestClient> connections = new ArrayList<>();
		for (int c = 0; c < 4; c++) {
			connections.add(this.clients.connect("ordered"));
		}
		for (int i = 0; i < 100; i++) {
			for (WsTestClient connection : connections) {
				connection.sendText(Integer.toString(i));
			}
		}
		for (WsTestClient connection : connections) {
			List<String> replies = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				replies.add(connection.awaitText());
			}
			assertThat(replies).doesNotContain("overlap")
				.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString).toList());
		}
	}

	@Test
	void aConnectionFloodingASlowHandlerIsNoLongerReadWhileTheOthersAreServed() {
		HandlerExecutionApplication.resetSlow();
		int messages = 200;
		String payload = "x".repeat(1024);
		try (WsTestClient flooding = this.clients.connect("slow"); WsTestClient other = this.clients.connect("echo")) {
			// the route's meters are made as its first connection opens
			Timer latency = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.find(WsMetrics.MESSAGE_LATENCY).tag("endpoint", "slow").timer(),
						(timer) -> timer != null);
			long measuredBefore = latency.count();
			double secondsBefore = latency.totalTime(TimeUnit.SECONDS);
			for (int i = 0; i < messages; i++) {
				flooding.sendText(payload);
				if (i == 50) {
					other.sendText("still served");
					assertThat(other.awaitText(Duration.ofSeconds(2))).isEqualTo("still served");
					assertThat(HandlerExecutionApplication.SLOW_HANDLED.get())
						.as("answered while the flood is worked through")
						.isLessThan(50);
				}
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> HandlerExecutionApplication.SLOW_HANDLED.get() == messages);
			// the handler's time on the executor, 10 ms a message, not the time each waited for its turn
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(latency.count() - measuredBefore).isEqualTo(messages));
			double meanMillis = (latency.totalTime(TimeUnit.SECONDS) - secondsBefore) * 1000 / messages;
			assertThat(meanMillis).isBetween(10.0, 40.0);
		}
		// received and not yet handled: at most the bound, the message in hand and one read as the pause began
		assertThat(HandlerExecutionApplication.SLOW_MOST_WAITING.get()).isBetween(4L, SLOW_MAX_QUEUED + 2L);
	}

}
