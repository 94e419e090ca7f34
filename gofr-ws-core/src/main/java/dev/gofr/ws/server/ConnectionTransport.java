package dev.gofr.ws.server;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.handshake.HandshakeRequest;
import dev.gofr.ws.send.FrameWriter;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ServerConnection} needs from the socket under it: the writer its frames and its
 * close go through, and what the handshake settled. {@link RouteWebSocketHandler} adapts the
 * container's session to it; gofr-ws-test's in-memory connections bring one that records the
 * frames instead.
 * <p>
 * The transport reports back to its connection: a whole message with
 * {@link ServerConnection#receive}, a pong with {@link ServerConnection#receivePong}, a failure
 * with {@link ServerConnection#transportFailed}, and its end with {@link ServerConnection#end}. A
 * connection whose handler runs on an executor and falls behind pauses its transport's reads.
 * The defaults describe a transport without a network or a handshake, as in tests.
 */
public interface ConnectionTransport {

	/**
	 * The writer of this connection's frames. Asked for once, when the connection is created; the
	 * connection's outbound queue then writes through it directly.
	 * @return the writer
	 */
	FrameWriter writer();

	/**
	 * The user authenticated at the handshake.
	 * @return the principal, or {@code null} when anonymous
	 */
	default @Nullable Principal principal() {
		return null;
	}

	/**
	 * The peer's address.
	 * @return the address, or {@code null} when not known (any more)
	 */
	default @Nullable InetSocketAddress remoteAddress() {
		return null;
	}

	/**
	 * The subprotocol negotiated at the handshake.
	 * @return the subprotocol, or {@code null} when none was
	 */
	default @Nullable String subprotocol() {
		return null;
	}

	/**
	 * The extensions negotiated at the handshake, such as {@code permessage-deflate}.
	 * @return the extension names
	 */
	default List<String> extensions() {
		return List.of();
	}

	/**
	 * What the connection keeps of its handshake's request: the path variables, the query and
	 * the allow-listed headers.
	 * @return the request; {@link HandshakeRequest#NONE} when it carried none of these
	 */
	default HandshakeRequest handshakeRequest() {
		return HandshakeRequest.NONE;
	}

	/**
	 * The attributes of the handshake, where the handshake's checks leave the permits that the
	 * connection gives back when it ends.
	 * @return the attributes
	 */
	default Map<String, Object> attributes() {
		return Map.of();
	}

	/**
	 * Whether this transport can stop reading from its peer ({@link #pauseReads()}). When it
	 * cannot, a connection whose handler runs on an executor and has fallen behind holds the
	 * thread that delivers its next message until there is room.
	 * @return {@code true} when {@link #pauseReads()} works
	 */
	default boolean pausesReads() {
		return false;
	}

	/**
	 * Stop reading from the peer once the message being delivered is done, until
	 * {@link #resumeReads()}: the connection's handler has fallen behind. Called on the thread that
	 * delivers the message, and only when {@link #pausesReads()}; a resume follows each pause,
	 * never comes before it, and comes from any thread.
	 */
	default void pauseReads() {
	}

	/**
	 * Read from the peer again after {@link #pauseReads()}.
	 */
	default void resumeReads() {
	}

}
