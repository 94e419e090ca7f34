package dev.gofr.ws.connection;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.history.Recovery;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection as a handler sees it: who it is, where it is in its life, what the
 * application stored on it, and the sends for every frame type.
 * <p>
 * Every method is safe to call from any thread. Sends never wait for the peer: each connection
 * has a bounded outbound queue ({@code gofr.ws.send.*}), frames go out in the order they were
 * queued, and a peer that reads too slowly is dealt with by the overflow policy instead of
 * blocking the sender.
 */
public interface WsConnection {

	/**
	 * The server-generated id, unique and never taken from the client.
	 * @return the id
	 */
	String id();

	/**
	 * The name of the route this connection arrived on, as in {@code gofr.ws.endpoints.<name>}.
	 * @return the endpoint name
	 */
	String endpoint();

	/**
	 * A variable of the route's path template as the handshake matched it, decoded:
	 * {@code room} of a route on {@code /ws/rooms/{room}}. A variable matches one segment of the
	 * path, never a {@code /}.
	 * @param name the variable's name
	 * @return its value, or {@code null} when the route's path has no such variable
	 */
	default @Nullable String pathVariable(String name) {
		return pathVariables().get(name);
	}

	/**
	 * The variables of the route's path template as the handshake matched them.
	 * @return the variables by name, decoded; empty for a path without variables
	 */
	default Map<String, String> pathVariables() {
		return Map.of();
	}

	/**
	 * A query parameter of the handshake's URI, decoded (percent-encoded UTF-8, {@code +} for a
	 * space). Query values are often credentials: gofr-ws keeps them out of its logs and of the
	 * Actuator endpoint, and so should the application.
	 * @param name the parameter's name
	 * @return its first value; an empty string for a parameter without {@code =}; or
	 * {@code null} when the handshake did not give it
	 */
	default @Nullable String queryParameter(String name) {
		return null;
	}

	/**
	 * A header of the handshake request, when it is one of those the node keeps: the allow-list
	 * {@code gofr.ws.handshake.headers}, or a route's own
	 * {@code gofr.ws.endpoints.<name>.handshake.headers}, so that credentials such as
	 * {@code Authorization} are not kept by accident.
	 * @param name the header's name, in any case
	 * @return its first value, or {@code null} when it was not sent or is not kept
	 */
	default @Nullable String handshakeHeader(String name) {
		return null;
	}

	/**
	 * The state now.
	 * @return the state
	 */
	ConnectionState state();

	/**
	 * Whether messages can be sent and received.
	 * @return {@code true} when the state is {@link ConnectionState#OPEN}
	 */
	default boolean isOpen() {
		return state() == ConnectionState.OPEN;
	}

	/**
	 * When the handshake completed.
	 * @return the time
	 */
	default java.time.Instant connectedAt() {
		return info().connectedAt();
	}

	/**
	 * A snapshot of the connection's information and counters.
	 * @return the snapshot
	 */
	ConnectionInfo info();

	/**
	 * The subprotocol negotiated at the handshake, without taking a whole {@link #info()}
	 * snapshot: cheap enough to pick a protocol version on every message.
	 * @return the subprotocol, or {@code null} when none was negotiated
	 */
	default @Nullable String subprotocol() {
		return info().subprotocol();
	}

	/**
	 * The user of this connection: the one authenticated at the handshake, or the one given
	 * last to {@link #authenticate(Principal)}.
	 * @return the principal, or {@code null} when anonymous
	 */
	@Nullable Principal principal();

	/**
	 * Make another user this connection's, after the application checked its credentials, such
	 * as a fresh token sent in a message before the handshake's expired (the connection does no
	 * check of its own). From then on {@link #principal()} returns it, and with Spring Security
	 * the connection's messages run with it in the {@code SecurityContextHolder} (so does the rest
	 * of the message that calls this one, when the connection had an {@code Authentication}
	 * already), and its expiry, if any, is the one that closes the connection. A connection opened
	 * under an HTTP session login still ends with that session.
	 * @param principal the new user, normally a Spring Security {@code Authentication}
	 * @throws UnsupportedOperationException when this connection cannot change its user
	 */
	default void authenticate(Principal principal) {
		throw new UnsupportedOperationException("This connection cannot change its user");
	}

	/**
	 * Store a metadata value on this connection, replacing any value under the same key.
	 * @param key the key
	 * @param value the value
	 */
	void set(String key, Object value);

	/**
	 * Read a metadata value.
	 * @param key the key
	 * @return the value, or {@code null} when none
	 */
	@Nullable Object get(String key);

	/**
	 * Read a metadata value of a given type.
	 * @param <T> the type
	 * @param key the key
	 * @param type the type the value must have
	 * @return the value, or {@code null} when none
	 * @throws ClassCastException when the value is of another type
	 */
	default <T> @Nullable T get(String key, Class<T> type) {
		return type.cast(get(key));
	}

	/**
	 * Remove a metadata value.
	 * @param key the key
	 * @return the value removed, or {@code null} when none
	 */
	@Nullable Object remove(String key);

	/**
	 * All metadata.
	 * @return an unmodifiable copy
	 */
	Map<String, Object> metadata();

	/**
	 * The heartbeat of this connection: its route's, unless changed with
	 * {@link #heartbeat(HeartbeatSettings)}.
	 * @return the settings in force
	 */
	HeartbeatSettings heartbeat();

	/**
	 * Change this connection's heartbeat, overriding its route's settings; for example in
	 * {@code onOpen}, for a client known to sit behind a proxy with a short idle timeout. Takes
	 * effect at the next sweep.
	 * @param settings the settings; {@link HeartbeatSettings#OFF} turns the heartbeat off
	 */
	void heartbeat(HeartbeatSettings settings);

	/**
	 * Change this connection's heartbeat timings, overriding its route's settings.
	 * @param pingInterval the time between two pings
	 * @param pongWait how long silence is tolerated before closing with 4408; at least
	 * {@code pingInterval}
	 */
	default void heartbeat(java.time.Duration pingInterval, java.time.Duration pongWait) {
		heartbeat(HeartbeatSettings.of(pingInterval, pongWait));
	}

	/**
	 * Join a room of this node.
	 * @param room the room name
	 * @return {@code true} if it joined, {@code false} if already a member or no longer open
	 * @throws dev.gofr.ws.error.WsException with {@code LIMIT_EXCEEDED} when this connection is in
	 * as many rooms as one may join ({@code gofr.ws.limits.max-rooms-per-connection}) or the room is
	 * new and the node holds as many rooms as it may ({@code gofr.ws.limits.max-rooms}); thrown
	 * from a handler, it becomes that error frame and the connection stays open
	 */
	boolean join(String room);

	/**
	 * Join a room of this node and get what the room was sent after a position the client gives,
	 * typically the last {@code offset} and {@code epoch} it saw before its connection dropped: the
	 * reply (if any) first, then every missed message in order, then the room's live messages,
	 * nothing missed and nothing twice. When the room keeps no history, or its history no longer
	 * reaches back to that position, nothing is replayed and the result says
	 * {@code recovered: false}. See {@link dev.gofr.ws.room.Rooms#join(WsConnection, String,
	 * StreamPosition, Function)}.
	 * @param room the room name
	 * @param since the last position the client saw, or {@code null} for none
	 * @param reply what to queue before the missed messages, given the outcome; {@code null} for
	 * nothing
	 * @return what the join got
	 * @throws dev.gofr.ws.error.WsException with {@code LIMIT_EXCEEDED} as {@link #join(String)}
	 */
	Recovery join(String room, @Nullable StreamPosition since, Function<Recovery, @Nullable Object> reply);

	/**
	 * Leave a room.
	 * @param room the room name
	 * @return {@code true} if it was a member
	 */
	boolean leave(String room);

	/**
	 * The rooms this connection is in.
	 * @return an unmodifiable copy
	 */
	Set<String> rooms();

	/**
	 * Queue a text frame.
	 * @param text the text
	 * @return what became of the send
	 */
	SendResult sendText(CharSequence text);

	/**
	 * Queue a binary frame. The bytes are used as they are: do not change them afterwards.
	 * @param bytes the payload
	 * @return what became of the send
	 */
	SendResult sendBinary(byte[] bytes);

	/**
	 * Queue a binary frame with a copy of the buffer's remaining bytes.
	 * @param bytes the payload; its position is not changed
	 * @return what became of the send
	 */
	SendResult sendBinary(ByteBuffer bytes);

	/**
	 * Queue a text frame with the object written as JSON by the application's mapper.
	 * @param value the object
	 * @return what became of the send
	 */
	SendResult sendJson(Object value);

	/**
	 * Queue any value the way a handler's return value is sent: text for a {@code CharSequence},
	 * binary for {@code byte[]} and {@code ByteBuffer}, JSON text for anything else, and an
	 * {@link OutboundFrame} as it is: a frame built once can be queued on any number of
	 * connections, and a close frame closes the connection.
	 * @param value the value
	 * @return what became of the send
	 */
	SendResult send(Object value);

	/**
	 * Queue the error frame for an error that leaves the connection open.
	 * @param code the error code
	 * @param message the message meant for the client
	 * @return what became of the send
	 */
	SendResult sendError(WsErrorCode code, String message);

	/**
	 * Queue a ping frame.
	 * @param payload at most 125 bytes
	 * @return what became of the send
	 */
	SendResult sendPing(byte[] payload);

	/**
	 * Queue a pong frame.
	 * @param payload at most 125 bytes
	 * @return what became of the send
	 */
	SendResult sendPong(byte[] payload);

	/**
	 * Close with 1000 once the frames already queued are written.
	 */
	default void close() {
		close(CloseCodes.NORMAL, "");
	}

	/**
	 * Close with the given code and reason once the frames already queued are written. Sends
	 * after this are refused. Does nothing when a close is already under way.
	 * @param code the close code
	 * @param reason the reason, cut to 123 bytes in UTF-8
	 */
	void close(int code, String reason);

}
