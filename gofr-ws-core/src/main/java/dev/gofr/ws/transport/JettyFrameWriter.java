package dev.gofr.ws.transport;

import java.time.Duration;

import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * Writes through Jetty's own WebSocket API, which is asynchronous for every frame type.
 */
final class JettyFrameWriter implements FrameWriter, Callback {

	private final Session session;

	private volatile FrameWriter.@Nullable Callback callback;

	JettyFrameWriter(Session session) {
		this.session = session;
	}

	@Override
	public void write(OutboundFrame frame, FrameWriter.Callback callback) {
		this.callback = callback;
		try {
			switch (frame.kind()) {
				case TEXT -> this.session.sendText(frame.text(), this);
				case BINARY -> this.session.sendBinary(frame.bytes(), this);
				case PING -> this.session.sendPing(frame.bytes(), this);
				case PONG -> this.session.sendPong(frame.bytes(), this);
				default -> throw new IllegalArgumentException("Cannot write " + frame);
			}
		}
		catch (RuntimeException ex) {
			fail(ex);
		}
	}

	@Override
	public void succeed() {
		FrameWriter.Callback done = this.callback;
		if (done != null) {
			done.written(null);
		}
	}

	@Override
	public void fail(Throwable failure) {
		FrameWriter.Callback done = this.callback;
		if (done != null) {
			done.written(failure);
		}
	}

	@Override
	public void close(int code, String reason, Duration timeout) {
		this.session.close(code, reason, org.eclipse.jetty.websocket.api.Callback.from(() -> {
		}, (failure) -> this.session.disconnect()));
	}

	@Override
	public boolean isOpen() {
		return this.session.isOpen();
	}

}
