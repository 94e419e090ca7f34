package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;

import static dev.gofr.ws.bench.client.Figures.round;

/**
 * {@code idle}: {@code idleConnections} connections on {@code /ws/echo} that send nothing; the
 * server's heap after a forced collection and its resident memory, before and after opening them,
 * per connection.
 */
final class IdleScenario extends Scenario {

	/** How many classes the per-connection breakdown lists first, the largest. */
	private static final int TOP_CLASSES = 25;

	/** Instances per connection from which the breakdown lists a class after the largest: one object each. */
	private static final double ONE_EACH = 0.95;

	IdleScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe) {
		super(settings, address, probe);
	}

	@Override
	Map<String, Object> run() throws Exception {
		int count = this.settings.idleConnections();
		Map<String, long[]> classesBefore = this.probe.classHistogram();
		long heapBefore = this.probe.heapAfterGcBytes();
		long rssBefore = this.probe.rssBytes();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/echo", count, (n) -> 0, new Listener() {
			});
			log("idle: %d connections open", connections.size());
			Thread.sleep(2000);
			long heapAfter = this.probe.heapAfterGcBytes();
			long rssAfter = this.probe.rssBytes();
			Map<String, long[]> classesAfter = this.probe.classHistogram();
			int open = connections.size() - client.call(() -> count(connections, WsLoadClient.State.CLOSED)).join();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", open);
			result.put("heapBeforeMB", round(heapBefore / 1048576.0, 1));
			result.put("heapAfterMB", round(heapAfter / 1048576.0, 1));
			result.put("heapPerConnKB", round((heapAfter - heapBefore) / 1024.0 / open, 2));
			result.put("rssBeforeMB", round(rssBefore / 1048576.0, 1));
			result.put("rssAfterMB", round(rssAfter / 1048576.0, 1));
			result.put("rssPerConnKB", round((rssAfter - rssBefore) / 1024.0 / open, 2));
			if (!classesAfter.isEmpty()) {
				List<String> top = perConnection(classesBefore, classesAfter, open);
				top.forEach((line) -> log("idle: %s", line));
				result.put("heapTopPerConn", top);
			}
			return result;
		}
	}

	/**
	 * The classes whose live bytes grew most, per connection, then every other class of which each
	 * connection holds at least one object: what each idle connection holds.
	 * @return lines of bytes and instances per connection, then the class, largest first
	 */
	static List<String> perConnection(Map<String, long[]> before, Map<String, long[]> after, int connections) {
		List<Map.Entry<String, long[]>> grown = new ArrayList<>();
		after.forEach((name, now) -> {
			long[] then = before.getOrDefault(name, new long[2]);
			grown.add(Map.entry(name, new long[] { now[0] - then[0], now[1] - then[1] }));
		});
		grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed());
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < grown.size(); i++) {
			Map.Entry<String, long[]> entry = grown.get(i);
			if (i >= TOP_CLASSES && entry.getValue()[0] < ONE_EACH * connections) {
				continue;
			}
			lines.add(String.format(Locale.ROOT, "%8.1f B %6.2f × %s", entry.getValue()[1] / (double) connections,
					entry.getValue()[0] / (double) connections, entry.getKey()));
		}
		return lines;
	}

}
