package dev.gofr.ws.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The application's reconnecting clients, by name.
 */
public final class ReconnectingClients {

	private final Map<String, ReconnectingClient> clients = new LinkedHashMap<>();

	/**
	 * Gather clients.
	 * @param clients the clients; no two with the same name
	 * @throws IllegalArgumentException when two clients have the same name
	 */
	public ReconnectingClients(Collection<ReconnectingClient> clients) {
		for (ReconnectingClient client : clients) {
			if (this.clients.putIfAbsent(client.name(), client) != null) {
				throw new IllegalArgumentException("Two WebSocket clients are named '" + client.name() + "'");
			}
		}
	}

	/**
	 * The client of the given name.
	 * @param name the name, as in {@code gofr.ws.clients.<name>}
	 * @return the client
	 * @throws IllegalArgumentException when no client has that name
	 */
	public ReconnectingClient get(String name) {
		return find(name).orElseThrow(() -> new IllegalArgumentException(
				"No WebSocket client is named '" + name + "'. Clients: " + new TreeSet<>(this.clients.keySet()) + "."));
	}

	/**
	 * The client of the given name, if there is one.
	 * @param name the name
	 * @return the client, or empty
	 */
	public Optional<ReconnectingClient> find(String name) {
		return Optional.ofNullable(this.clients.get(name));
	}

	/**
	 * Every client, in the order they were given.
	 * @return an unmodifiable view
	 */
	public Collection<ReconnectingClient> all() {
		return java.util.Collections.unmodifiableCollection(this.clients.values());
	}

}
