package dev.gofr.ws.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.gofr.ws.heartbeat.HeartbeatSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The thundering herd: 500 clients in one JVM lose the same server when it crashes and comes
 * back. With jitter their reconnects spread out; without, they arrive together.
 * <p>
 * Each client's reconnect instant is the instant its successful attempt was due to start, which
 * is what the jitter decides; when the server, busy on a small machine, finished each handshake
 * is not measured. Only the spread of those instants is asserted, never how fast anything ran.
 */
class ReconnectingClientHerdTests {

	private static final int CLIENTS = 500;

	private static final long WINDOW_NANOS = Duration.ofMillis(100).toNanos();

	@Test
	void withJitterReconnectsSpreadOut() {
		long[] instants = reconnectInstants(0.5);
		assertThat(busiestWindow(instants)).as("most reconnects within 100 ms, with jitter 0.5")
			.isLessThanOrEqualTo(CLIENTS / 4);
	}

	@Test
	void withoutJitterReconnectsArriveTogether() {
		long[] instants = reconnectInstants(0);
		assertThat(busiestWindow(instants)).as("most reconnects within 100 ms, with jitter 0")
			.isGreaterThan(CLIENTS / 4);
	}

	/**
	 * Connect every client, restart the server, and record when each reconnected.
	 * @return the instant, in {@link System#nanoTime()}, each client's successful attempt started
	 */
	private long[] reconnectInstants(double jitter) {
		ReconnectSettings reconnect = new ReconnectSettings(true, Duration.ofSeconds(2), Duration.ofSeconds(8), 2.0,
				jitter, 0);
		AtomicLongArray due = new AtomicLongArray(CLIENTS);
		AtomicLongArray reconnectedAt = new AtomicLongArray(CLIENTS);
		AtomicLong reconnected = new AtomicLong();
		List<ReconnectingClient> clients = new ArrayList<>();
		try (UpstreamServer server = new UpstreamServer()) {
			try {
				for (int i = 0; i < CLIENTS; i++) {
					int index = i;
					clients.add(ReconnectingClient.builder("herd-" + i, server.url())
						.reconnect(reconnect)
						.heartbeat(HeartbeatSettings.OFF)
						.onReconnecting((attempt, delay) -> due.set(index, System.nanoTime() + delay.toNanos()))
						.onReconnected((client) -> {
							reconnectedAt.set(index, due.get(index));
							reconnected.incrementAndGet();
						})
						.build());
				}
				clients.forEach(ReconnectingClient::start);
				await().atMost(Duration.ofMinutes(2)).until(() -> clients.stream().allMatch(ReconnectingClient::isOpen));
				await().atMost(Duration.ofMinutes(1)).until(() -> server.connections() == CLIENTS);

				server.crash();
				await().atMost(Duration.ofMinutes(1))
					.until(() -> clients.stream().noneMatch(ReconnectingClient::isOpen));
				server.restart();
				await().atMost(Duration.ofMinutes(2)).until(() -> reconnected.get() == CLIENTS);
			}
			finally {
				clients.forEach(ReconnectingClient::close);
			}
		}
		long[] instants = new long[CLIENTS];
		for (int i = 0; i < CLIENTS; i++) {
			instants[i] = reconnectedAt.get(i);
		}
		return instants;
	}

	/**
	 * The most instants that fall within any 100 ms window.
	 */
	private static int busiestWindow(long[] instants) {
		long[] sorted = instants.clone();
		Arrays.sort(sorted);
		int most = 0;
		int start = 0;
		for (int end = 0; end < sorted.length; end++) {
			while (sorted[end] - sorted[start] >= WINDOW_NANOS) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		System.out.printf("%d reconnects over %d ms, at most %d within 100 ms%n", sorted.length,
				Duration.ofNanos(sorted[sorted.length - 1] - sorted[0]).toMillis(), most);
		return most;
	}

}
