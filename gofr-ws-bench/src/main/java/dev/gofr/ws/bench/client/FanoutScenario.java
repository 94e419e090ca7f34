package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.client.Deliveries.Rounds;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;

import static dev.gofr.ws.bench.client.Figures.round;

/**
 * {@code fanout} and {@code fanout-stalled}: {@code fanoutConnections} connections on
 * {@code /ws/fanout}, and rounds of {@code broadcasts} messages that the server sends to every one
 * of them at once; latency from the server's stamp. With a stall, every 100th client stops
 * reading before the warm-up, and the figures are the healthy clients', followed by how the
 * server ended the stalled ones.
 */
final class FanoutScenario extends Scenario {

	/** How much each stalled client asks for to fill its socket buffers, unless told: 4 MB. */
	static final long FILL_BYTES = 4L * 1024 * 1024;

	/** The size of each message a stalled client asks for to fill its socket buffers, in bytes. */
	static final int FILL_MESSAGE = 64 * 1024;

	private final boolean stall;

	private final long fillBytes;

	/**
	 * @param stall whether 1% of the clients stall
	 * @param fillBytes how much each stalled client asks for before it stops reading, in bytes
	 */
	FanoutScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe, boolean stall,
			long fillBytes) {
		super(settings, address, probe);
		this.stall = stall;
		this.fillBytes = fillBytes;
	}

	@Override
	Map<String, Object> run() throws Exception {
		Deliveries deliveries = new Deliveries();
		int total = this.settings.fanoutConnections();
		int stalledEvery = 100; // 1%
		Listener listener = listener(deliveries);
		// A stalled client that reads nothing with a small receive window: its socket fills after a
		// few kilobytes, so the server has to hold or drop what follows.
		int stalledBuffer = 4096;
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/fanout", total,
					(n) -> (this.stall && n % stalledEvery == 0) ? stalledBuffer : 0, listener);
			deliveries.clockOffset = this.probe.clockOffsetNanos();
			List<Connection> stalled = new ArrayList<>();
			if (this.stall) {
				client.call(() -> {
					for (int i = 0; i < connections.size(); i += stalledEvery) {
						Connection connection = connections.get(i);
						connection.attachment = Boolean.TRUE;
						stalled.add(connection);
					}
					return null;
				}).join();
			}
			int healthy = connections.size() - stalled.size();
			long perRound = (long) this.settings.broadcasts() * healthy;
			long stallStart = System.nanoTime();
			log("fan-out: %d connections (%d stalled), clock offset %d ns, %d warm-up rounds of %d x %d B",
					connections.size(), stalled.size(), deliveries.clockOffset, this.settings.warmupRounds(),
					this.settings.broadcasts(), this.settings.size());
			if (this.stall) {
				fill(client, stalled);
			}
			Rounds rounds = deliveries.rounds(client, this.probe, this.settings, perRound,
					(expected) -> playRound(deliveries, expected));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", connections.size());
			result.put("stalled", stalled.size());
			result.put("broadcasts", this.settings.broadcasts());
			result.put("rounds", this.settings.rounds());
			result.put("size", this.settings.size());
			result.put("clockOffsetNs", deliveries.clockOffset);
			result.put("incompleteRounds", rounds.incomplete());
			deliveries.put(result, client, rounds.window(), rounds.expected());
			result.put("heapAfterGcMB", round(this.probe.heapAfterGcBytes() / 1048576.0, 1));
			if (this.stall) {
				stalledOutcome(client, deliveries, stalled, stallStart, result);
			}
			return result;
		}
	}

	/**
	 * The clients of a fan-out: each counts and times what it receives against the server's
	 * stamp; a stalled one (attachment {@code TRUE}) only counts.
	 */
	static Listener listener(Deliveries deliveries) {
		return new Listener() {

			@Override
			public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
				long stamp = BenchPayload.stamp(payload);
				if (connection.attachment == Boolean.TRUE) {
					deliveries.stalledReceived++;
					return;
				}
				if (deliveries.measuring && stamp > 0) {
					Figures.record(deliveries.latency, now - (stamp - deliveries.clockOffset));
				}
				deliveries.lastDelivery = now;
				deliveries.delivered.increment();
			}

			@Override
			public void closed(Connection connection, int code) {
				if (connection.attachment == Boolean.TRUE) {
					deliveries.stalledCloses.merge(code, 1, Integer::sum);
				}
				else {
					deliveries.healthyCloses.merge(code, 1, Integer::sum);
				}
			}

		};
	}

	/**
	 * One round: ask for the broadcasts and wait until every healthy client has every message
	 * so far, or the round timeout.
	 * @return whether the round was delivered in time
	 */
	private boolean playRound(Deliveries deliveries, long expected) throws Exception {
		CompletableFuture<String> answer = this.probe.fanoutAsync(this.settings.broadcasts(), this.settings.size(),
				Duration.ofSeconds(300));
		boolean complete = deliveries.await(expected, this.settings.roundTimeoutSeconds());
		if (!complete) {
			log("fan-out: round not delivered within %d s: %d deliveries missing",
					this.settings.roundTimeoutSeconds(), expected - deliveries.delivered.value);
		}
		if (answer.isCompletedExceptionally()) {
			log("fan-out: broadcast request failed: %s", answer.handle((ok, ex) -> String.valueOf(ex)).join());
		}
		return complete;
	}

	/**
	 * Make the stalled clients stalled: each asks for {@link #fillBytes} bytes on its own connection
	 * and stops reading, so that its socket buffers (megabytes on loopback, where TCP segments are
	 * 64 KB) are full before the broadcasts start, as for a peer that stopped reading long ago,
	 * without sending the healthy clients anything.
	 */
	private void fill(WsLoadClient client, List<Connection> stalled) throws InterruptedException {
		byte[] request = ("fill " + FILL_MESSAGE).getBytes(StandardCharsets.US_ASCII);
		int messages = (int) (this.fillBytes / FILL_MESSAGE);
		client.call(() -> {
			for (Connection connection : stalled) {
				connection.reading(false);
				for (int i = 0; i < messages; i++) {
					connection.sendText(request, 0, request.length);
				}
			}
			return null;
		}).join();
		log("fan-out: %d stalled clients asked for %d x %d B each and stopped reading", stalled.size(), messages,
				FILL_MESSAGE);
		Thread.sleep(2000); // for the servers to push it
	}

	/**
	 * Let the server's send timeout pass, then read what the stalled clients were sent: how many
	 * messages reached each, and how it ended.
	 */
	private void stalledOutcome(WsLoadClient client, Deliveries deliveries, List<Connection> stalled, long stallStart,
			Map<String, Object> result) throws Exception {
		long waitUntil = stallStart + TimeUnit.SECONDS.toNanos(this.settings.cutOffWaitSeconds());
		long left = waitUntil - System.nanoTime();
		if (left > 0) {
			log("fan-out: waiting %d ms for the server to cut the stalled clients off",
					TimeUnit.NANOSECONDS.toMillis(left));
			Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
		}
		long stalledBefore = client.call(() -> deliveries.stalledReceived).join();
		client.call(() -> {
			stalled.forEach((connection) -> connection.reading(true));
			return null;
		}).join();
		// read until every stalled client has ended or nothing has come for a second
		long quietSince = System.nanoTime();
		long last = stalledBefore;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			Thread.sleep(100);
			long[] now = client.call(() -> new long[] { deliveries.stalledReceived,
					count(stalled, WsLoadClient.State.CLOSED) }).join();
			if (now[1] == stalled.size()) {
				break;
			}
			if (now[0] != last) {
				last = now[0];
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(1)) {
				break;
			}
		}
		Map<String, Object> outcome = client.call(() -> {
			Map<String, Object> map = new LinkedHashMap<>();
			long min = Long.MAX_VALUE;
			long max = 0;
			long bytes = 0;
			for (Connection connection : stalled) {
				min = Math.min(min, connection.messagesReceived());
				max = Math.max(max, connection.messagesReceived());
				bytes = Math.max(bytes, connection.bytesReceived());
			}
			map.put("stalledStillOpen", stalled.size() - count(stalled, WsLoadClient.State.CLOSED));
			map.put("stalledCloses", new TreeMap<>(deliveries.stalledCloses));
			map.put("stalledMessagesMin", stalled.isEmpty() ? 0 : min);
			map.put("stalledMessagesMax", max);
			map.put("stalledKBMax", bytes / 1024);
			return map;
		}).join();
		int cutOff = 0;
		@SuppressWarnings("unchecked")
		Map<Integer, Integer> closes = (Map<Integer, Integer>) outcome.get("stalledCloses");
		for (Map.Entry<Integer, Integer> entry : closes.entrySet()) {
			cutOff += entry.getValue();
		}
		result.put("stalledCutOff", cutOff);
		result.put("stalledCutOff1013", closes.getOrDefault(1013, 0));
		result.putAll(outcome);
		result.put("stalledFillKB", this.fillBytes / 1024);
	}

}
