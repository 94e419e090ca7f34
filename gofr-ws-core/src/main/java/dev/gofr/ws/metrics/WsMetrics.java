package dev.gofr.ws.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.broadcast.BroadcastListener;
import dev.gofr.ws.broadcast.BroadcastResult;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.send.DropReason;
import dev.gofr.ws.send.OutboundFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * The Micrometer meters of gofr-ws, fed by its listeners. Every meter is tagged with the
 * endpoint's route name, never a path or a connection id, so the number of series is bounded by
 * routes times the few values of the other tags. The meters of each endpoint are created once and
 * cached, so an event on the message path costs one map lookup and an increment.
 */
public final class WsMetrics implements ConnectionListener, HeartbeatListener, BroadcastListener {

	/** Open connections. */
	public static final String CONNECTIONS_ACTIVE = "gofr.ws.connections.active";

	/** Connections opened. */
	public static final String CONNECTIONS_OPENED = "gofr.ws.connections.opened";

	/** Connections closed, by close code. */
	public static final String CONNECTIONS_CLOSED = "gofr.ws.connections.closed";

	/** Handshakes refused before the upgrade, by reason. */
	public static final String CONNECTIONS_REJECTED = "gofr.ws.connections.rejected";

	/** How long connections lasted. */
	public static final String CONNECTION_DURATION = "gofr.ws.connection.duration";

	/** Data messages received, by type. */
	public static final String MESSAGES_RECEIVED = "gofr.ws.messages.received";

	/** Data messages written, by type. */
	public static final String MESSAGES_SENT = "gofr.ws.messages.sent";

	/** Time the handler chain took per message. */
	public static final String MESSAGE_LATENCY = "gofr.ws.message.latency";

	/** Errors reported, by error code. */
	public static final String ERRORS = "gofr.ws.errors";

	/** Connections closed because nothing was heard within the pong wait. */
	public static final String HEARTBEAT_TIMEOUTS = "gofr.ws.heartbeat.timeouts";

	/** Round-trip time from a heartbeat ping to its pong. */
	public static final String HEARTBEAT_RTT = "gofr.ws.heartbeat.rtt";

	/** Outbound frames not sent, by reason. */
	public static final String SEND_DROPPED = "gofr.ws.send.dropped";

	/** Recipients per broadcast. */
	public static final String BROADCAST_RECIPIENTS = "gofr.ws.broadcast.recipients";

	/** Rooms that exist. */
	public static final String ROOMS_ACTIVE = "gofr.ws.rooms.active";

	private final MeterRegistry registry;

	private final ConnectionRegistry connections;

	private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();

	/** The meters looked up last: the message path skips the map while the endpoint stays the same. */
	private volatile @Nullable EndpointMeters last;

	private final Map<String, Counter> tagged = new ConcurrentHashMap<>();

	private final DistributionSummary broadcastRecipients;

	/**
	 * Register the meters.
	 * @param registry where meters are registered
	 * @param connections the live connections, for the active gauge
	 * @param rooms the rooms, for the rooms gauge
	 */
	public WsMetrics(MeterRegistry registry, ConnectionRegistry connections, Rooms rooms) {
		this.registry = registry;
		this.connections = connections;
		Gauge.builder(ROOMS_ACTIVE, rooms, Rooms::size).description("Rooms that exist").register(registry);
		this.broadcastRecipients = DistributionSummary.builder(BROADCAST_RECIPIENTS)
			.description("Recipients per broadcast")
			.register(registry);
	}

	/**
	 * Register an endpoint's meters up front, so its series exist before its first connection.
	 * @param endpoint the endpoint name
	 */
	public void registerEndpoint(String endpoint) {
		meters(endpoint);
	}

	private EndpointMeters meters(String endpoint) {
		EndpointMeters last = this.last;
		if (last != null && last.endpoint == endpoint) { // the same name instance: every frame of a fan-out
			return last;
		}
		EndpointMeters meters = this.endpoints.get(endpoint);
		if (meters == null) {
			meters = this.endpoints.computeIfAbsent(endpoint, this::create);
		}
		this.last = meters;
		return meters;
	}

	private EndpointMeters create(String endpoint) {
		Gauge.builder(CONNECTIONS_ACTIVE, this.connections, (connections) -> connections.count(endpoint))
			.description("Open connections")
			.tag("endpoint", endpoint)
			.register(this.registry);
		return new EndpointMeters(this.registry, endpoint);
	}

	@Override
	public void opened(WsConnection connection) {
		meters(connection.endpoint()).opened.increment();
	}

	@Override
	public void closed(WsConnection connection, CloseStatus status) {
		EndpointMeters meters = meters(connection.endpoint());
		counter(CONNECTIONS_CLOSED, "Connections closed", connection.endpoint(), "code", codeTag(status.getCode()))
			.increment();
		long millis = System.currentTimeMillis() - connection.connectedAt().toEpochMilli();
		meters.duration.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
	}

	@Override
	public void messageHandled(WsConnection connection, boolean binary, long handlingNanos) {
		EndpointMeters meters = meters(connection.endpoint());
		(binary ? meters.receivedBinary : meters.receivedText).increment();
		meters.latency.record(handlingNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void messageSent(WsConnection connection, boolean binary) {
		EndpointMeters meters = meters(connection.endpoint());
		(binary ? meters.sentBinary : meters.sentText).increment();
	}

	@Override
	public void frameDropped(WsConnection connection, OutboundFrame frame, DropReason reason) {
		counter(SEND_DROPPED, "Outbound frames not sent", connection.endpoint(), "reason", reason.tag()).increment();
	}

	@Override
	public void error(WsConnection connection, WsErrorCode code) {
		counter(ERRORS, "Errors reported to clients", connection.endpoint(), "code", code.name()).increment();
	}

	@Override
	public void rejected(String endpoint, String reason) {
		counter(CONNECTIONS_REJECTED, "Handshakes refused before the upgrade", endpoint, "reason", reason).increment();
	}

	@Override
	public void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
		if (roundTrip != null) {
			meters(connection.endpoint()).rtt.record(roundTrip);
		}
	}

	@Override
	public void timedOut(WsConnection connection, Duration silence) {
		meters(connection.endpoint()).heartbeatTimeouts.increment();
	}

	@Override
	public void broadcast(Audience audience, BroadcastResult result) {
		this.broadcastRecipients.record(result.targeted());
	}

	/**
	 * A peer chooses its own close code, so codes outside the standard range and gofr-ws's own are
	 * one tag value, keeping the series bounded.
	 */
	static String codeTag(int code) {
		boolean known = (code >= 1000 && code <= 1015) || code == CloseCodes.HEARTBEAT_TIMEOUT
				|| code == CloseCodes.RATE_LIMITED;
		return known ? String.valueOf(code) : "other";
	}

	private Counter counter(String name, String description, String endpoint, String tag, String value) {
		String key = name + '\0' + endpoint + '\0' + value;
		Counter counter = this.tagged.get(key);
		return (counter != null) ? counter : this.tagged.computeIfAbsent(key, (k) -> Counter.builder(name)
			.description(description)
			.tag("endpoint", endpoint)
			.tag(tag, value)
			.register(this.registry));
	}

	/** The meters of one endpoint that the message path touches. */
	private static final class EndpointMeters {

		final String endpoint;

		final Counter opened;

		final Timer duration;

		final Counter receivedText;

		final Counter receivedBinary;

		final Counter sentText;

		final Counter sentBinary;

		final Timer latency;

		final Timer rtt;

		final Counter heartbeatTimeouts;

		EndpointMeters(MeterRegistry registry, String endpoint) {
			this.endpoint = endpoint;
			this.opened = Counter.builder(CONNECTIONS_OPENED).description("Connections opened")
				.tag("endpoint", endpoint).register(registry);
			this.duration = Timer.builder(CONNECTION_DURATION).description("How long connections lasted")
				.tag("endpoint", endpoint).register(registry);
			this.receivedText = received(registry, endpoint, "text");
			this.receivedBinary = received(registry, endpoint, "binary");
			this.sentText = sent(registry, endpoint, "text");
			this.sentBinary = sent(registry, endpoint, "binary");
			this.latency = Timer.builder(MESSAGE_LATENCY).description("Time the handler chain took per message")
				.tag("endpoint", endpoint).register(registry);
			this.rtt = Timer.builder(HEARTBEAT_RTT).description("Round-trip time from a heartbeat ping to its pong")
				.tag("endpoint", endpoint).register(registry);
			this.heartbeatTimeouts = Counter.builder(HEARTBEAT_TIMEOUTS)
				.description("Connections closed with 4408 because nothing was heard within the pong wait")
				.tag("endpoint", endpoint).register(registry);
		}

		private static Counter received(MeterRegistry registry, String endpoint, String type) {
			return Counter.builder(MESSAGES_RECEIVED).description("Data messages received")
				.tag("endpoint", endpoint).tag("type", type).register(registry);
		}

		private static Counter sent(MeterRegistry registry, String endpoint, String type) {
			return Counter.builder(MESSAGES_SENT).description("Data messages written to the socket")
				.tag("endpoint", endpoint).tag("type", type).register(registry);
		}

	}

}
