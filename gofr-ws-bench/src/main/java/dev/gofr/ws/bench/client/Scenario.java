package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;

/**
 * One scenario of the load generator: it plays against the server and returns its figures, in
 * the order of the JSON line the runner reads.
 */
abstract class Scenario {

	final ScenarioSettings settings;

	final InetSocketAddress address;

	final ServerProbe probe;

	Scenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe) {
		this.settings = settings;
		this.address = address;
		this.probe = probe;
	}

	/**
	 * Play the scenario.
	 * @return its figures by name
	 * @throws Exception when it cannot run
	 */
	abstract Map<String, Object> run() throws Exception;

	/**
	 * Open connections to a path, a bounded number of handshakes at a time.
	 * @param receiveBuffer the receive buffer for the n-th connection, 0 for the default
	 * @return every connection, open
	 * @throws IllegalStateException when some could not be opened
	 */
	List<Connection> connect(WsLoadClient client, String path, int count, IntUnaryOperator receiveBuffer,
			Listener listener) {
		Connector connector = new Connector(client, this.address, path, null, count, 64, receiveBuffer, listener);
		long start = System.nanoTime();
		List<Connection> connections = connector.open(Math.max(60, count / 50));
		log("%d connections to %s in %d ms (%d failed)", connections.size(), path,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), connector.failedCount());
		if (connections.size() < count) {
			throw new IllegalStateException("Only " + connections.size() + " of " + count
					+ " connections opened: " + connector.failures());
		}
		return connections;
	}

	static int count(List<Connection> connections, WsLoadClient.State state) {
		int n = 0;
		for (Connection connection : connections) {
			if (connection.state() == state) {
				n++;
			}
		}
		return n;
	}

	static void sleep(int seconds) throws InterruptedException {
		Thread.sleep(seconds * 1000L);
	}

	static void log(String format, Object... args) {
		System.err.println("[generator] " + String.format(format, args));
	}

}
