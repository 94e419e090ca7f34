package dev.gofr.ws.send;

/**
 * What happens to a send when the connection's send buffer ({@code gofr.ws.send.buffer-limit})
 * is full because the peer reads too slowly.
 */
public enum OverflowPolicy {

	/** Close the connection with 1013 and discard what is queued. */
	CLOSE,

	/** Drop queued frames, oldest first, until the new one fits. */
	DROP_OLDEST,

	/** Drop the new frame and keep what is queued. */
	DROP_NEWEST

}
