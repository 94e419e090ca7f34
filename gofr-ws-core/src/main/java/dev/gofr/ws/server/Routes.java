package dev.gofr.ws.server;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints served by this node, by name.
 */
public final class Routes {

	private final Map<String, RouteWebSocketHandler> byName = new LinkedHashMap<>();

	/**
	 * Create the catalogue.
	 * @param endpoints the endpoints; names and paths must be unique
	 * @throws IllegalStateException when two endpoints share a name or a path
	 */
	public Routes(List<RouteWebSocketHandler> endpoints) {
		Map<String, String> paths = new LinkedHashMap<>();
		for (RouteWebSocketHandler endpoint : endpoints) {
			if (this.byName.putIfAbsent(endpoint.name(), endpoint) != null) {
				throw new IllegalStateException("Two WebSocket routes are named '" + endpoint.name()
						+ "': give one of them another name with WsRoute.withName");
			}
			String other = paths.putIfAbsent(endpoint.route().path(), endpoint.name());
			if (other != null) {
				throw new IllegalStateException("WebSocket routes '" + other + "' and '" + endpoint.name()
						+ "' share the path " + endpoint.route().path());
			}
		}
	}

	/**
	 * Find an endpoint by name.
	 * @param name the name under {@code gofr.ws.endpoints}
	 * @return the endpoint, if there is one
	 */
	public Optional<RouteWebSocketHandler> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/**
	 * All endpoints, in declaration order.
	 * @return an unmodifiable collection
	 */
	public Collection<RouteWebSocketHandler> all() {
		return Collections.unmodifiableCollection(this.byName.values());
	}

	/**
	 * The path of a named endpoint.
	 * @param name the endpoint name
	 * @return the path
	 * @throws IllegalArgumentException when there is no such endpoint
	 */
	public String path(String name) {
		return find(name).orElseThrow(() -> new IllegalArgumentException(
				"No WebSocket endpoint named '" + name + "'; known: " + this.byName.keySet()))
			.route()
			.path();
	}

}
