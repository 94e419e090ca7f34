package dev.gofr.ws.connection;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one connection, for logs, operators and tests.
 *
 * @param id the server-generated connection id
 * @param endpoint the name of the route the connection arrived on
 * @param state the state when the snapshot was taken
 * @param connectedAt when the handshake completed
 * @param lastActivity when the last frame of any kind arrived from the peer
 * @param remoteAddress the peer's address as the container reports it
 * @param subprotocol the negotiated subprotocol
 * @param extensions the negotiated extensions, such as {@code permessage-deflate}
 * @param principal the authenticated user of the handshake
 * @param rooms the rooms the connection is in
 * @param messagesReceived data messages (text and binary) received
 * @param messagesSent data messages written to the socket
 * @param bytesReceived payload bytes of data messages received (characters for text)
 * @param bytesSent payload bytes of data messages written (characters for text, UTF-8 bytes for
 * text relayed from another node or stamped by a history)
 * @param bytesQueued payload bytes queued and not yet written (characters for text); never more
 * than the send buffer limit plus one frame
 */
public record ConnectionInfo(String id, String endpoint, ConnectionState state, Instant connectedAt,
		Instant lastActivity, @Nullable InetSocketAddress remoteAddress, @Nullable String subprotocol,
		List<String> extensions, @Nullable Principal principal, Set<String> rooms, long messagesReceived, long messagesSent,
		long bytesReceived, long bytesSent, long bytesQueued) {

}
