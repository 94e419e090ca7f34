package dev.gofr.ws.send;

import org.jspecify.annotations.Nullable;

/**
 * A connection that takes the frames of a broadcast onto its queue without writing them on the
 * broadcasting thread: its queue is handed to a {@link QueueWriters} thread instead, so that one
 * broadcast to thousands of connections returns once the frame is queued on each, and frames
 * that pile up leave together.
 */
public interface BroadcastTarget {

	/**
	 * Queue a frame of a broadcast.
	 * @param frame the frame, shared by every recipient
	 * @return as for a send: {@code QUEUED}, {@code DROPPED} or {@code CLOSED}
	 */
	SendResult offerBroadcast(OutboundFrame frame);

	/**
	 * The writer threads that write this connection's broadcasts.
	 * @return the writers, or {@code null} when the broadcasting thread writes them
	 */
	@Nullable QueueWriters writers();

}
