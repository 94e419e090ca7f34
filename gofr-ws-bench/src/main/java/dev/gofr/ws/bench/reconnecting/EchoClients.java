package dev.gofr.ws.bench.reconnecting;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.gofr.ws.client.ReconnectingClient;
import org.HdrHistogram.Histogram;

/**
 * Reconnecting clients echoing through one server, each in its own closed loop (see
 * {@link EchoLoop}): a round sends every client the same number of messages and ends when every
 * echo came back.
 */
public final class EchoClients implements AutoCloseable {

	private final List<EchoLoop> loops = new ArrayList<>();

	/**
	 * Build the clients; none connects yet.
	 * @param url the server's echo route, such as {@code ws://127.0.0.1:8080/ws/echo}
	 * @param clients how many
	 * @param window the most messages each keeps unanswered
	 * @param size the message size in bytes (ASCII text)
	 */
	public EchoClients(URI url, int clients, int window, int size) {
		for (int i = 1; i <= clients; i++) {
			this.loops.add(new EchoLoop("echo-" + i, url, window, size));
		}
	}

	/**
	 * Start every client and wait until all are connected.
	 * @param bound the longest wait
	 * @throws IllegalStateException when one is not connected within the bound
	 */
	public void connect(Duration bound) {
		this.loops.forEach(EchoLoop::start);
		long deadline = System.nanoTime() + bound.toNanos();
		while (!this.loops.stream().allMatch(EchoLoop::isOpen)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not every client connected within " + bound.toSeconds() + " s");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling the clients' state, with a bound
		}
	}

	/**
	 * One round: every client sends its messages and receives their echoes.
	 * @param messagesPerClient the messages each client sends
	 * @param bound the longest a client's round may take
	 * @return the round trips of every client together, in nanoseconds
	 * @throws IllegalStateException when a client's round did not end within the bound or a
	 * send was refused
	 */
	public Histogram round(long messagesPerClient, Duration bound) throws InterruptedException {
		for (EchoLoop loop : this.loops) {
			loop.startRound(messagesPerClient);
		}
		Histogram latency = new Histogram(this.loops.get(0).latency().getHighestTrackableValue(), 3);
		for (EchoLoop loop : this.loops) {
			loop.awaitRound(bound);
			latency.add(loop.latency());
		}
		return latency;
	}

	/**
	 * How many clients there are.
	 * @return the count
	 */
	public int size() {
		return this.loops.size();
	}

	/**
	 * Close every client with 1000.
	 */
	@Override
	public void close() {
		this.loops.forEach(EchoLoop::close);
	}

	/**
	 * Where the client's classes were loaded from: the gofr-ws-core jar (or classes) of the build
	 * measured.
	 * @return the location
	 */
	public static String clientLocation() {
		return String.valueOf(ReconnectingClient.class.getProtectionDomain().getCodeSource().getLocation());
	}

}
