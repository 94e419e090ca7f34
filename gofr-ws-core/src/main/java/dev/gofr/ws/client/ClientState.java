package dev.gofr.ws.client;

/**
 * Where a {@link ReconnectingClient} is. Unlike a server connection, a client goes round:
 * {@code CONNECTING}, {@code OPEN}, {@code RECONNECTING}, {@code OPEN} again, until the
 * application closes it or it gives up.
 */
public enum ClientState {

	/** The first connection attempt is under way. */
	CONNECTING,

	/** Connected: messages flow both ways and sends go straight out. */
	OPEN,

	/** Not connected, waiting for or making another attempt; sends are buffered. */
	RECONNECTING,

	/** Not started, or closed by the application; no attempt will be made. */
	CLOSED,

	/** Out of attempts ({@code reconnect.max-attempts}), or the connection dropped with reconnection off. */
	GAVE_UP

}
