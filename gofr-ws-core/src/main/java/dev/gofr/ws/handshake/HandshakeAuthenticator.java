package dev.gofr.ws.handshake;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;

/**
 * Authenticates a handshake from what the request carries, such as a token in a header or in
 * the query (browsers cannot set headers on a WebSocket handshake). Declare a bean of this type;
 * without one, the principal is the one Spring Security (or the container) put on the request.
 */
@FunctionalInterface
public interface HandshakeAuthenticator {

	/**
	 * Find the user of a handshake.
	 * @param request the handshake request
	 * @return the principal; {@code null} when the request carries no credentials (a route that
	 * requires authentication then refuses it with 401)
	 * @throws dev.gofr.ws.error.WsException with {@code UNAUTHORIZED} for credentials that are
	 * not valid (401), or {@code FORBIDDEN} for a user that may not connect (403)
	 */
	@Nullable Principal authenticate(ServerHttpRequest request);

}
