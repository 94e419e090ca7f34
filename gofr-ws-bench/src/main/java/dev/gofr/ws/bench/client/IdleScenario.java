package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
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

	IdleScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe) {
		super(settings, address, probe);
	}

	@Override
	Map<String, Object> run() throws Exception {
		int count = this.settings.idleConnections();
		long heapBefore = this.probe.heapAfterGcBytes();
		long rssBefore = this.probe.rssBytes();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/echo", count, (n) -> 0, new Listener() {
			});
			log("idle: %d connections open", connections.size());
			Thread.sleep(2000);
			long heapAfter = this.probe.heapAfterGcBytes();
			long rssAfter = this.probe.rssBytes();
			int open = connections.size() - client.call(() -> count(connections, WsLoadClient.State.CLOSED)).join();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", open);
			result.put("heapBeforeMB", round(heapBefore / 1048576.0, 1));
			result.put("heapAfterMB", round(heapAfter / 1048576.0, 1));
			result.put("heapPerConnKB", round((heapAfter - heapBefore) / 1024.0 / open, 2));
			result.put("rssBeforeMB", round(rssBefore / 1048576.0, 1));
			result.put("rssAfterMB", round(rssAfter / 1048576.0, 1));
			result.put("rssPerConnKB", round((rssAfter - rssBefore) / 1024.0 / open, 2));
			return result;
		}
	}

}
