package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;

/**
 * {@code fanout-paced}: the server broadcasts one message every {@code pacedIntervalMs} to every
 * connection, from its own scheduler, first for a warm-up, then for the measured window, which
 * ends at the last delivery; latency is from the time each broadcast was due.
 */
final class PacedFanoutScenario extends Scenario {

	PacedFanoutScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe) {
		super(settings, address, probe);
	}

	@Override
	Map<String, Object> run() throws Exception {
		Deliveries deliveries = new Deliveries();
		int interval = this.settings.pacedIntervalMs();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/fanout", this.settings.fanoutConnections(),
					(n) -> 0, FanoutScenario.listener(deliveries));
			deliveries.clockOffset = this.probe.clockOffsetNanos();
			int n = connections.size();
			log("paced fan-out: %d connections, one %d B message every %d ms; %d warm-up, %d measured", n,
					this.settings.size(), interval, this.settings.pacedWarmupMessages(),
					this.settings.pacedMessages());
			long expected = (long) this.settings.pacedWarmupMessages() * n;
			this.probe.fanoutPaced(this.settings.pacedWarmupMessages(), this.settings.size(), interval);
			deliveries.await(expected, timeout(this.settings.pacedWarmupMessages()));
			MeasuredWindow window = MeasuredWindow.start(client, this.probe, () -> {
				deliveries.measuring = true;
				return deliveries.delivered.value;
			});
			expected += (long) this.settings.pacedMessages() * n;
			this.probe.fanoutPaced(this.settings.pacedMessages(), this.settings.size(), interval);
			boolean complete = deliveries.await(expected, timeout(this.settings.pacedMessages()));
			window.end(client, this.probe, () -> {
				deliveries.measuring = false;
				return deliveries.delivered.value;
			});
			if (complete) {
				window.endAt(deliveries.lastDelivery);
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", n);
			result.put("intervalMs", interval);
			result.put("messages", this.settings.pacedMessages());
			result.put("size", this.settings.size());
			result.put("clockOffsetNs", deliveries.clockOffset);
			result.put("pacedDeliveriesPerSec", Math.round(n * 1000.0 / interval));
			deliveries.put(result, client, window, expected);
			return result;
		}
	}

	/** How long a paced fan-out of so many messages may take to arrive, in seconds. */
	private int timeout(int messages) {
		return (int) (messages * (long) this.settings.pacedIntervalMs() / 1000) + this.settings.roundTimeoutSeconds();
	}

}
