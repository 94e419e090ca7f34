package dev.gofr.ws.transport;

import java.io.IOException;
import java.time.Duration;

import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

/**
 * Writes through the Jakarta WebSocket API's asynchronous remote endpoint, as on Tomcat: a data
 * frame is handed to the container and the callback runs when the container has written it, so
 * no thread waits for a slow peer. Control frames have no asynchronous form in the API; they go
 * out only between data frames, when the socket has just drained, and the container bounds their
 * wait by the send timeout.
 */
final class JakartaFrameWriter implements FrameWriter, SendHandler {

	/** Tomcat's per-session bound on blocking writes (control frames, close), in milliseconds. */
	static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final Session session;

	private final RemoteEndpoint.Async remote;

	private volatile @Nullable Callback callback;

	JakartaFrameWriter(Session session, Duration sendTimeout) {
		this.session = session;
		this.remote = session.getAsyncRemote();
		long millis = Math.max(1, sendTimeout.toMillis());
		this.remote.setSendTimeout(millis);
		session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, millis);
	}

	@Override
	public void write(OutboundFrame frame, Callback callback) {
		try {
			switch (frame.kind()) {
				case TEXT -> {
					this.callback = callback;
					this.remote.sendText(frame.text(), this);
				}
				case BINARY -> {
					this.callback = callback;
					this.remote.sendBinary(frame.bytes(), this);
				}
				case PING -> {
					this.remote.sendPing(frame.bytes());
					callback.written(null);
				}
				case PONG -> {
					this.remote.sendPong(frame.bytes());
					callback.written(null);
				}
				default -> throw new IllegalArgumentException("Cannot write " + frame);
			}
		}
		catch (IOException | RuntimeException ex) {
			callback.written(ex);
		}
	}

	@Override
	public void onResult(SendResult result) {
		Callback done = this.callback;
		if (done != null) {
			done.written(result.isOK() ? null : result.getException());
		}
	}

	@Override
	public void close(int code, String reason) {
		try {
			this.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
		}
		catch (IOException | RuntimeException ex) {
			// the container has given up on the socket and closed it
		}
	}

	@Override
	public boolean isOpen() {
		return this.session.isOpen();
	}

}
