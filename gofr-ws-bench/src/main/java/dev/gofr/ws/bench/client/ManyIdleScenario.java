package dev.gofr.ws.bench.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;

import static dev.gofr.ws.bench.client.Figures.round;

/**
 * {@code c100k}: {@code manyConnections} idle connections on {@code /ws/fanout} (100,000 unless the
 * open-file limit is lower, in which case as many as it allows, said loudly), opened from several
 * loopback addresses so that no one address runs out of ephemeral ports; then the server at rest
 * with each server's own heartbeat (gofr-ws's default 30 s), its heap after GC and RSS; then three
 * broadcasts to all of them, one after the other: for each, the time from the request until the
 * last delivery and the server's CPU for it, the last one's as the figures (the first runs code the
 * JIT has not compiled yet).
 */
final class ManyIdleScenario extends Scenario {

	/** Open files the generator keeps for itself besides its connections. */
	static final int SPARE_FILES = 500;

	/** How long the broadcast may take to reach every connection. */
	private static final Duration BROADCAST_BOUND = Duration.ofSeconds(60);

	/** Broadcasts to all, one after the other: the first is cold, the figures are the last's. */
	static final int BROADCASTS = 3;

	/** Seconds between two broadcasts, for the writes and the clients' reads to end. */
	private static final int PAUSE_SECONDS = 2;

	ManyIdleScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe) {
		super(settings, address, probe);
	}

	@Override
	Map<String, Object> run() throws Exception {
		int asked = this.settings.manyConnections();
		long limit = openFileLimit();
		int count = (int) Math.min(asked, Math.max(1, limit - SPARE_FILES));
		if (count < asked) {
			log("c100k: ***** the open-file limit is %d, so this run opens %,d connections, not %,d; raise the hard "
					+ "limit (ulimit -Hn) for the full scenario *****", limit, count, asked);
		}
		List<InetAddress> sources = sources(count, this.settings.manyPerSource());
		CountingListener listener = new CountingListener();
		Counter pings = listener.pings;
		Counter delivered = listener.messages;
		long heapBefore = this.probe.heapAfterGcBytes();
		long rssBefore = this.probe.rssBytes();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			client.openFrom(sources);
			List<Connection> connections = connect(client, "/ws/fanout", count, (n) -> 0, listener);
			log("c100k: %,d connections open from %d addresses; settling %d s", connections.size(), sources.size(),
					this.settings.manySettleSeconds());
			sleep(this.settings.manySettleSeconds());
			MeasuredWindow rest = MeasuredWindow.start(client, this.probe, () -> pings.value);
			sleep(this.settings.manyRestSeconds());
			rest.end(client, this.probe, () -> pings.value);
			long heapAfter = this.probe.heapAfterGcBytes();
			long rssAfter = this.probe.rssBytes();
			int open = connections.size() - client.call(() -> count(connections, WsLoadClient.State.CLOSED)).join();
			log("c100k: %,d open after %d s at rest; one broadcast to all", open, this.settings.manyRestSeconds());

			List<Double> lastDeliveryMs = new ArrayList<>();
			List<Double> cpuMs = new ArrayList<>();
			long reached = 0;
			for (int round = 0; round < BROADCASTS; round++) {
				long deliveredBefore = client.call(() -> delivered.value).join();
				MeasuredWindow broadcast = MeasuredWindow.start(client, this.probe, () -> delivered.value);
				long sent = System.nanoTime();
				CompletableFuture<String> answer = this.probe.fanoutAsync(1, this.settings.size(), BROADCAST_BOUND);
				long deadline = sent + BROADCAST_BOUND.toNanos();
				while (client.call(() -> delivered.value).join() - deliveredBefore < open
						&& System.nanoTime() < deadline) {
					Thread.sleep(10);
				}
				broadcast.end(client, this.probe, () -> delivered.value);
				reached = client.call(() -> delivered.value).join() - deliveredBefore;
				long last = client.call(() -> listener.lastMessageNanos).join();
				if (answer.isCompletedExceptionally()) {
					log("c100k: broadcast request failed: %s", answer.handle((ok, ex) -> String.valueOf(ex)).join());
				}
				lastDeliveryMs.add((reached > 0) ? round(TimeUnit.NANOSECONDS.toMicros(last - sent) / 1000.0, 1) : -1);
				cpuMs.add(round(broadcast.serverCpuSeconds() * 1000, 1));
				log("c100k: broadcast %d reached %,d in %.1f ms, %.1f ms of server CPU", round + 1, reached,
						lastDeliveryMs.get(round), cpuMs.get(round));
				sleep(PAUSE_SECONDS);
			}

			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connectionsAsked", asked);
			result.put("openFileLimit", limit);
			result.put("connections", open);
			result.put("sourceAddresses", sources.size());
			result.put("heapAfterGcMB", round(heapAfter / 1048576.0, 1));
			result.put("heapPerConnKB", round((heapAfter - heapBefore) / 1024.0 / Math.max(1, open), 2));
			result.put("rssMB", round(rssAfter / 1048576.0, 1));
			result.put("rssPerConnKB", round((rssAfter - rssBefore) / 1024.0 / Math.max(1, open), 2));
			result.put("restSeconds", round(rest.seconds(), 2));
			result.put("serverCpuPctOfCoreAtRest", round(100.0 * rest.serverCpuSeconds() / rest.seconds(), 2));
			result.put("pingsPerSecAtRest", Math.round(rest.count() / rest.seconds()));
			// the first broadcast runs code the JIT has not compiled yet; the last is the node warmed up
			double lastCpuMs = cpuMs.get(cpuMs.size() - 1);
			result.put("broadcastDelivered", reached);
			result.put("broadcastLastDeliveryMs", lastDeliveryMs.get(lastDeliveryMs.size() - 1));
			result.put("broadcastServerCpuMs", lastCpuMs);
			result.put("broadcastServerCpuUsPerDelivery", round(lastCpuMs * 1000 / Math.max(1, reached), 2));
			result.put("broadcastsLastDeliveryMs", lastDeliveryMs);
			result.put("broadcastsServerCpuMs", cpuMs);
			rest.putGenerator(result);
			return result;
		}
	}

	/**
	 * The loopback addresses to open {@code count} connections from: 127.0.0.1, 127.0.0.2, … one per
	 * {@code perSource} connections.
	 */
	static List<InetAddress> sources(int count, int perSource) throws UnknownHostException {
		int needed = Math.max(1, (count + perSource - 1) / perSource);
		List<InetAddress> sources = new ArrayList<>(needed);
		for (int i = 1; i <= needed; i++) {
			sources.add(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) i }));
		}
		return sources;
	}

	/**
	 * This process's open-file limit (the soft one, which the JVM raises to the hard one at start on
	 * Linux), from {@code /proc/self/limits}; very large where that cannot be read.
	 */
	static long openFileLimit() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
				if (line.startsWith("Max open files")) {
					String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
					return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: no limit known
		}
		return Long.MAX_VALUE;
	}

}
