package dev.gofr.ws.send;

/**
 * Why an outbound frame was not sent; the {@code reason} tag of {@code gofr.ws.send.dropped}.
 */
public enum DropReason {

	/** The send buffer was full and the policy dropped this frame or an older one. */
	OVERFLOW,

	/** The connection closed before the frame could be written. */
	CLOSED,

	/** The write failed at the socket. */
	WRITE_FAILED;

	/**
	 * The tag value.
	 * @return the name in lower case, such as {@code overflow}
	 */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
