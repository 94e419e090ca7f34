package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;
import org.jspecify.annotations.Nullable;

/**
 * Opens many connections with a bounded number of handshakes in progress, so that the server's
 * accept backlog never overflows (a dropped SYN costs a one-second retransmit), and forwards
 * everything else to the scenario's listener.
 */
final class Connector implements Listener {

	private final WsLoadClient client;

	private final InetSocketAddress address;

	private final String path;

	private final @Nullable String origin;

	private final int count;

	private final int maxPending;

	private final IntUnaryOperator receiveBuffer;

	private final Listener delegate;

	private final List<Connection> opened = new ArrayList<>();

	private final Map<String, Integer> failures = new LinkedHashMap<>();

	private final CompletableFuture<List<Connection>> done = new CompletableFuture<>();

	private int started;

	private int pending;

	private int failed;

	/**
	 * @param receiveBuffer the receive buffer for the n-th connection, 0 for the default
	 */
	Connector(WsLoadClient client, InetSocketAddress address, String path, @Nullable String origin, int count,
			int maxPending, IntUnaryOperator receiveBuffer, Listener delegate) {
		this.client = client;
		this.address = address;
		this.path = path;
		this.origin = origin;
		this.count = count;
		this.maxPending = maxPending;
		this.receiveBuffer = receiveBuffer;
		this.delegate = delegate;
	}

	/**
	 * Open the connections.
	 * @param timeoutSeconds how long all of them may take
	 * @return the open connections, in the order they opened
	 */
	List<Connection> open(long timeoutSeconds) {
		this.client.execute(this::startMore);
		try {
			return this.done.get(timeoutSeconds, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Opened " + this.client.call(this.opened::size).join() + " of "
					+ this.count + " connections in " + timeoutSeconds + " s; failures: " + failures());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Failures by reason.
	 * @return reasons and counts
	 */
	Map<String, Integer> failures() {
		return this.client.call(() -> Collections.unmodifiableMap(new LinkedHashMap<>(this.failures))).join();
	}

	int failedCount() {
		return this.client.call(() -> this.failed).join();
	}

	private void startMore() {
		while (this.pending < this.maxPending && this.started < this.count) {
			int n = this.started++;
			this.pending++;
			this.client.connect(this.address, this.path, this.origin, this.receiveBuffer.applyAsInt(n), this);
		}
		if (this.pending == 0 && this.started == this.count) {
			this.done.complete(List.copyOf(this.opened));
		}
	}

	@Override
	public void opened(Connection connection) {
		this.pending--;
		this.opened.add(connection);
		this.delegate.opened(connection);
		startMore();
	}

	@Override
	public void failed(Connection connection, String reason) {
		this.pending--;
		this.failed++;
		this.failures.merge(reason, 1, Integer::sum);
		this.delegate.failed(connection, reason);
		startMore();
	}

	@Override
	public void message(Connection connection, boolean text, ByteBuffer payload, long nowNanos) {
		this.delegate.message(connection, text, payload, nowNanos);
	}

	@Override
	public void pinged(Connection connection, long nowNanos) {
		this.delegate.pinged(connection, nowNanos);
	}

	@Override
	public void ponged(Connection connection, long nowNanos) {
		this.delegate.ponged(connection, nowNanos);
	}

	@Override
	public void closed(Connection connection, int code) {
		this.delegate.closed(connection, code);
	}

}
