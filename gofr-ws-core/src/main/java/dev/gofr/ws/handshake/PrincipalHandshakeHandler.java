package dev.gofr.ws.handshake;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake handler, giving each connection the principal that
 * {@link AuthenticationCheck} found and the route's subprotocol by the server's preference
 * (Spring's own picks by the client's order).
 */
public final class PrincipalHandshakeHandler extends DefaultHandshakeHandler {

	private final Subprotocols subprotocols;

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
		super(upgradeStrategy);
		this.subprotocols = subprotocols;
	}

	/**
	 * The route's subprotocols.
	 * @return the subprotocols, most preferred first
	 */
	public Subprotocols subprotocols() {
		return this.subprotocols;
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
