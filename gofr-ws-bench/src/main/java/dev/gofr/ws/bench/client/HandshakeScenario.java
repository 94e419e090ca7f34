package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import static dev.gofr.ws.bench.client.Figures.percentiles;
import static dev.gofr.ws.bench.client.Figures.round;

/**
 * {@code handshakes}: connect, upgrade and close on {@code /ws/echo}, {@code handshakeConcurrency}
 * at a time, {@code handshakeWarmup} times, then {@code handshakes} times measured; latency of
 * the TCP connect and the upgrade together.
 */
final class HandshakeScenario extends Scenario {

	private final @Nullable String origin;

	/**
	 * @param origin the {@code Origin} header each handshake sends, or {@code null} for none
	 */
	HandshakeScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe,
			@Nullable String origin) {
		super(settings, address, probe);
		this.origin = origin;
	}

	@Override
	Map<String, Object> run() throws Exception {
		Histogram latency = Figures.histogram();
		HandshakeState state = new HandshakeState();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			Listener listener = new Listener() {

				@Override
				public void opened(Connection connection) {
					if (state.measuring) {
						Figures.record(latency, connection.handshakeNanos());
					}
					connection.close(1000);
				}

				@Override
				public void failed(Connection connection, String reason) {
					state.failures.merge(reason, 1, Integer::sum);
					state.done(client, this);
				}

				@Override
				public void closed(Connection connection, int code) {
					if (code != 1000) {
						state.failures.merge("closed with " + code, 1, Integer::sum);
					}
					state.completed++;
					state.done(client, this);
				}

			};
			state.address = this.address;
			state.origin = this.origin;
			state.concurrency = this.settings.handshakeConcurrency();
			log("handshakes: %d warm-up, then %d measured, %d at a time%s", this.settings.handshakeWarmup(),
					this.settings.handshakes(), state.concurrency,
					(this.origin != null) ? ", origin " + this.origin : "");
			state.run(client, listener, this.settings.handshakeWarmup()).get(120, TimeUnit.SECONDS);
			MeasuredWindow window = MeasuredWindow.start(client, this.probe, () -> {
				state.measuring = true;
				state.completed = 0;
				state.failures.clear();
				return 0L;
			});
			state.run(client, listener, this.settings.handshakes()).get(300, TimeUnit.SECONDS);
			window.end(client, this.probe, () -> {
				state.measuring = false;
				return (long) state.completed;
			});
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("handshakes", window.count());
			result.put("concurrency", state.concurrency);
			result.put("originChecked", this.origin != null);
			result.put("seconds", round(window.seconds(), 3));
			result.put("handshakesPerSec", Math.round(window.count() / window.seconds()));
			result.putAll(percentiles("handshake", client.call(latency::copy).join()));
			result.put("failures", client.call(() -> new TreeMap<>(state.failures)).join());
			window.putCpu(result, "serverCpuUsPerHandshake", window.count());
			return result;
		}
	}

	/**
	 * Opens connections one after the other, a bounded number at a time, each closing as soon as
	 * it is open; touched on the selector thread only, except the flags.
	 */
	private static final class HandshakeState {

		volatile boolean measuring;

		int completed;

		final Map<String, Integer> failures = new HashMap<>();

		InetSocketAddress address;

		@Nullable String origin;

		int concurrency;

		private int toStart;

		private int inProgress;

		private @Nullable CompletableFuture<Void> finished;

		CompletableFuture<Void> run(WsLoadClient client, Listener listener, int count) {
			CompletableFuture<Void> future = new CompletableFuture<>();
			client.execute(() -> {
				this.finished = future;
				this.toStart = count;
				startMore(client, listener);
			});
			return future;
		}

		void done(WsLoadClient client, Listener listener) {
			this.inProgress--;
			startMore(client, listener);
		}

		private void startMore(WsLoadClient client, Listener listener) {
			while (this.inProgress < this.concurrency && this.toStart > 0) {
				this.toStart--;
				this.inProgress++;
				client.connect(this.address, "/ws/echo", this.origin, 0, listener);
			}
			CompletableFuture<Void> future = this.finished;
			if (this.inProgress == 0 && this.toStart == 0 && future != null) {
				this.finished = null;
				future.complete(null);
			}
		}

	}

}
