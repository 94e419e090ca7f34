package dev.gofr.ws.transport;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades through the container that actually serves the request. Spring picks its strategy by
 * which classes are on the class path, so an application running on Tomcat with Jetty's
 * WebSocket classes also present fails every handshake; this strategy asks the servlet context
 * instead: Jetty's own API on Jetty, the Jakarta WebSocket API everywhere else.
 * <p>
 * It also decides whether permessage-deflate may be negotiated. Both containers negotiate it by
 * themselves with any client that offers it, whatever Spring's handshake selected; off, Tomcat
 * is shown a request that offers no extension, and Jetty has its negotiated extensions cleared.
 */
public final class ContainerUpgradeStrategy implements RequestUpgradeStrategy {

	private static final boolean JETTY_PRESENT = ClassUtils.isPresent(
			"org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer",
			ContainerUpgradeStrategy.class.getClassLoader());

	private static final String[] VERSIONS = { "13" };

	private final RequestUpgradeStrategy standard = new StandardWebSocketUpgradeStrategy();

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
		return this.compression ? containerExtensions(request) : List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		if (isJetty(request)) {
			JettyUpgrade.upgrade(request, response, selectedProtocol, user, wsHandler, attributes, this.compression);
		}
		else if (!(request instanceof ServletServerHttpRequest servletRequest)) {
			this.standard.upgrade(request, response, selectedProtocol, selectedExtensions, user, wsHandler,
					attributes);
		}
		else if (this.compression) {
			this.standard.upgrade(new UpgradedRequest(servletRequest.getServletRequest()), response, selectedProtocol,
					selectedExtensions, user, wsHandler, attributes);
		}
		else {
			ServerHttpRequest extensionless = new UpgradedRequest(new HeaderHidingRequest(
					servletRequest.getServletRequest(), HeaderHidingRequest.EXTENSIONS));
			this.standard.upgrade(extensionless, response, selectedProtocol, List.of(), user, wsHandler, attributes);
		}
	}

	/**
	 * Whether permessage-deflate may be negotiated.
	 * @return {@code true} when a client offering it gets it
	 */
	public boolean isCompression() {
		return this.compression;
	}

	private List<WebSocketExtension> containerExtensions(ServerHttpRequest request) {
		// Jetty negotiates its extensions itself, after this handshake's filtering
		return isJetty(request) ? List.of() : this.standard.getSupportedExtensions(request);
	}

	private static boolean isJetty(ServerHttpRequest request) {
		if (JETTY_PRESENT && request instanceof ServletServerHttpRequest servletRequest) {
			String serverInfo = servletRequest.getServletRequest().getServletContext().getServerInfo();
			return serverInfo != null && serverInfo.toLowerCase(Locale.ROOT).startsWith("jetty");
		}
		return false;
	}

	/**
	 * The request the container upgrades. The container reads the servlet request's headers
	 * itself; Spring's session would keep a copy of them, a map and a list per header, for as long
	 * as the connection is open, and gofr-ws never reads it: the handshake's checks have run on the
	 * request, and a route's {@code handshake-headers} are captured before the upgrade. So the
	 * session gets none, and an idle connection holds a kilobyte less.
	 */
	private static final class UpgradedRequest extends ServletServerHttpRequest {

		UpgradedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public HttpHeaders getHeaders() {
			return HttpHeaders.EMPTY;
		}

	}

}
