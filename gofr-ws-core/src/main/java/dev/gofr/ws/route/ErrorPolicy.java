package dev.gofr.ws.route;

/**
 * What a route does when its handler fails on a message.
 */
public enum ErrorPolicy {

	/** Send the error frame and keep the connection open. */
	REPORT,

	/** Close the connection with the error's close code (1011 for unexpected errors). */
	CLOSE

}
