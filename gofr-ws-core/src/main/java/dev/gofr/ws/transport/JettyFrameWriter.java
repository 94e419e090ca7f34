package dev.gofr.ws.transport;

import java.time.Duration;

import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Writes through Jetty, which is asynchronous for every frame type. On Jetty 12 frames go through
 * the core session ({@link JettyFrames}): text as bytes encoded once per frame, however many
 * connections share it, and a burst of frames gathered into few socket writes. Elsewhere they go
 * through Jetty's WebSocket API, one write per frame.
 */
final class JettyFrameWriter implements FrameWriter, Callback {

	/** Whether Jetty's core classes are there: {@link JettyFrames} refers to them. */
	private static final boolean CORE_PRESENT = present("org.eclipse.jetty.websocket.common.WebSocketSession")
			&& present("org.eclipse.jetty.websocket.core.CoreSession")
			&& present("org.eclipse.jetty.websocket.core.Frame") && present("org.eclipse.jetty.util.Callback");

	private final Session session;

	private final @Nullable JettyFrames core;

	private volatile FrameWriter.@Nullable Callback callback;

	JettyFrameWriter(Session session) {
		this.session = session;
		this.core = CORE_PRESENT ? JettyFrames.forSession(session, this) : null;
	}

	private static boolean present(String className) {
		return ClassUtils.isPresent(className, JettyFrameWriter.class.getClassLoader());
	}

	@Override
	public void write(OutboundFrame frame, FrameWriter.Callback callback) {
		write(frame, callback, false);
	}

	/**
	 * Through the core session, a frame with more queued behind it is sent in Jetty's batch mode:
	 * Jetty keeps small frames in its output buffer, reports them written once buffered, and
	 * writes the buffer with the next frame that is not batched, which the burst's last frame
	 * never is. So the callback of a frame written with {@code more == false} comes once every
	 * frame before it is on the socket.
	 */
	@Override
	public void write(OutboundFrame frame, FrameWriter.Callback callback, boolean more) {
		this.callback = callback;
		try {
			JettyFrames core = this.core;
			if (core != null) {
				core.write(frame, more);
				return;
			}
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

	/**
	 * Whether frames go through Jetty's core session rather than its WebSocket API.
	 * @return {@code true} on the core session
	 */
	boolean usesCoreSession() {
		return this.core != null;
	}

}
