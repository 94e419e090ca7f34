package dev.gofr.ws.heartbeat;

import java.time.Duration;

import dev.gofr.ws.connection.WsConnection;
import org.jspecify.annotations.Nullable;

/**
 * Told about the heartbeat of every connection: pings sent, pongs received and connections given
 * up on. Declare beans of this type; they are called on the heartbeat's thread or the
 * container's, so they must be quick and must not block.
 */
public interface HeartbeatListener {

	/**
	 * The heartbeat queued a ping.
	 * @param connection the connection
	 */
	default void pingSent(WsConnection connection) {
	}

	/**
	 * A pong arrived: an answer to a heartbeat ping, or to a ping the application sent itself.
	 * @param connection the connection
	 * @param payload the pong's payload
	 * @param roundTrip the time since the heartbeat ping it answers, or {@code null} when it does
	 * not answer one
	 */
	default void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
	}

	/**
	 * Nothing was heard from the peer within the pong wait: the connection is being closed with
	 * 4408.
	 * @param connection the connection
	 * @param silence how long nothing was heard
	 */
	default void timedOut(WsConnection connection, Duration silence) {
	}

	/**
	 * A listener that calls each of the given ones in turn.
	 * @param listeners the listeners
	 * @return one listener
	 */
	static HeartbeatListener composite(java.util.List<? extends HeartbeatListener> listeners) {
		HeartbeatListener[] all = listeners.toArray(new HeartbeatListener[0]);
		if (all.length == 0) {
			return new HeartbeatListener() {
			};
		}
		if (all.length == 1) {
			return all[0];
		}
		return new HeartbeatListener() {

			@Override
			public void pingSent(WsConnection connection) {
				for (HeartbeatListener listener : all) {
					listener.pingSent(connection);
				}
			}

			@Override
			public void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
				for (HeartbeatListener listener : all) {
					listener.pongReceived(connection, payload, roundTrip);
				}
			}

			@Override
			public void timedOut(WsConnection connection, Duration silence) {
				for (HeartbeatListener listener : all) {
					listener.timedOut(connection, silence);
				}
			}

		};
	}

}
