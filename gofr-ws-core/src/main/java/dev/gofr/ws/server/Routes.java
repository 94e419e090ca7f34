package dev.gofr.ws.server;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes served by this node, by name: each route's {@link RouteWebSocketHandler}.
 */
public final class Routes {

	private final Map<String, RouteWebSocketHandler> byName = new LinkedHashMap<>();

	/**
	 * Create the catalogue.
	 * @param routes the routes' handlers; names and paths must be unique
	 * @throws IllegalStateException when two routes share a name or a path
	 */
	public Routes(List<RouteWebSocketHandler> routes) {
		Map<String, String> paths = new LinkedHashMap<>();
		for (RouteWebSocketHandler route : routes) {
			if (this.byName.putIfAbsent(route.name(), route) != null) {
				throw new IllegalStateException("Two WebSocket routes are named '" + route.name()
						+ "': give one of them another name with WsRoute.withName");
			}
			String other = paths.putIfAbsent(route.route().path(), route.name());
			if (other != null) {
				throw new IllegalStateException("WebSocket routes '" + other + "' and '" + route.name()
						+ "' share the path " + route.route().path());
			}
		}
	}

	/**
	 * Find a route by name.
	 * @param name the name under {@code gofr.ws.endpoints}
	 * @return the route's handler, if there is one
	 */
	public Optional<RouteWebSocketHandler> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/**
	 * All routes' handlers, in declaration order.
	 * @return an unmodifiable collection
	 */
	public Collection<RouteWebSocketHandler> all() {
		return Collections.unmodifiableCollection(this.byName.values());
	}

	/**
	 * The path of a named route.
	 * @param name the route's name
	 * @return the path
	 * @throws IllegalArgumentException when there is no such route
	 */
	public String path(String name) {
		return find(name).orElseThrow(() -> new IllegalArgumentException(
				"No WebSocket endpoint named '" + name + "'; known: " + this.byName.keySet()))
			.route()
			.path();
	}

}
