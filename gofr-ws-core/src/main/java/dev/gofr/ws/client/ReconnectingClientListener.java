package dev.gofr.ws.client;

import java.time.Duration;

/**
 * The hooks of a {@link ReconnectingClient}'s life. Every method does nothing by default; a
 * listener overrides those it needs. Called on the client's threads: keep them short. Sends made
 * in {@link #connected} or {@link #reconnected} go out before the messages buffered while the
 * client was down, so a re-join or resubscription reaches the server before the messages that
 * depend on it.
 */
public interface ReconnectingClientListener {

	/**
	 * A connection opened, the first or a later one.
	 * @param client the client
	 */
	default void connected(ReconnectingClient client) {
	}

	/**
	 * The connection ended: the server closed it, it broke, or the heartbeat heard nothing within
	 * the pong wait; also when the application closed the client.
	 * @param client the client
	 * @param disconnection the close code, reason and cause
	 */
	default void disconnected(ReconnectingClient client, Disconnection disconnection) {
	}

	/**
	 * Another attempt is scheduled, after a drop or a failed attempt.
	 * @param client the client
	 * @param attempt the number of the coming attempt, from 1 after a drop (from 2 when the first
	 * connection attempt failed)
	 * @param delay how long the client waits before it
	 */
	default void reconnecting(ReconnectingClient client, int attempt, Duration delay) {
	}

	/**
	 * A connection opened again after a drop, after {@link #connected}: the
	 * place to re-join rooms or resubscribe.
	 * @param client the client
	 */
	default void reconnected(ReconnectingClient client) {
	}

	/**
	 * The client stopped trying: {@code reconnect.max-attempts} attempts failed in a row, or,
	 * with reconnection off, the first attempt failed or the connection dropped. Sends still
	 * buffered failed with {@code CONNECTION_CLOSED}.
	 * @param client the client
	 * @param lastError the failure of the last attempt
	 */
	default void gaveUp(ReconnectingClient client, Throwable lastError) {
	}

}
