package dev.gofr.ws.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.gofr.ws.connection.WsConnection;

/**
 * Every live connection of this node, by id and by route. A connection is added once it is
 * open and removed exactly once when it ends, however it ends. Lookups and iteration never
 * block and never take a lock shared by all connections.
 */
public final class ConnectionRegistry {

	private final Map<String, WsConnection> byId = new ConcurrentHashMap<>();

	private final Map<String, Map<String, WsConnection>> byRoute = new ConcurrentHashMap<>();

	private final java.util.concurrent.atomic.LongAdder opened = new java.util.concurrent.atomic.LongAdder();

	/**
	 * Add a connection.
	 * @param connection the connection
	 * @throws IllegalStateException when a connection with the same id is already registered
	 */
	public void add(WsConnection connection) {
		if (this.byId.putIfAbsent(connection.id(), connection) != null) {
			throw new IllegalStateException("Connection " + connection.id() + " is already registered");
		}
		this.byRoute.computeIfAbsent(connection.endpoint(), (name) -> new ConcurrentHashMap<>())
			.put(connection.id(), connection);
		this.opened.increment();
	}

	/**
	 * The number of connections ever added.
	 * @return the count since this registry was created
	 */
	public long opened() {
		return this.opened.sum();
	}

	/**
	 * Remove a connection.
	 * @param connection the connection
	 * @return {@code true} if this call removed it, {@code false} if it was not registered
	 */
	public boolean remove(WsConnection connection) {
		if (!this.byId.remove(connection.id(), connection)) {
			return false;
		}
		Map<String, WsConnection> route = this.byRoute.get(connection.endpoint());
		if (route != null) {
			route.remove(connection.id());
		}
		return true;
	}

	/**
	 * Find a connection by id.
	 * @param id the connection id
	 * @return the connection, if it is live on this node
	 */
	public Optional<WsConnection> find(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	/**
	 * All live connections.
	 * @return a live, unmodifiable view; iteration sees connections added or removed meanwhile
	 * or not, never fails
	 */
	public Collection<WsConnection> connections() {
		return Collections.unmodifiableCollection(this.byId.values());
	}

	/**
	 * The live connections of one route.
	 * @param route the route's name, as {@link WsConnection#endpoint()} gives it
	 * @return a live, unmodifiable view
	 */
	public Collection<WsConnection> connections(String route) {
		Map<String, WsConnection> connections = this.byRoute.get(route);
		return (connections != null) ? Collections.unmodifiableCollection(connections.values())
				: Collections.emptyList();
	}

	/**
	 * The number of live connections.
	 * @return the count
	 */
	public int count() {
		return this.byId.size();
	}

	/**
	 * The number of live connections of one route.
	 * @param route the route's name, as {@link WsConnection#endpoint()} gives it
	 * @return the count
	 */
	public int count(String route) {
		Map<String, WsConnection> connections = this.byRoute.get(route);
		return (connections != null) ? connections.size() : 0;
	}

	/**
	 * The routes that have had connections.
	 * @return the routes' names
	 */
	public Collection<String> routes() {
		return Collections.unmodifiableSet(this.byRoute.keySet());
	}

}
