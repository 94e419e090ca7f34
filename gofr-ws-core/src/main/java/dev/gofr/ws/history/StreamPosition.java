package dev.gofr.ws.history;

import java.util.Objects;

/**
 * A place in a room's stream: the offset of a message, which grows by one per message in that
 * room, and the epoch of the stream it belongs to. A stream that starts again (its history
 * expired, or its store was lost) has a new epoch, so an offset of the old one is never
 * mistaken for one of the new.
 *
 * @param offset the offset of the last message seen; 0 before the first
 * @param epoch the stream's epoch
 */
public record StreamPosition(long offset, String epoch) {

	/**
	 * Create a position.
	 * @param offset the offset of the last message seen; 0 before the first
	 * @param epoch the stream's epoch
	 * @throws IllegalArgumentException for a negative offset
	 */
	public StreamPosition {
		Objects.requireNonNull(epoch, "epoch");
		if (offset < 0) {
			throw new IllegalArgumentException("An offset is 0 or more, not " + offset);
		}
	}

}
