package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.gofr.ws.test.WsTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A healthy client that echoes round after round on its own thread while a test does harm to
 * other connections: if the server stalls, drops or disturbs it, a round fails or times out.
 */
final class Canary implements AutoCloseable {

	private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(20);

	private final WsTestClient client;

	private final Thread thread;

	private final AtomicInteger rounds = new AtomicInteger();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private volatile boolean running = true;

	private Canary(WsTestClient client) {
		this.client = client;
		this.thread = new Thread(this::run, "canary");
		this.thread.setDaemon(true);
	}

	/**
	 * Connect to an echo route and start echoing.
	 * @param uri the echo route
	 * @return the running canary
	 */
	static Canary start(URI uri) {
		Canary canary = new Canary(WsTestClient.connect(uri, Map.of(), ROUND_TIMEOUT));
		canary.thread.start();
		return canary;
	}

	private void run() {
		while (this.running) {
			String text = "canary " + this.rounds.get();
			try {
				this.client.sendText(text);
				assertThat(this.client.awaitText(ROUND_TIMEOUT)).isEqualTo(text);
				this.rounds.incrementAndGet();
			}
			catch (Throwable ex) {
				this.failures.add(ex);
				return;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // pacing, to leave the cores to the test
		}
	}

	/**
	 * Stop echoing and check that every round came back, and that there were some.
	 * @param atLeast the fewest rounds expected
	 */
	void assertHealthy(int atLeast) throws InterruptedException {
		this.running = false;
		this.thread.join(ROUND_TIMEOUT.toMillis() * 2);
		assertThat(this.failures).as("failed rounds of the healthy client").isEmpty();
		assertThat(this.rounds.get()).as("rounds echoed by the healthy client").isGreaterThanOrEqualTo(atLeast);
		assertThat(this.client.isClosed()).as("healthy client closed").isFalse();
	}

	@Override
	public void close() {
		this.running = false;
		this.client.close();
	}

}
