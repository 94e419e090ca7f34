package dev.gofr.ws.server;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.gofr.ws.send.FrameWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * The close of one connection's transport, and the record of it. The close frame is written once,
 * the first one asked for, on an executor since the socket may make it wait, and only once the
 * container has finished opening the connection, so that the handler's {@code onOpen} always
 * comes before its {@code onClose}. The record says what the peer saw: the close frame this side
 * wrote, or 1006 (with this side's reason) when that frame could not be written.
 */
final class TransportClose {

	private final FrameWriter writer;

	private final Executor executor;

	/** The close frame this side wrote, or began to write: the first one, which the peer sees. */
	private volatile @Nullable CloseStatus sent;

	/** The close frame could not be written: the peer saw the connection end without one. */
	private volatile boolean lost;

	/** The thread writing the close frame, while it does. */
	private volatile @Nullable Thread writing;

	// Guarded by this; taken once or twice per connection.

	private boolean established;

	private boolean started;

	private @Nullable Runnable deferred;

	TransportClose(FrameWriter writer, Executor executor) {
		this.writer = writer;
		this.executor = executor;
	}

	/**
	 * Write the close frame and close the transport, unless a close has already begun.
	 * @param code the close code
	 * @param reason the close reason, already fitted to a close frame
	 * @param timeout how long the close frame may wait for the socket
	 * @param stalled whether a write to the peer is under way, so that the close frame may not
	 * leave: then the connection is reset when it does not ({@link FrameWriter#closeStalled})
	 */
	void start(int code, String reason, Duration timeout, boolean stalled) {
		Runnable close = () -> write(code, reason, timeout, stalled);
		synchronized (this) {
			if (this.started) {
				return;
			}
			this.started = true;
			if (!this.established) {
				this.deferred = close;
				return;
			}
		}
		this.executor.execute(close);
	}

	private void write(int code, String reason, Duration timeout, boolean stalled) {
		this.sent = new CloseStatus(code, reason);
		this.writing = Thread.currentThread();
		try {
			if (stalled) {
				this.writer.closeStalled(code, reason, timeout);
			}
			else {
				this.writer.close(code, reason, timeout);
			}
		}
		finally {
			this.writing = null;
		}
	}

	/**
	 * The container has finished opening the connection and the handler has seen it open: a
	 * close asked for meanwhile goes ahead now.
	 */
	void established() {
		Runnable close;
		synchronized (this) {
			this.established = true;
			close = this.deferred;
			this.deferred = null;
		}
		if (close != null) {
			this.executor.execute(close);
		}
	}

	/**
	 * The container reported a transport error. One that arrives on the thread writing the close
	 * frame means that frame did not leave.
	 */
	void transportFailed() {
		if (this.writing == Thread.currentThread()) {
			this.lost = true;
		}
	}

	/**
	 * The socket is broken: whatever close frame is written will not arrive.
	 */
	void lost() {
		this.lost = true;
	}

	/**
	 * The close status to report: the one this side sent, if it closed first, else the given one;
	 * 1006, with this side's reason, when this side's close frame could not be written.
	 * @param received what the container reported
	 * @return the status the peer saw
	 */
	CloseStatus effectiveStatus(CloseStatus received) {
		CloseStatus sent = this.sent;
		if (this.lost) {
			return (sent != null) ? new CloseStatus(CloseStatus.NO_CLOSE_FRAME.getCode(), sent.getReason())
					: CloseStatus.NO_CLOSE_FRAME;
		}
		return (sent != null) ? sent : received;
	}

}
