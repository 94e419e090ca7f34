package dev.gofr.ws.autoconfigure.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers on virtual threads ({@code gofr.ws.handler.executor=virtual}), which need Java 21 or
 * later: the executor tests again, and a thousand connections whose handler blocks for a second
 * each, all answered within three seconds while the container has 200 threads. Runs in its own
 * Surefire execution, forked on a second JDK (see {@link SecondJdkTests}).
 */
@GofrWsTest(classes = HandlerExecutionApplication.class,
		properties = { "gofr.ws.handler.executor=virtual", "gofr.ws.endpoints.slow.handler.max-queued-messages=8",
				"gofr.ws.observation.messages=true", "server.tomcat.threads.max=200", "server.jetty.threads.max=200" })
public class VirtualThreadHandlersJava21Tests extends ExecutorHandlersTests {

	private static final int CONNECTIONS = 1000;

	@BeforeAll
	static void java21() {
		SecondJdkTests.requireJava21();
	}

	@Override
	protected String handlerThreadPrefix() {
		return "gofr-ws-handler-";
	}

	@Test
	void aThousandHandlersBlockingForASecondAreAllAnsweredWithinThreeSeconds() {
		List<WsTestClient> connections = new ArrayList<>(CONNECTIONS);
		for (int i = 0; i < CONNECTIONS; i++) {
			connections.add(this.clients.connect("blocking"));
		}
		long start = System.nanoTime();
		for (int i = 0; i < CONNECTIONS; i++) {
			connections.get(i).sendText("m" + i);
		}
		for (int i = 0; i < CONNECTIONS; i++) {
			assertThat(connections.get(i).awaitText(Duration.ofSeconds(30))).isEqualTo("done m" + i);
		}
		// on the container's 200 threads it would take five seconds at least
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

}
