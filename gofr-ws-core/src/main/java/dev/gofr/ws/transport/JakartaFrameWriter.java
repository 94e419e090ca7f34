package dev.gofr.ws.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

/**
 * Writes through a Jakarta WebSocket container, such as Tomcat, without a thread waiting for the
 * peer: each frame is handed to the container and the callback runs when the container has
 * written it. On Tomcat every frame goes through Tomcat's own asynchronous write
 * ({@link TomcatFrames}): pings and pongs too, and text as bytes encoded once per frame, however
 * many connections share it. Elsewhere data frames use the API's asynchronous remote endpoint,
 * and pings and pongs, which the API can only send blocking, are written on the I/O executor.
 */
final class JakartaFrameWriter implements FrameWriter, SendHandler {

	/** Tomcat's per-session bound on blocking writes (control frames, the 1000 close), in milliseconds. */
	static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	/**
	 * Tomcat's per-session bound on writing a close frame with any code but 1000, lock wait and
	 * write together, in milliseconds; 50 ms when unset, which a busy node can miss.
	 */
	static final String ABNORMAL_CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	private final Session session;

	private final RemoteEndpoint.Async remote;

	private final @Nullable TomcatFrames tomcat;

	private final Executor executor;

	private volatile @Nullable Callback callback;

	/** Whether Tomcat gathers frames in its output buffer: only while a burst of frames is queued. */
	private volatile boolean batching;

	/** Where a batch's end is: NONE, FLUSH_NEXT (flush once this frame is buffered), FLUSHING. */
	private volatile int batchEnd;

	/**
	 * The payload of a frame too large to gather, written by itself once the flush that ends the
	 * batch is done; {@code null} when the flush ends the batch's last gathered frame.
	 */
	private volatile @Nullable ByteBuffer afterFlush;

	private volatile byte afterFlushOpcode;

	private static final int NONE = 0;

	private static final int FLUSH_NEXT = 1;

	private static final int FLUSHING = 2;

	private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

	JakartaFrameWriter(Session session, Duration sendTimeout, Executor executor) {
		this.session = session;
		this.remote = session.getAsyncRemote();
		this.executor = executor;
		// No container send timeout on asynchronous writes: Tomcat would register every write in one
		// timeout set shared by all connections; gofr-ws's sweeper watches stuck writes instead.
		session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, millis(sendTimeout));
		this.tomcat = TomcatFrames.forSession(session);
	}

	private static long millis(Duration duration) {
		return Math.max(1, duration.toMillis());
	}

	@Override
	public void write(OutboundFrame frame, Callback callback) {
		write(frame, callback, false);
	}

	/**
	 * On Tomcat, a burst of frames (more queued behind this one) is gathered in Tomcat's output
	 * buffer and written a buffer at a time instead of one write per frame; the burst's last frame
	 * is followed by an asynchronous flush, after which gathering is switched off again, so that
	 * frames Tomcat sends by itself (pongs to a client's pings) are never held back. Gathering is
	 * switched on only as {@link TomcatFrames#startBatch()} allows, so that Tomcat's own close
	 * frame is never gathered. A frame larger than Tomcat's output buffer is never gathered: what
	 * is gathered is flushed first, then the frame is written by itself, in one write.
	 */
	@Override
	public void write(OutboundFrame frame, Callback callback, boolean more) {
		this.callback = callback;
		try {
			TomcatFrames tomcat = this.tomcat;
			if (tomcat != null) {
				byte opcode = opcode(frame);
				ByteBuffer payload = (opcode == TomcatFrames.TEXT) ? frame.utf8() : frame.bytes();
				if (!tomcat.fitsInBuffer(payload.remaining())) {
					writeAlone(tomcat, opcode, payload);
					return;
				}
				if (more && !this.batching) {
					this.batching = tomcat.startBatch();
				}
				this.batchEnd = (!more && this.batching) ? FLUSH_NEXT : NONE;
				tomcat.write(opcode, payload, this);
				return;
			}
			switch (frame.kind()) {
				case TEXT -> this.remote.sendText(frame.text(), this);
				case BINARY -> this.remote.sendBinary(frame.bytes(), this);
				case PING, PONG -> this.executor.execute(() -> writeControl(frame, callback));
				default -> throw new IllegalArgumentException("Cannot write " + frame);
			}
		}
		catch (RuntimeException ex) {
			callback.written(ex);
		}
	}

	private static byte opcode(OutboundFrame frame) {
		return switch (frame.kind()) {
			case TEXT -> TomcatFrames.TEXT;
			case BINARY -> TomcatFrames.BINARY;
			case PING -> TomcatFrames.PING;
			case PONG -> TomcatFrames.PONG;
			default -> throw new IllegalArgumentException("Cannot write " + frame);
		};
	}

	/** A frame too large to gather: after what is gathered, if anything, in a write of its own. */
	private void writeAlone(TomcatFrames tomcat, byte opcode, ByteBuffer payload) {
		if (this.batching) {
			this.afterFlush = payload;
			this.afterFlushOpcode = opcode;
			this.batchEnd = FLUSHING;
			tomcat.write(TomcatFrames.FLUSH, NOTHING, this);
			return;
		}
		this.batchEnd = NONE;
		tomcat.write(opcode, payload, this);
	}

	private void writeControl(OutboundFrame frame, Callback callback) {
		try {
			if (frame.kind() == OutboundFrame.Kind.PING) {
				this.remote.sendPing(frame.bytes());
			}
			else {
				this.remote.sendPong(frame.bytes());
			}
			callback.written(null);
		}
		catch (IOException | RuntimeException ex) {
			callback.written(ex);
		}
	}

	@Override
	public void onResult(SendResult result) {
		int end = this.batchEnd;
		TomcatFrames tomcat = this.tomcat;
		if (end == FLUSH_NEXT && result.isOK() && tomcat != null) {
			this.batchEnd = FLUSHING;
			try {
				tomcat.write(TomcatFrames.FLUSH, NOTHING, this);
				return;
			}
			catch (RuntimeException ex) {
				this.batchEnd = NONE;
				complete(ex);
				return;
			}
		}
		if (end == FLUSHING) {
			ByteBuffer alone = this.afterFlush;
			this.afterFlush = null;
			this.batchEnd = NONE;
			this.batching = false;
			if (result.isOK()) {
				try {
					this.remote.setBatchingAllowed(false); // the buffer is empty: nothing waits
					if (alone != null && tomcat != null) {
						tomcat.write(this.afterFlushOpcode, alone, this); // its own result completes the send
						return;
					}
				}
				catch (IOException | RuntimeException ex) {
					complete(ex);
					return;
				}
			}
		}
		complete(result.isOK() ? null : result.getException());
	}

	private void complete(@Nullable Throwable failure) {
		Callback done = this.callback;
		if (done != null) {
			done.written(failure);
		}
	}

	/**
	 * Close through the container. Tomcat first flushes what it has gathered, then writes the
	 * close frame, each bound here by the timeout: the blocking send timeout for the flush and a
	 * 1000, the abnormal-close timeout for any other code. It reports a close frame it could not
	 * write to the endpoint's error handler, on this thread, before this method returns.
	 */
	@Override
	public void close(int code, String reason, Duration timeout) {
		try {
			Map<String, Object> properties = this.session.getUserProperties();
			properties.put(BLOCKING_SEND_TIMEOUT, millis(timeout)); // nothing but the close is written after this
			properties.put(ABNORMAL_CLOSE_SEND_TIMEOUT, millis(timeout));
			this.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
		}
		catch (IOException | RuntimeException ex) {
			// the container has given up on the socket and closed it
		}
	}

	/**
	 * On Tomcat, the socket is set to reset on close before the close frame is tried, and back to
	 * an orderly close if that frame left: Tomcat closes the socket itself, before this method
	 * returns, when the frame cannot leave.
	 */
	@Override
	public void closeStalled(int code, String reason, Duration timeout) {
		TomcatFrames tomcat = this.tomcat;
		boolean reset = tomcat != null && tomcat.resetOnClose(true);
		close(code, reason, timeout);
		if (reset) {
			tomcat.resetOnClose(false); // refused once the socket is closed: the reset has happened
		}
	}

	@Override
	public boolean isOpen() {
		return this.session.isOpen();
	}

}
