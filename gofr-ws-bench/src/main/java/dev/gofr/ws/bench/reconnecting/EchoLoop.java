package dev.gofr.ws.bench.reconnecting;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.route.WsMessage;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One {@link ReconnectingClient}, built with the builder's defaults (heartbeat, buffer,
 * reconnecting), echoing through a server in a closed loop: a round sends its first
 * {@code window} messages from the caller, and every echo that comes back sends the next one
 * from the client's own thread, through the client its handler is given, until the round's
 * count is sent; so at most {@code window} messages are unanswered and the client's buffer
 * (1,000 messages by default) never refuses one. Each message carries the
 * {@link System#nanoTime()} of its send ({@link BenchPayload}), which its echo brings back.
 * <p>
 * Only the client's public API of gofr-ws-core's first releases is used, so that these classes
 * run on the class path of an earlier or a later build alike.
 */
final class EchoLoop {

	/** Round trips above a minute are recorded as a minute. */
	private static final long LONGEST_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final ReconnectingClient client;

	private final int window;

	private final int size;

	private final Histogram latency = new Histogram(LONGEST_NANOS, 3);

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private volatile long target;

	private volatile CountDownLatch done = new CountDownLatch(0);

	private volatile @Nullable String failure;

	EchoLoop(String name, URI url, int window, int size) {
		this.client = ReconnectingClient.builder(name, url).onMessage(this::echoed).build();
		this.window = window;
		this.size = size;
	}

	void start() {
		this.client.start();
	}

	boolean isOpen() {
		return this.client.isOpen();
	}

	/**
	 * Start a round: its first messages are sent before this returns, the rest as echoes come
	 * back. The previous round must be over.
	 * @param messages the messages of the round
	 */
	void startRound(long messages) {
		this.latency.reset();
		this.sent.set(0);
		this.received.set(0);
		this.failure = null;
		this.target = messages;
		this.done = new CountDownLatch((messages > 0) ? 1 : 0);
		for (int i = 0; i < this.window; i++) {
			sendNext();
		}
	}

	/**
	 * Wait until every message of the round came back, or a send was refused.
	 * @param bound the longest wait
	 * @throws IllegalStateException when the round did not end within the bound, or a send
	 * was refused
	 */
	void awaitRound(Duration bound) throws InterruptedException {
		if (!this.done.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
			throw new IllegalStateException(this.client + ": " + this.received.get() + " of " + this.target
					+ " echoes came back within " + bound.toSeconds() + " s");
		}
		String failed = this.failure;
		if (failed != null) {
			throw new IllegalStateException(this.client + ": " + failed);
		}
	}

	/**
	 * The round trips of the last round, from the send to the echo's arrival.
	 * @return the histogram, in nanoseconds; read it only once the round is over
	 */
	Histogram latency() {
		return this.latency;
	}

	void close() {
		this.client.close();
	}

	private void echoed(ReconnectingClient client, WsMessage message) {
		long arrived = System.nanoTime();
		long stamp = BenchPayload.stamp(message.text());
		if (stamp < 0) {
			fail("the server sent a message that is no echo: " + message.text());
			return;
		}
		this.latency.recordValue(Math.min(arrived - stamp, LONGEST_NANOS));
		sendNext();
		if (this.received.incrementAndGet() == this.target) {
			this.done.countDown();
		}
	}

	private void sendNext() {
		if (this.sent.incrementAndGet() > this.target) {
			return;
		}
		CompletableFuture<Void> written = this.client.sendText(BenchPayload.stamped(System.nanoTime(), this.size));
		if (written.isCompletedExceptionally()) {
			// a refusal fails the future at once: the round would wait for an echo that never comes
			written.whenComplete((ignored, ex) -> fail("a send was refused: " + ex));
		}
	}

	private void fail(String why) {
		this.failure = why;
		this.done.countDown();
	}

}
