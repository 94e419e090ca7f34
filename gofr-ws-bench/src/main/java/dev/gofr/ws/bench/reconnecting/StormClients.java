package dev.gofr.ws.bench.reconnecting;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import dev.gofr.ws.client.ClientState;
import dev.gofr.ws.client.ReconnectingClient;

/**
 * Many idle {@link ReconnectingClient}s with the builder's defaults (backoff, jitter, no attempt
 * limit), each noting when it last connected: the clients of a reconnect storm.
 */
public final class StormClients implements AutoCloseable {

	private final List<ReconnectingClient> clients = new ArrayList<>();

	/** When each client last connected, on {@link System#nanoTime()}; 0 before it first does. */
	private final AtomicLongArray connectedAt;

	private final AtomicInteger gaveUp = new AtomicInteger();

	private final AtomicLong attempts = new AtomicLong();

	/**
	 * Build the clients; none connects yet.
	 * @param url the server's route, such as {@code ws://127.0.0.1:8080/ws/echo}
	 * @param count how many
	 */
	public StormClients(URI url, int count) {
		this.connectedAt = new AtomicLongArray(count);
		for (int i = 0; i < count; i++) {
			int index = i;
			this.clients.add(ReconnectingClient.builder("storm-" + i, url)
				.onConnected((client) -> this.connectedAt.set(index, System.nanoTime()))
				.onReconnecting((attempt, delay) -> this.attempts.incrementAndGet())
				.onGaveUp((client, error) -> this.gaveUp.incrementAndGet())
				.build());
		}
	}

	/**
	 * Start the clients at a steady pace, {@code batch} every {@code every}, so that the first
	 * connections are neither a storm themselves nor refused by a throttle set for the storm; then
	 * wait until all are connected.
	 * @param batch how many start together
	 * @param every the time between two batches
	 * @param bound the longest wait for all, the starting included
	 * @throws IllegalStateException when not every client connected within the bound
	 */
	public void connect(int batch, Duration every, Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		for (int from = 0; from < this.clients.size(); from += batch) {
			this.clients.subList(from, Math.min(from + batch, this.clients.size())).forEach(ReconnectingClient::start);
			LockSupport.parkNanos(every.toNanos()); // pacing the starts
		}
		while (!this.clients.stream().allMatch(ReconnectingClient::isOpen)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not every client connected within " + bound.toSeconds() + " s");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling the clients' state, with a bound
		}
	}

	/**
	 * Wait until every client has connected again after a moment: the storm's end.
	 * @param since the moment, on {@link System#nanoTime()}
	 * @param bound the longest wait
	 * @return each client's time from the moment until it was connected again, in nanoseconds,
	 * sorted; {@code -1} for those still away at the bound
	 */
	public long[] awaitBack(long since, Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		while (!allBack(since) && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling the clients, with a bound
		}
		long[] back = new long[this.clients.size()];
		for (int i = 0; i < back.length; i++) {
			long at = this.connectedAt.get(i);
			back[i] = (at - since > 0 && this.clients.get(i).state() == ClientState.OPEN) ? at - since : -1;
		}
		Arrays.sort(back);
		return back;
	}

	private boolean allBack(long since) {
		for (int i = 0; i < this.clients.size(); i++) {
			if (this.connectedAt.get(i) - since <= 0 || this.clients.get(i).state() != ClientState.OPEN) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The handshakes the server refused with a {@code Retry-After} so far, every client together.
	 * @return the count
	 */
	public long retryAfterWaits() {
		return this.clients.stream().mapToLong(ReconnectingClient::retryAfterWaits).sum();
	}

	/**
	 * The attempts to connect again scheduled so far, every client together.
	 * @return the count
	 */
	public long attempts() {
		return this.attempts.get();
	}

	/**
	 * The reconnections so far, every client together.
	 * @return the count
	 */
	public long reconnects() {
		return this.clients.stream().mapToLong(ReconnectingClient::reconnects).sum();
	}

	/**
	 * How many clients gave up.
	 * @return the count
	 */
	public int gaveUp() {
		return this.gaveUp.get();
	}

	/**
	 * How many clients there are.
	 * @return the count
	 */
	public int size() {
		return this.clients.size();
	}

	/**
	 * Close every client with 1000.
	 */
	@Override
	public void close() {
		this.clients.forEach(ReconnectingClient::close);
	}

}
