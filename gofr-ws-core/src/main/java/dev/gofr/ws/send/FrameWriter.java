package dev.gofr.ws.send;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Writes frames to one connection's socket: the seam between gofr-ws and the servlet container.
 * An {@link OutboundQueue} calls {@link #write} for one frame at a time and waits for its
 * callback before the next.
 */
public interface FrameWriter {

	/**
	 * Start writing one data, ping or pong frame. Must not wait for a slow peer: the write
	 * completes later and then calls the callback, exactly once, on any thread (possibly before
	 * this method returns).
	 * @param frame the frame
	 * @param callback told when the write is done or failed
	 */
	void write(OutboundFrame frame, Callback callback);

	/**
	 * Start writing one frame, knowing whether more frames are queued right behind it. A writer
	 * may then gather frames into fewer socket writes, as long as the callback of a frame written
	 * with {@code more == false} comes only once every frame before it has reached the socket.
	 * @param frame the frame
	 * @param callback told when the write is done or failed
	 * @param more whether the queue holds more frames behind this one
	 */
	default void write(OutboundFrame frame, Callback callback, boolean more) {
		write(frame, callback);
	}

	/**
	 * Send a close frame and close the connection. May wait up to the timeout for the socket, so
	 * it is never called on a sender's thread; a close frame that cannot leave within it is given
	 * up and the connection closed without one.
	 * @param code the close code
	 * @param reason the close reason, at most 123 bytes in UTF-8
	 * @param timeout how long the close frame may wait for the socket, as far as the container
	 * lets it be bounded
	 */
	void close(int code, String reason, Duration timeout);

	/**
	 * Close as {@link #close(int, String, Duration)} does, for a peer that has stopped reading
	 * while a write to it is under way: a close frame that cannot leave within the timeout is given
	 * up and the connection reset (a TCP RST) where the container lets it. The kernel then drops at
	 * once what the peer never read, instead of holding it (up to the socket's send buffer, several
	 * megabytes) for minutes while an orderly close waits for the peer, and the peer learns of the
	 * end as soon as it reads again. A close frame that does leave ends the connection as usual.
	 * @param code the close code
	 * @param reason the close reason, at most 123 bytes in UTF-8
	 * @param timeout how long the close frame may wait for the socket
	 */
	default void closeStalled(int code, String reason, Duration timeout) {
		close(code, reason, timeout);
	}

	/**
	 * Whether the underlying connection is still open as the container sees it.
	 * @return {@code true} while open
	 */
	boolean isOpen();

	/**
	 * Told when one write is done.
	 */
	@FunctionalInterface
	interface Callback {

		/**
		 * The write is done.
		 * @param failure why it failed, or {@code null} when it succeeded
		 */
		void written(@Nullable Throwable failure);

	}

}
