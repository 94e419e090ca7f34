package dev.gofr.ws.send;

/**
 * What became of one send. A send never waits for the peer, so this says whether the frame was
 * queued, not whether it arrived.
 */
public enum SendResult {

	/** The frame is queued (or already written) and will be sent in order. */
	QUEUED,

	/** The frame was dropped because the send buffer was full and the policy is to drop. */
	DROPPED,

	/** The connection is closing or closed; the frame was not queued. */
	CLOSED;

	/**
	 * Whether the frame was queued.
	 * @return {@code true} for {@link #QUEUED}
	 */
	public boolean isQueued() {
		return this == QUEUED;
	}

}
