package dev.gofr.ws.autoconfigure.actuate;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.gofr.ws.client.ClientState;
import dev.gofr.ws.client.ClientStatus;
import dev.gofr.ws.client.ReconnectingClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code websocketClients} health: DOWN while a client the application needs
 * ({@code gofr.ws.clients.<name>.required}) is not open, or once any client has given up;
 * UP otherwise, so that a client that is reconnecting, and that the application can do without
 * meanwhile, does not take the application out of its load balancer. Details: each client by
 * name, with its state, whether it is required, its attempts, and its last error when it is not
 * open.
 */
public class WebSocketClientsHealthIndicator extends AbstractHealthIndicator {

	private final Supplier<? extends List<ReconnectingClient>> clients;

	private final Set<String> required;

	/**
	 * Create the indicator.
	 * @param clients the clients, read on each check
	 * @param required the names of the clients that must be open for the application to be UP
	 */
	public WebSocketClientsHealthIndicator(Supplier<? extends List<ReconnectingClient>> clients, Set<String> required) {
		super("WebSocket clients health check failed");
		this.clients = clients;
		this.required = Set.copyOf(required);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		Map<String, Object> details = new LinkedHashMap<>();
		List<ClientStatus> statuses = this.clients.get()
			.stream()
			.map(ReconnectingClient::status)
			.sorted(Comparator.comparing(ClientStatus::name))
			.toList();
		for (ClientStatus status : statuses) {
			boolean required = this.required.contains(status.name());
			if (status.state() == ClientState.GAVE_UP || (required && status.state() != ClientState.OPEN)) {
				up = false;
			}
			Map<String, Object> client = new LinkedHashMap<>();
			client.put("state", status.state().name());
			client.put("required", required);
			client.put("attempts", status.attempts());
			if (status.state() != ClientState.OPEN && status.lastError() != null) {
				client.put("lastError", status.lastError());
			}
			details.put(status.name(), client);
		}
		(up ? builder.up() : builder.down()).withDetails(details);
	}

}
