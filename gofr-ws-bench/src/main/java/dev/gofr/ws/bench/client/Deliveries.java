package dev.gofr.ws.bench.client;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import static dev.gofr.ws.bench.client.Figures.percentiles;
import static dev.gofr.ws.bench.client.Figures.round;

/**
 * The deliveries of a fan-out, burst, paced or chat: what the clients count and time on the
 * selector thread, the rounds that wait for them, and the figures of the measured window. The
 * stalled clients of {@code fanout-stalled} count apart.
 */
final class Deliveries {

	final Counter delivered = new Counter();

	/** The latency of each delivery in the measured window, in nanoseconds. */
	final Histogram latency = Figures.histogram();

	volatile boolean measuring;

	volatile long lastDelivery;

	long clockOffset;

	long stalledReceived;

	final Map<Integer, Integer> stalledCloses = new HashMap<>();

	final Map<Integer, Integer> healthyCloses = new HashMap<>();

	/**
	 * The rounds of a burst fan-out: the warm-up rounds, then the measured ones in a window that
	 * ends at the last delivery when every round was delivered in time. Targets are cumulative:
	 * what a round that timed out still delivers counts for it.
	 * @param perRound the deliveries of one round
	 * @param round plays one round and says whether the deliveries so far reached its target
	 */
	Rounds rounds(WsLoadClient client, ServerProbe probe, ScenarioSettings settings, long perRound, Round round)
			throws Exception {
		long expected = 0;
		for (int i = 0; i < settings.warmupRounds(); i++) {
			expected += perRound;
			round.play(expected);
		}
		MeasuredWindow window = MeasuredWindow.start(client, probe, () -> {
			this.measuring = true;
			return this.delivered.value;
		});
		int incomplete = 0;
		for (int i = 0; i < settings.rounds(); i++) {
			expected += perRound;
			incomplete += round.play(expected) ? 0 : 1;
		}
		window.end(client, probe, () -> {
			this.measuring = false;
			return this.delivered.value;
		});
		if (incomplete == 0) {
			window.endAt(this.lastDelivery);
		}
		return new Rounds(window, expected, incomplete);
	}

	/**
	 * The figures of a fan-out's measured window: after waiting for stragglers, the deliveries,
	 * late and lost ones, their rate and latency, and the server's CPU and system calls per
	 * delivery.
	 */
	void put(Map<String, Object> result, WsLoadClient client, MeasuredWindow window, long expected)
			throws InterruptedException {
		long measured = window.count();
		long late = awaitStragglers(expected);
		result.put("seconds", round(window.seconds(), 3));
		result.put("deliveries", measured);
		result.put("deliveredLate", late);
		result.put("losses", Math.max(0, expected - this.delivered.value));
		result.put("deliveriesPerSec", Math.round(measured / window.seconds()));
		result.putAll(percentiles("latency", client.call(this.latency::copy).join()));
		window.putCpu(result, "serverCpuUsPerDelivery", measured);
		window.putFramesPerWrite(result, measured);
		result.put("healthyCloses", client.call(() -> new TreeMap<>(this.healthyCloses)).join());
	}

	/**
	 * Wait until the deliveries reach a target, or the timeout.
	 * @param expected the deliveries awaited, from the first round on
	 * @return whether they were there in time
	 */
	boolean await(long expected, int timeoutSeconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (this.delivered.value < expected && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		return this.delivered.value >= expected;
	}

	/**
	 * After the measured window, wait for deliveries still on their way: until all are there,
	 * nothing has arrived for two seconds, or 20 seconds have passed.
	 * @return the deliveries that arrived meanwhile
	 */
	private long awaitStragglers(long expected) throws InterruptedException {
		long before = this.delivered.value;
		long last = before;
		long quietSince = System.nanoTime();
		long deadline = quietSince + TimeUnit.SECONDS.toNanos(20);
		while (this.delivered.value < expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
			long now = this.delivered.value;
			if (now != last) {
				last = now;
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
				break;
			}
		}
		return this.delivered.value - before;
	}

	/** One round of a burst fan-out. */
	@FunctionalInterface
	interface Round {

		/**
		 * @param expected the deliveries expected once this round is delivered, from the first round on
		 * @return whether they were there in time
		 */
		boolean play(long expected) throws Exception;

	}

	/**
	 * The measured rounds: their window, the deliveries expected by their end, and how many were
	 * not delivered in time.
	 */
	record Rounds(MeasuredWindow window, long expected, int incomplete) {
	}

}
