package dev.gofr.ws.route;

/**
 * The data message types.
 */
public enum MessageType {

	/** A text message (UTF-8 on the wire). */
	TEXT,

	/** A binary message. */
	BINARY

}
