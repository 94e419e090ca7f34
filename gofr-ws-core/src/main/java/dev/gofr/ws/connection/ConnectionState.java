package dev.gofr.ws.connection;

/**
 * Where a connection is in its life. A connection moves only forward: {@code CONNECTING},
 * {@code OPEN}, {@code CLOSING}, {@code CLOSED}.
 */
public enum ConnectionState {

	/** The handshake is done and the connection is being set up; sends are not yet accepted. */
	CONNECTING,

	/** Messages flow both ways. */
	OPEN,

	/** A close was started; queued messages may still be flushed, new sends are refused. */
	CLOSING,

	/** The connection is gone, whichever way it ended. */
	CLOSED

}
