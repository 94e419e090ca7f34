package dev.gofr.ws.autoconfigure.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.autoconfigure.Upstream;
import dev.gofr.ws.client.ClientState;
import dev.gofr.ws.client.ReconnectSettings;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.heartbeat.HeartbeatSettings;

import static org.awaitility.Awaitility.await;

/**
 * Real reconnecting clients brought to each state against real sockets: OPEN against a
 * Java-WebSocket server; CONNECTING against a port that takes the TCP connection and never
 * answers the handshake; RECONNECTING and GAVE_UP against a port nothing listens on, waiting
 * ten minutes for the next attempt or with reconnection off; CLOSED, never started.
 */
final class ClientsInEachState implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Nothing listens on port 1: attempts fail at once. */
	private static final URI NOWHERE = URI.create("ws://127.0.0.1:1/feed");

	private final List<ReconnectingClient> clients = new ArrayList<>();

	private final Upstream upstream = Upstream.listening();

	private final ServerSocket silent;

	ClientsInEachState() throws IOException {
		this.silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	ReconnectingClient in(ClientState state, String name) {
		ReconnectingClient client = switch (state) {
			case OPEN -> builder(name, URI.create(this.upstream.url())).build();
			case CONNECTING -> builder(name, URI.create("ws://127.0.0.1:" + this.silent.getLocalPort() + "/"))
				.connectTimeout(Duration.ofMinutes(5))
				.build();
			case RECONNECTING -> builder(name, NOWHERE)
				.reconnect(ReconnectSettings.DEFAULTS.withDelays(Duration.ofMinutes(10), Duration.ofMinutes(10)))
				.build();
			case GAVE_UP -> builder(name, NOWHERE)
				.reconnect(new ReconnectSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 0, 0))
				.build();
			case CLOSED -> builder(name, NOWHERE).build();
		};
		this.clients.add(client);
		if (state != ClientState.CLOSED) {
			client.start();
		}
		await().atMost(WAIT).until(() -> client.state() == state);
		return client;
	}

	private static ReconnectingClient.Builder builder(String name, URI url) {
		return ReconnectingClient.builder(name, url).heartbeat(HeartbeatSettings.OFF);
	}

	/**
	 * The server of the OPEN clients.
	 */
	Upstream upstream() {
		return this.upstream;
	}

	List<ReconnectingClient> clients() {
		return List.copyOf(this.clients);
	}

	@Override
	public void close() throws Exception {
		this.clients.forEach(ReconnectingClient::close);
		this.upstream.stop(5000);
		this.silent.close();
	}

}
