package dev.gofr.ws.metrics;

import java.util.Collection;
import java.util.function.Supplier;

import dev.gofr.ws.client.ReconnectingClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of the reconnecting clients, each tagged with the client's name: whether it is
 * connected, how often it reconnected, how many sends its full buffer refused, how often the
 * server set its wait, and how many messages were too large for it. They read the
 * clients' own counts, so nothing is recorded on the message path.
 */
public final class ClientMetrics implements MeterBinder {

	/** 1 while the client is connected, 0 otherwise. */
	public static final String CLIENT_STATE = "gofr.ws.client.state";

	/** Times the client connected again after a drop. */
	public static final String CLIENT_RECONNECTS = "gofr.ws.client.reconnects";

	/** Sends refused because the client's buffer was full. */
	public static final String CLIENT_SEND_REJECTED = "gofr.ws.client.send.rejected";

	/** Waits before an attempt that the server set with {@code Retry-After} when it refused one. */
	public static final String CLIENT_RETRY_AFTER = "gofr.ws.client.retry-after";

	/** Incoming messages larger than the client's limits, each of which closed its connection with 1009. */
	public static final String CLIENT_MESSAGES_OVERSIZED = "gofr.ws.client.messages.oversized";

	private final Supplier<? extends Collection<ReconnectingClient>> clients;

	/**
	 * Meters for the given clients, read when bound.
	 * @param clients the clients
	 */
	public ClientMetrics(Supplier<? extends Collection<ReconnectingClient>> clients) {
		this.clients = clients;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.clients.get().forEach((client) -> bind(client, registry));
	}

	/**
	 * Register one client's meters.
	 * @param client the client
	 * @param registry where meters are registered
	 */
	public static void bind(ReconnectingClient client, MeterRegistry registry) {
		Gauge.builder(CLIENT_STATE, client, (each) -> each.isOpen() ? 1 : 0)
			.description("Whether the WebSocket client is connected (1) or not (0)")
			.tag("client", client.name())
			.register(registry);
		FunctionCounter.builder(CLIENT_RECONNECTS, client, ReconnectingClient::reconnects)
			.description("Times the WebSocket client connected again after a drop")
			.tag("client", client.name())
			.register(registry);
		FunctionCounter.builder(CLIENT_SEND_REJECTED, client, ReconnectingClient::rejectedSends)
			.description("Sends refused because the WebSocket client's buffer was full")
			.tag("client", client.name())
			.register(registry);
		FunctionCounter.builder(CLIENT_RETRY_AFTER, client, ReconnectingClient::retryAfterWaits)
			.description("Waits before a WebSocket client's attempt that the server set with Retry-After")
			.tag("client", client.name())
			.register(registry);
		FunctionCounter.builder(CLIENT_MESSAGES_OVERSIZED, client, ReconnectingClient::oversizedMessages)
			.description("Incoming messages larger than the WebSocket client's limits (closed with 1009)")
			.tag("client", client.name())
			.register(registry);
	}

}
