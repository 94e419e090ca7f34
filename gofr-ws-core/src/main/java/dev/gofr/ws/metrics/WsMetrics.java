package dev.gofr.ws.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The Micrometer meters of gofr-ws, fed by its listeners. Every meter is tagged with the
 * endpoint's route name, never a path or a connection id, so the number of series stays bounded
 * by the number of routes. Meters are created on first use and cached per endpoint, so an event
 * costs a map lookup and an increment.
 */
public final class WsMetrics implements HeartbeatListener, ConnectionListener {

	/** Connections closed because nothing was heard within the pong wait. */
	public static final String HEARTBEAT_TIMEOUTS = "gofr.ws.heartbeat.timeouts";

	/** Round-trip time from a heartbeat ping to its pong. */
	public static final String HEARTBEAT_RTT = "gofr.ws.heartbeat.rtt";

	/** Handshakes refused before the upgrade. */
	public static final String CONNECTIONS_REJECTED = "gofr.ws.connections.rejected";

	private final MeterRegistry registry;

	private final Map<String, Counter> heartbeatTimeouts = new ConcurrentHashMap<>();

	private final Map<String, Timer> heartbeatRtt = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	/**
	 * Create the meters' home.
	 * @param registry where meters are registered
	 */
	public WsMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
		if (roundTrip != null) {
			this.heartbeatRtt.computeIfAbsent(connection.endpoint(), (endpoint) -> Timer.builder(HEARTBEAT_RTT)
				.description("Round-trip time from a heartbeat ping to its pong")
				.tag("endpoint", endpoint)
				.register(this.registry)).record(roundTrip);
		}
	}

	@Override
	public void rejected(String endpoint, String reason) {
		this.rejected.computeIfAbsent(endpoint + '\0' + reason, (key) -> Counter.builder(CONNECTIONS_REJECTED)
			.description("Handshakes refused before the upgrade")
			.tag("endpoint", endpoint)
			.tag("reason", reason)
			.register(this.registry)).increment();
	}

	@Override
	public void timedOut(WsConnection connection, Duration silence) {
		this.heartbeatTimeouts.computeIfAbsent(connection.endpoint(), (endpoint) -> Counter.builder(HEARTBEAT_TIMEOUTS)
			.description("Connections closed with 4408 because nothing was heard within the pong wait")
			.tag("endpoint", endpoint)
			.register(this.registry)).increment();
	}

}
