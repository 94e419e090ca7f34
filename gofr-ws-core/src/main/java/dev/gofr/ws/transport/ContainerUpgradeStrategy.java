package dev.gofr.ws.transport;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades through the container that actually serves the request. Spring picks its strategy by
 * which classes are on the class path, so an application running on Tomcat with Jetty's
 * WebSocket classes also present fails every handshake; this strategy asks the servlet context
 * instead: Jetty's own API on Jetty, the Jakarta WebSocket API everywhere else.
 */
public final class ContainerUpgradeStrategy implements RequestUpgradeStrategy {

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent(
			"org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer",
			ContainerUpgradeStrategy.class.getClassLoader());

	private static final String[] VERSIONS = { "13" };

	private final RequestUpgradeStrategy standard = new StandardWebSocketUpgradeStrategy();

	private final @Nullable RequestUpgradeStrategy jetty = JETTY_PRESENT ? new JettyRequestUpgradeStrategy() : null;

	private final boolean compression;

	/**
	 * Create the strategy, offering no extensions: permessage-deflate is negotiated only when
	 * compression is turned on.
	 */
	public ContainerUpgradeStrategy() {
		this(false);
	}

	/**
	 * Create the strategy.
	 * @param compression whether the container's extensions (permessage-deflate) may be
	 * negotiated; without it, a client offering compression gets none
	 */
	public ContainerUpgradeStrategy(boolean compression) {
		this.compression = compression;
	}

	@Override
	public String[] getSupportedVersions() {
		return VERSIONS.clone();
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return this.compression ? strategy(request).getSupportedExtensions(request) : List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		strategy(request).upgrade(request, response, selectedProtocol, selectedExtensions, user, wsHandler,
				attributes);
	}

	private RequestUpgradeStrategy strategy(ServerHttpRequest request) {
		RequestUpgradeStrategy jetty = this.jetty;
		if (jetty != null && request instanceof ServletServerHttpRequest servletRequest) {
			String serverInfo = servletRequest.getServletRequest().getServletContext().getServerInfo();
			if (serverInfo != null && serverInfo.toLowerCase(java.util.Locale.ROOT).startsWith("jetty")) {
				return jetty;
			}
		}
		return this.standard;
	}

}
