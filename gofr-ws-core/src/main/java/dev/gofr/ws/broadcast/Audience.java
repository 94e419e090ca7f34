package dev.gofr.ws.broadcast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import dev.gofr.ws.connection.WsConnection;
import org.jspecify.annotations.Nullable;

/**
 * Who a broadcast is for: all connections, one endpoint's, the members of rooms, or one
 * connection; less the excluded sender, those whose metadata does not have the required values,
 * and those the filter rejects. Immutable.
 * <p>
 * With clustering on, everything but the filter travels to the other nodes: an audience with a
 * filter is delivered on this node only, since a predicate cannot be sent.
 *
 * @param kind which connections
 * @param name the endpoint name or connection id, for those kinds
 * @param rooms the room names, for {@link Kind#ROOMS}
 * @param exceptId a connection left out, such as the sender
 * @param metadata values the recipients' metadata must have, by key; each value a
 * {@linkplain #isPortable portable} type
 * @param filter a test every recipient must pass
 */
public record Audience(Kind kind, String name, List<String> rooms, @Nullable String exceptId,
		Map<String, Object> metadata, @Nullable Predicate<WsConnection> filter) {

	/** The kinds of audience. */
	public enum Kind {

		/** Every connection. */
		ALL,

		/** The connections of one endpoint. */
		ENDPOINT,

		/** The members of one or more rooms. */
		ROOMS,

		/** One connection by id. */
		CONNECTION

	}

	/**
	 * Create an audience.
	 * @param kind which connections
	 * @param name the endpoint name or connection id, for those kinds
	 * @param rooms the room names, for {@link Kind#ROOMS}
	 * @param exceptId a connection left out
	 * @param metadata values the recipients' metadata must have
	 * @param filter a test every recipient must pass
	 */
	public Audience {
		rooms = List.copyOf(rooms);
		metadata = metadata.isEmpty() ? Collections.emptyMap()
				: Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/**
	 * Create an audience without metadata values.
	 * @param kind which connections
	 * @param name the endpoint name or connection id, for those kinds
	 * @param rooms the room names, for {@link Kind#ROOMS}
	 * @param exceptId a connection left out
	 * @param filter a test every recipient must pass
	 */
	public Audience(Kind kind, String name, List<String> rooms, @Nullable String exceptId,
			@Nullable Predicate<WsConnection> filter) {
		this(kind, name, rooms, exceptId, Map.of(), filter);
	}

	static Audience all() {
		return new Audience(Kind.ALL, "", List.of(), null, null);
	}

	static Audience endpoint(String endpoint) {
		return new Audience(Kind.ENDPOINT, endpoint, List.of(), null, null);
	}

	static Audience rooms(List<String> rooms) {
		return new Audience(Kind.ROOMS, "", rooms, null, null);
	}

	static Audience connection(String id) {
		return new Audience(Kind.CONNECTION, id, List.of(), null, null);
	}

	Audience except(String connectionId) {
		return new Audience(this.kind, this.name, this.rooms, connectionId, this.metadata, this.filter);
	}

	Audience filter(Predicate<WsConnection> test) {
		Predicate<WsConnection> combined = (this.filter != null) ? this.filter.and(test) : test;
		return new Audience(this.kind, this.name, this.rooms, this.exceptId, this.metadata, combined);
	}

	Audience whereMetadata(String key, Object value) {
		if (!isPortable(value)) {
			return filter((connection) -> value.equals(connection.get(key)));
		}
		Map<String, Object> required = new LinkedHashMap<>(this.metadata);
		Object previous = required.putIfAbsent(key, value);
		if (previous != null && !previous.equals(value)) {
			return filter((connection) -> false); // two different values under one key: nobody
		}
		return new Audience(this.kind, this.name, this.rooms, this.exceptId, required, this.filter);
	}

	/**
	 * Whether a metadata value can be compared on another node: a {@code String},
	 * {@code Boolean}, {@code Integer}, {@code Long}, {@code Double}, {@code UUID} or enum constant.
	 * @param value the value
	 * @return {@code true} if it is of one of those types
	 */
	public static boolean isPortable(Object value) {
		return value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Long || value instanceof Double || value instanceof UUID || value instanceof Enum<?>;
	}

	/**
	 * Whether this audience can be reached on other nodes too: everything but a filter travels.
	 * @return {@code false} when it has a filter
	 */
	public boolean isClusterWide() {
		return this.filter == null;
	}

	/**
	 * Whether this audience is every member of its rooms but perhaps the excluded sender: no
	 * metadata condition and no filter. Only such a broadcast is kept in a room's history, since
	 * a recovering client could otherwise be replayed what it was not meant to see.
	 * @return {@code true} without metadata values and filter
	 */
	public boolean isForEveryMember() {
		return this.metadata.isEmpty() && this.filter == null;
	}

	/**
	 * Whether a connection of the right kind passes the exclusion, the metadata values and the
	 * filter.
	 * @param connection the connection
	 * @return {@code true} if it is a recipient
	 */
	public boolean includes(WsConnection connection) {
		if (this.exceptId != null && this.exceptId.equals(connection.id())) {
			return false;
		}
		if (!this.metadata.isEmpty()) {
			for (Map.Entry<String, Object> required : this.metadata.entrySet()) {
				if (!Objects.equals(required.getValue(), connection.get(required.getKey()))) {
					return false;
				}
			}
		}
		return this.filter == null || this.filter.test(connection);
	}

}
