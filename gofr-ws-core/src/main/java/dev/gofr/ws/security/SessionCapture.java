package dev.gofr.ws.security;

import java.util.Map;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The last step of a handshake that every check accepted: it leaves the request's HTTP session,
 * if it has one, in the handshake's attributes, where {@link SpringConnectionSecurity} finds it
 * when the connection opens and takes it out. It never creates a session, and never refuses.
 */
final class SessionCapture implements HandshakeInterceptor {

	/** The attribute under which the handshake's {@link HttpSession} is left. */
	static final String ATTRIBUTE = SessionCapture.class.getName() + ".session";

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (request instanceof ServletServerHttpRequest servlet) {
			HttpSession session = servlet.getServletRequest().getSession(false);
			if (session != null) {
				attributes.put(ATTRIBUTE, session);
			}
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

	@Override
	public String toString() {
		return "SessionCapture";
	}

}
