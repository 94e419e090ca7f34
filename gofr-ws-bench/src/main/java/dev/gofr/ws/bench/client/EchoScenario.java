package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;
import org.HdrHistogram.Histogram;

import static dev.gofr.ws.bench.client.Figures.percentiles;
import static dev.gofr.ws.bench.client.Figures.round;

/**
 * {@code echo}: {@code echoConnections} connections on {@code /ws/echo}, each keeping
 * {@code inFlight} stamped text messages in flight, each sent again as soon as it comes back;
 * round-trip time from the stamp, on the generator's clock. {@code echo-controller} is the same on
 * {@code /ws/echo-controller}, the echo written as an annotated controller.
 */
final class EchoScenario extends Scenario {

	private final String path;

	private final byte[] message;

	/**
	 * Echo on the route at {@code path}.
	 * @param path the echo route's path: {@code /ws/echo} or {@code /ws/echo-controller}
	 */
	EchoScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe, String path) {
		super(settings, address, probe);
		this.path = path;
		this.message = new byte[Math.max(settings.size(), 32)];
	}

	@Override
	Map<String, Object> run() throws Exception {
		Histogram rtt = Figures.histogram();
		Counter received = new Counter();
		Listener listener = new Listener() {

			@Override
			public void opened(Connection connection) {
				for (int i = 0; i < EchoScenario.this.settings.inFlight(); i++) {
					send(connection, System.nanoTime());
				}
			}

			@Override
			public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
				long stamp = BenchPayload.stamp(payload);
				if (received.measuring && stamp > 0) {
					Figures.record(rtt, now - stamp);
				}
				received.increment();
				send(connection, now);
			}

		};
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, this.path, this.settings.echoConnections(), (n) -> 0,
					listener);
			log("echo on %s: %d connections x %d in flight, %d s warm-up", this.path, connections.size(),
					this.settings.inFlight(), this.settings.warmupSeconds());
			sleep(this.settings.warmupSeconds());
			MeasuredWindow window = MeasuredWindow.start(client, this.probe, () -> {
				received.measuring = true;
				return received.value;
			});
			sleep(this.settings.durationSeconds());
			window.end(client, this.probe, () -> {
				received.measuring = false;
				return received.value;
			});
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", connections.size());
			result.put("inFlight", this.settings.inFlight());
			result.put("size", this.settings.size());
			result.put("seconds", round(window.seconds(), 2));
			result.put("messages", window.count());
			result.put("msgsPerSec", Math.round(window.count() / window.seconds()));
			result.putAll(percentiles("rtt", client.call(rtt::copy).join()));
			window.putCpu(result, "serverCpuUsPerMsg", window.count());
			window.putFramesPerWrite(result, window.count());
			result.put("closedDuringRun", client.call(() -> count(connections, WsLoadClient.State.CLOSED)).join());
			return result;
		}
	}

	private void send(Connection connection, long now) {
		BenchPayload.writeStamped(now, this.settings.size(), this.message, 0);
		connection.sendText(this.message, 0, this.settings.size());
	}

}
