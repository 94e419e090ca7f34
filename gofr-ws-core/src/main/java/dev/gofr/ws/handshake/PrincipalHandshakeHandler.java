package dev.gofr.ws.handshake;

import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Spring's handshake handler, giving each connection the principal that
 * {@link AuthenticationCheck} found.
 */
public final class PrincipalHandshakeHandler extends DefaultHandshakeHandler {

	/**
	 * Create the handler.
	 * @param upgradeStrategy how to upgrade on the running container
	 */
	public PrincipalHandshakeHandler(RequestUpgradeStrategy upgradeStrategy) {
		super(upgradeStrategy);
	}

	@Override
	protected @Nullable Principal determineUser(ServerHttpRequest request, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		Object principal = attributes.get(AuthenticationCheck.PRINCIPAL_ATTRIBUTE);
		return (principal instanceof Principal found) ? found : super.determineUser(request, wsHandler, attributes);
	}

}
