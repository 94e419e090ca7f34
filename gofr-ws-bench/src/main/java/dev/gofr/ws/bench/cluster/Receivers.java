package dev.gofr.ws.bench.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.gofr.ws.bench.BenchPayload;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Clients that record the latency of every stamped text message they receive (one that starts
 * with the sender's {@link System#nanoTime()}, see {@link BenchPayload}); any other text, such as
 * the chat's {@code joined} answer, is counted apart.
 */
final class Receivers {

	final Histogram latency = new ConcurrentHistogram(3);

	final LongAdder received = new LongAdder();

	final LongAdder others = new LongAdder();

	volatile long lastArrival;

	/** How the server closed a connection, such as {@code 1008 send buffer full}; {@code null} while none. */
	volatile @Nullable String closed;

	void reset() {
		this.latency.reset();
		this.received.reset();
	}

	WebSocket connect(HttpClient http, int port, String path) {
		return http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new Listener())
			.orTimeout(30, TimeUnit.SECONDS)
			.join();
	}

	/**
	 * Connect to a node's {@code /ws/chat} and join a room there.
	 * @return the socket; the {@code joined} answer is counted in {@link #others}
	 */
	WebSocket join(HttpClient http, int port, String room) {
		WebSocket socket = connect(http, port, "/ws/chat");
		socket.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}", true).orTimeout(30, TimeUnit.SECONDS).join();
		return socket;
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder parts = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (!last || !this.parts.isEmpty()) {
				this.parts.append(data);
			}
			if (last) {
				long now = System.nanoTime();
				// a whole message is read where it is: the receiver should cost as little as it can
				long stamp = BenchPayload.stamp(this.parts.isEmpty() ? data : this.parts);
				this.parts.setLength(0);
				if (stamp > 0) {
					Receivers.this.latency.recordValue(Math.max(0, now - stamp));
					Receivers.this.received.increment();
					Receivers.this.lastArrival = now;
				}
				else {
					Receivers.this.others.increment();
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			Receivers.this.closed = statusCode + " " + reason;
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			Receivers.this.closed = error.toString();
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return CompletableFuture.completedFuture(null);
		}

	}

}
