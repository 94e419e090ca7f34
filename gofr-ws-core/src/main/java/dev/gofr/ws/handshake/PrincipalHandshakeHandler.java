package dev.gofr.ws.handshake;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.Lifecycle;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake handler, giving each connection the principal that
 * {@link AuthenticationCheck} found and the route's subprotocol by the server's preference
 * (Spring's own picks by the client's order). It negotiates and upgrades a request without its
 * query and credential headers: the checks before it have read them, and what comes after logs
 * the request or keeps it for the connection's life.
 */
public final class PrincipalHandshakeHandler implements HandshakeHandler, Lifecycle {

	private final Subprotocols subprotocols;

	private final Negotiation negotiation;

	/**
	 * Create the handler for a route without subprotocols.
	 * @param upgradeStrategy how to upgrade on the running container
	 */
	public PrincipalHandshakeHandler(RequestUpgradeStrategy upgradeStrategy) {
		this(upgradeStrategy, Subprotocols.NONE);
	}

	/**
	 * Create the handler.
	 * @param upgradeStrategy how to upgrade on the running container
	 * @param subprotocols the route's subprotocols
	 */
	public PrincipalHandshakeHandler(RequestUpgradeStrategy upgradeStrategy, Subprotocols subprotocols) {
		this.subprotocols = subprotocols;
		this.negotiation = new Negotiation(upgradeStrategy, subprotocols);
	}

	/**
	 * The route's subprotocols.
	 * @return the subprotocols, most preferred first
	 */
	public Subprotocols subprotocols() {
		return this.subprotocols;
	}

	/**
	 * How the handshake upgrades on the running container.
	 * @return the upgrade strategy
	 */
	public RequestUpgradeStrategy getRequestUpgradeStrategy() {
		return this.negotiation.getRequestUpgradeStrategy();
	}

	@Override
	public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		return this.negotiation.doHandshake(RedactedRequest.of(request), response, wsHandler, attributes);
	}

	@Override
	public void start() {
		this.negotiation.start();
	}

	@Override
	public void stop() {
		this.negotiation.stop();
	}

	@Override
	public boolean isRunning() {
		return this.negotiation.isRunning();
	}

	/**
	 * Spring's negotiation, with the route's subprotocol preference and the principal of the
	 * handshake's checks.
	 */
	private static final class Negotiation extends DefaultHandshakeHandler {

		private final Subprotocols subprotocols;

		Negotiation(RequestUpgradeStrategy upgradeStrategy, Subprotocols subprotocols) {
			super(upgradeStrategy);
			this.subprotocols = subprotocols;
		}

		@Override
		protected @Nullable String selectProtocol(List<String> requestedProtocols, WebSocketHandler webSocketHandler) {
			String selected = this.subprotocols.select(requestedProtocols);
			return (selected != null) ? selected : super.selectProtocol(requestedProtocols, webSocketHandler);
		}

		@Override
		protected @Nullable Principal determineUser(ServerHttpRequest request, WebSocketHandler wsHandler,
				Map<String, Object> attributes) {
			Object principal = attributes.get(AuthenticationCheck.PRINCIPAL_ATTRIBUTE);
			return (principal instanceof Principal found) ? found : super.determineUser(request, wsHandler, attributes);
		}

	}

}
