package dev.gofr.ws.connection;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.send.DropReason;
import dev.gofr.ws.send.OutboundFrame;
import org.springframework.web.socket.CloseStatus;

/**
 * Told about connection events on this node, for metrics, logs and audits. Declare beans of
 * this type; they are called on the thread where the event happens, so they must be quick and
 * must not block.
 */
public interface ConnectionListener {

	/**
	 * A connection is open and registered.
	 * @param connection the connection
	 */
	default void opened(WsConnection connection) {
	}

	/**
	 * A connection ended, once per connection.
	 * @param connection the connection, now closed
	 * @param status the close status: the one this side sent when it closed first
	 */
	default void closed(WsConnection connection, CloseStatus status) {
	}

	/**
	 * An outbound frame will not be sent.
	 * @param connection the connection
	 * @param frame the frame
	 * @param reason why
	 */
	default void frameDropped(WsConnection connection, OutboundFrame frame, DropReason reason) {
	}

	/**
	 * An error was reported for a connection, by an error frame or a close.
	 * @param connection the connection
	 * @param code the error code
	 */
	default void error(WsConnection connection, WsErrorCode code) {
	}

	/**
	 * A whole data message was received and handled: called on the hot path, after the handler
	 * (and its interceptors) returned.
	 * @param connection the connection
	 * @param binary whether it was a binary message
	 * @param handlingNanos the time the handler chain took, in nanoseconds
	 */
	default void messageHandled(WsConnection connection, boolean binary, long handlingNanos) {
	}

	/**
	 * A data message was written to the socket: called on the hot path.
	 * @param connection the connection
	 * @param binary whether it was a binary message
	 */
	default void messageSent(WsConnection connection, boolean binary) {
	}

	/**
	 * A handshake was refused before the upgrade.
	 * @param endpoint the endpoint name
	 * @param reason why, such as {@code origin}, {@code unauthenticated}, {@code subprotocol},
	 * {@code max-connections}, {@code max-connections-per-ip}, {@code throttled} or
	 * {@code shutting-down}
	 */
	default void rejected(String endpoint, String reason) {
	}

	/**
	 * A listener that calls each of the given ones in turn.
	 * @param listeners the listeners
	 * @return one listener
	 */
	static ConnectionListener composite(java.util.List<? extends ConnectionListener> listeners) {
		ConnectionListener[] all = listeners.toArray(new ConnectionListener[0]);
		if (all.length == 0) {
			return new ConnectionListener() {
			};
		}
		if (all.length == 1) {
			return all[0];
		}
		return new ConnectionListener() {

			@Override
			public void opened(WsConnection connection) {
				for (ConnectionListener listener : all) {
					listener.opened(connection);
				}
			}

			@Override
			public void closed(WsConnection connection, CloseStatus status) {
				for (ConnectionListener listener : all) {
					listener.closed(connection, status);
				}
			}

			@Override
			public void frameDropped(WsConnection connection, OutboundFrame frame, DropReason reason) {
				for (ConnectionListener listener : all) {
					listener.frameDropped(connection, frame, reason);
				}
			}

			@Override
			public void error(WsConnection connection, WsErrorCode code) {
				for (ConnectionListener listener : all) {
					listener.error(connection, code);
				}
			}

			@Override
			public void messageHandled(WsConnection connection, boolean binary, long handlingNanos) {
				for (ConnectionListener listener : all) {
					listener.messageHandled(connection, binary, handlingNanos);
				}
			}

			@Override
			public void messageSent(WsConnection connection, boolean binary) {
				for (ConnectionListener listener : all) {
					listener.messageSent(connection, binary);
				}
			}

			@Override
			public void rejected(String endpoint, String reason) {
				for (ConnectionListener listener : all) {
					listener.rejected(endpoint, reason);
				}
			}

		};
	}

}
