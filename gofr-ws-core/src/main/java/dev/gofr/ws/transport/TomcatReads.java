package dev.gofr.ws.transport;

import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The reads of a Tomcat session: {@link WsSession#suspend()} stops its frame processing after the
 * frame being delivered, and {@link WsSession#resume()} hands it back to a container thread. Loaded
 * only when Tomcat's WebSocket classes are present.
 */
final class TomcatReads implements SessionReads {

	private final WsSession session;

	private TomcatReads(WsSession session) {
		this.session = session;
	}

	/**
	 * The reads of a session, when Tomcat's.
	 * @param session the session
	 * @return the reads, or {@code null} for a session of another container
	 */
	static @Nullable SessionReads of(NativeWebSocketSession session) {
		return (session.getNativeSession() instanceof WsSession tomcat) ? new TomcatReads(tomcat) : null;
	}

	@Override
	public void pause() {
		this.session.suspend();
	}

	@Override
	public void resume() {
		this.session.resume();
	}

}
