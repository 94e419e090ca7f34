package dev.gofr.ws.transport;

import java.time.Duration;
import java.util.concurrent.Executor;

import dev.gofr.ws.send.FrameWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Picks the fastest {@link FrameWriter} for a session: asynchronous Jakarta WebSocket sends
 * (Tomcat), Jetty's core session (frames of a burst gathered), or Spring's blocking send on a
 * writer thread for anything else; and the session's {@link SessionReads}, where its reads can
 * pause. The only place that knows which container runs.
 */
public final class FrameWriters {

	private static final boolean JAKARTA_PRESENT = ClassUtils.isPresent("jakarta.websocket.Session",
			FrameWriters.class.getClassLoader());

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent("org.apache.tomcat.util.net.AbstractEndpoint",
			FrameWriters.class.getClassLoader());

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent("org.eclipse.jetty.websocket.api.Session",
			FrameWriters.class.getClassLoader());

	private static final boolean TOMCAT_WEBSOCKET_PRESENT = ClassUtils
		.isPresent("org.apache.tomcat.websocket.WsSession", FrameWriters.class.getClassLoader());

	private FrameWriters() {
	}

	/**
	 * The writer for a session.
	 * @param session the Spring session the container created
	 * @param sendTimeout the longest a write may take before the peer counts as slow
	 * @param fallbackExecutor runs the writes that the container can only do blocking
	 * @param inlineCompletions whether a write made inside a
	 * {@linkplain dev.gofr.ws.send.WriteCompletions write scope} completes on its own thread where
	 * the container would hand the completion to another one (on Tomcat: its connector's executor
	 * is wrapped, see {@link TomcatCompletions})
	 * @return the writer
	 */
	public static FrameWriter forSession(WebSocketSession session, Duration sendTimeout, Executor fallbackExecutor,
			boolean inlineCompletions) {
		if (session instanceof NativeWebSocketSession nativeSession) {
			if (JAKARTA_PRESENT) {
				jakarta.websocket.Session jakarta = nativeSession.getNativeSession(jakarta.websocket.Session.class);
				if (jakarta != null) {
					if (inlineCompletions && TOMCAT_PRESENT) {
						TomcatCompletions.install(jakarta);
					}
					return new JakartaFrameWriter(jakarta, sendTimeout, fallbackExecutor);
				}
			}
			if (JETTY_PRESENT) {
				org.eclipse.jetty.websocket.api.Session jetty = nativeSession
					.getNativeSession(org.eclipse.jetty.websocket.api.Session.class);
				if (jetty != null) {
					return new JettyFrameWriter(jetty);
				}
			}
		}
		return new BlockingFrameWriter(session, fallbackExecutor);
	}

	/**
	 * The reads of a session, where its container lets them pause: Tomcat's, and Jetty's through
	 * {@link JettyHandlerAdapter}. Asked once per session: on Jetty, the adapter leaves the
	 * session's attributes, wanted or not.
	 * @param session the session
	 * @param wanted whether the reads may have to pause; when not, nothing is made
	 * @return the reads, or {@code null} when not wanted or the container cannot pause them
	 */
	public static @Nullable SessionReads reads(WebSocketSession session, boolean wanted) {
		Object jetty = session.getAttributes().remove(JettyHandlerAdapter.ATTRIBUTE);
		if (!wanted) {
			return null;
		}
		if (jetty instanceof SessionReads reads) {
			return reads;
		}
		if (TOMCAT_WEBSOCKET_PRESENT && session instanceof NativeWebSocketSession nativeSession) {
			return TomcatReads.of(nativeSession);
		}
		return null;
	}

	/**
	 * Undo what was changed in the container for gofr-ws's writes, when the node's server side
	 * closes: Tomcat gets its own connector executor back.
	 */
	public static void release() {
		if (TOMCAT_PRESENT) {
			TomcatCompletions.uninstallAll();
		}
	}

	/**
	 * Prepare a new session for gofr-ws. On Jakarta WebSocket containers (Tomcat) nothing is
	 * changed: gofr-ws receives messages in parts and enforces the size limits while assembling,
	 * so the container's per-session buffers stay small (Tomcat allocates them at full size for
	 * every connection). Elsewhere (Jetty, which assembles whole messages) the limits are handed
	 * to the container, and Jetty's idle timeout is switched off: liveness is gofr-ws's business,
	 * and Jetty's 30 second default would close every quiet connection.
	 * @param session the session
	 * @param maxText the largest text message, in characters
	 * @param maxBinary the largest binary message, in bytes
	 */
	public static void configureSession(WebSocketSession session, int maxText, int maxBinary) {
		if (JAKARTA_PRESENT && session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession(jakarta.websocket.Session.class) != null) {
			return;
		}
		session.setTextMessageSizeLimit(maxText);
		session.setBinaryMessageSizeLimit(maxBinary);
		if (JETTY_PRESENT && session instanceof NativeWebSocketSession nativeSession) {
			org.eclipse.jetty.websocket.api.Session jetty = nativeSession
				.getNativeSession(org.eclipse.jetty.websocket.api.Session.class);
			if (jetty != null) {
				jetty.setIdleTimeout(java.time.Duration.ZERO);
			}
		}
	}

}
