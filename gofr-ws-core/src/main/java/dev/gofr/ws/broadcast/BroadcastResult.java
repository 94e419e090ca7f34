package dev.gofr.ws.broadcast;

/**
 * What one broadcast did. It never waits for delivery: these are the fates of the queue
 * operations, known at once.
 *
 * @param targeted connections the broadcast was meant for
 * @param queued connections whose queue took the frame
 * @param dropped connections whose full queue dropped it (drop policies)
 * @param closed connections that were closing, or were cut off because their queue overflowed
 */
public record BroadcastResult(int targeted, int queued, int dropped, int closed) {

	/** A broadcast that reached nobody. */
	public static final BroadcastResult NONE = new BroadcastResult(0, 0, 0, 0);

	/**
	 * Add up two results.
	 * @param other the other result
	 * @return the sum
	 */
	public BroadcastResult plus(BroadcastResult other) {
		return new BroadcastResult(this.targeted + other.targeted, this.queued + other.queued,
				this.dropped + other.dropped, this.closed + other.closed);
	}

}
