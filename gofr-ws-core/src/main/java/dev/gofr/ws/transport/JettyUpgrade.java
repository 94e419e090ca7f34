package dev.gofr.ws.transport;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;

/**
 * The upgrade on Jetty, as Spring's {@code JettyRequestUpgradeStrategy} does it, but in control of
 * the extensions: Jetty negotiates permessage-deflate by itself with any client that offers it,
 * and Spring has no say, so here the negotiated extensions are cleared unless compression is on.
 * The session's events reach the handler through {@link JettyHandlerAdapter}, whose reads can pause.
 * Loaded only when Jetty's WebSocket server is on the class path.
 */
final class JettyUpgrade {

	private JettyUpgrade() {
	}

	static void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			@Nullable Principal user, WebSocketHandler handler, Map<String, Object> attributes, boolean compression) {
		HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
		HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
		JettyHandlerAdapter adapter = new JettyHandlerAdapter(handler, attributes, user);
		JettyWebSocketCreator creator = (upgradeRequest, upgradeResponse) -> {
			if (selectedProtocol != null) {
				upgradeResponse.setAcceptedSubProtocol(selectedProtocol);
			}
			if (!compression) {
				upgradeResponse.setExtensions(List.of());
			}
			return adapter;
		};
		JettyWebSocketServerContainer container = JettyWebSocketServerContainer
			.getContainer(servletRequest.getServletContext());
		if (container == null) {
			throw new HandshakeFailureException("No Jetty WebSocket container in the servlet context");
		}
		try {
			container.upgrade(creator, servletRequest, servletResponse);
		}
		catch (Exception ex) {
			throw new HandshakeFailureException("Failed to upgrade on Jetty", ex);
		}
	}

}
