package dev.gofr.ws.transport;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;

import dev.gofr.ws.send.OutboundFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's core frame write, beneath its WebSocket API: a frame over a payload already encoded,
 * with a batch flag. Through it, a text frame shared by a broadcast is encoded to UTF-8 once
 * instead of once per recipient, and a burst of small frames leaves in few socket writes: Jetty's
 * flusher gathers frames sent with the batch flag in its output buffer and writes them with the
 * next frame sent without it. The API sends every frame on its own and encodes text per session.
 * Found on Jetty 12's own API session ({@code WebSocketSession#getCoreSession()}); when it is not
 * there (another implementation, or a Jetty whose core changed), {@link #forSession} returns
 * {@code null} and the API is used.
 * <p>
 * Refers to Jetty's core classes: loaded only once {@link JettyFrameWriter} has seen them present.
 */
final class JettyFrames implements Callback {

	private static final Logger logger = LoggerFactory.getLogger(JettyFrames.class);

	private static final boolean AVAILABLE = probe();

	private final CoreSession core;

	private final org.eclipse.jetty.websocket.api.Callback done;

	private JettyFrames(CoreSession core, org.eclipse.jetty.websocket.api.Callback done) {
		this.core = core;
		this.done = done;
	}

	/**
	 * The core frame write of a Jetty session.
	 * @param session the API session
	 * @param done told of every write's end, once per write
	 * @return the writer, or {@code null} when the session is not Jetty's own or its core is not
	 * as expected
	 */
	static @Nullable JettyFrames forSession(Session session, org.eclipse.jetty.websocket.api.Callback done) {
		if (AVAILABLE && session instanceof WebSocketSession jetty) {
			return new JettyFrames(jetty.getCoreSession(), done);
		}
		return null;
	}

	/**
	 * Start writing one data, ping or pong frame, whole.
	 * @param frame the frame; its payload is read through a buffer of this write's own
	 * @param batch whether Jetty may keep the frame in its output buffer until a frame sent
	 * without the flag: the frame's end is then reported once it is buffered, and the later
	 * frame's once both are written. Jetty never keeps control frames, nor frames of a quarter of
	 * its buffer or more.
	 */
	void write(OutboundFrame frame, boolean batch) {
		Frame out = switch (frame.kind()) {
			case TEXT -> new Frame(OpCode.TEXT, frame.utf8());
			case BINARY -> new Frame(OpCode.BINARY, frame.bytes());
			case PING -> new Frame(OpCode.PING, frame.bytes());
			case PONG -> new Frame(OpCode.PONG, frame.bytes());
			default -> throw new IllegalArgumentException("Cannot write " + frame);
		};
		this.core.sendFrame(out, this, batch);
	}

	@Override
	public void succeeded() {
		this.done.succeed();
	}

	@Override
	public void failed(Throwable failure) {
		this.done.fail(failure);
	}

	private static boolean probe() {
		try {
			Method coreSession = WebSocketSession.class.getMethod("getCoreSession");
			if (coreSession.getReturnType() != CoreSession.class) {
				throw new NoSuchMethodException(coreSession + " returns " + coreSession.getReturnType().getName());
			}
			CoreSession.class.getMethod("sendFrame", Frame.class, Callback.class, boolean.class);
			Frame.class.getConstructor(byte.class, ByteBuffer.class);
			logger.debug("Writing frames through Jetty's core session");
			return true;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			logger.info("Jetty's core frame write is not available ({}); using Jetty's WebSocket API", ex.toString());
			return false;
		}
	}

}
