package dev.gofr.ws.broadcast;

import java.util.List;
import java.util.function.Predicate;

import dev.gofr.ws.connection.WsConnection;
import org.jspecify.annotations.Nullable;

/**
 * Who a broadcast is for: all connections, one endpoint's, the members of rooms, or one
 * connection; less the excluded sender and those the filter rejects. Immutable.
 *
 * @param kind which connections
 * @param name the endpoint name or connection id, for those kinds
 * @param rooms the room names, for {@link Kind#ROOMS}
 * @param exceptId a connection left out, such as the sender
 * @param filter a test every recipient must pass
 */
public record Audience(Kind kind, String name, List<String> rooms, @Nullable String exceptId,
		@Nullable Predicate<WsConnection> filter) {

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
		return new Audience(this.kind, this.name, this.rooms, connectionId, this.filter);
	}

	Audience filter(Predicate<WsConnection> test) {
		Predicate<WsConnection> combined = (this.filter != null) ? this.filter.and(test) : test;
		return new Audience(this.kind, this.name, this.rooms, this.exceptId, combined);
	}

	/**
	 * Whether a connection of the right kind passes the exclusion and the filter.
	 * @param connection the connection
	 * @return {@code true} if it is a recipient
	 */
	public boolean includes(WsConnection connection) {
		if (this.exceptId != null && this.exceptId.equals(connection.id())) {
			return false;
		}
		return this.filter == null || this.filter.test(connection);
	}

}
