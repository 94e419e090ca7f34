package dev.gofr.ws.route;

import dev.gofr.ws.connection.WsConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * The application's side of a route: called once per message, with optional callbacks for open,
 * close and errors. A lambda is enough for the common case:
 *
 * <pre class="code">
 * WsRoute.of("/ws/echo", (connection, message) -&gt; message.payload());
 * </pre>
 *
 * Calls for one connection never overlap and arrive in the order the peer sent; calls for
 * different connections run concurrently, on the container's threads.
 */
@FunctionalInterface
public interface WsHandler {

	/**
	 * Handle one complete text or binary message. A non-null return value is sent back: a
	 * {@code CharSequence} as text, {@code byte[]} or {@code ByteBuffer} as binary, anything else
	 * as JSON text. A {@link java.util.concurrent.CompletionStage} is sent the same way when it
	 * completes; the replies to one connection keep the order of its messages, so a reply that is
	 * ready waits for the stages returned before it.
	 * <p>
	 * An exception is reported to the client as an error frame (its code when it is a
	 * {@link dev.gofr.ws.error.WsException}, {@code INTERNAL} otherwise) and the connection stays
	 * open, unless the route's {@link ErrorPolicy} is {@code CLOSE}; so is a stage that completes
	 * exceptionally, on the thread that completes it.
	 * @param connection the connection the message came on
	 * @param message the message
	 * @return the reply, or {@code null} for none
	 * @throws Exception on failure
	 */
	@Nullable Object onMessage(WsConnection connection, WsMessage message) throws Exception;

	/**
	 * Called once when the connection is open and registered, before its first message. An
	 * exception closes the connection with 1011.
	 * @param connection the new connection
	 * @throws Exception on failure
	 */
	default void onOpen(WsConnection connection) throws Exception {
	}

	/**
	 * Called once when the connection has ended, however it ended.
	 * @param connection the connection, now {@code CLOSED}
	 * @param status the close code and reason; 1006 when the peer vanished without a close frame
	 */
	default void onClose(WsConnection connection, CloseStatus status) {
	}

	/**
	 * Called when handling a message or the transport failed, before the error is reported.
	 * @param connection the connection
	 * @param error the failure
	 */
	default void onError(WsConnection connection, Throwable error) {
	}

}
