package dev.gofr.ws.handshake;

import java.security.Principal;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Finds the user of a handshake (through the application's {@link HandshakeAuthenticator}, or
 * the principal already on the request, as Spring Security puts it there) and, for a route that
 * requires one, refuses handshakes without it: 401, or 403 when the authenticator says the user
 * may not connect. The principal found becomes the connection's.
 */
public final class AuthenticationCheck implements HandshakeInterceptor {

	/** The handshake attribute holding the principal found. */
	public static final String PRINCIPAL_ATTRIBUTE = AuthenticationCheck.class.getName() + ".principal";

	private final @Nullable HandshakeAuthenticator authenticator;

	private final boolean required;

	private final BiConsumer<String, String> rejections;

	private final Function<WebSocketHandler, String> routeNames;

	/**
	 * Create the check.
	 * @param authenticator the application's authenticator, if any
	 * @param required whether a handshake without a user is refused
	 * @param rejections told of every refusal, with the route's name and the reason
	 * @param routeNames names the route of a handshake's handler
	 */
	public AuthenticationCheck(@Nullable HandshakeAuthenticator authenticator, boolean required,
			BiConsumer<String, String> rejections, Function<WebSocketHandler, String> routeNames) {
		this.authenticator = authenticator;
		this.required = required;
		this.rejections = rejections;
		this.routeNames = routeNames;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		Principal principal;
		try {
			principal = (this.authenticator != null) ? this.authenticator.authenticate(request) : null;
		}
		catch (WsException ex) {
			boolean forbidden = ex.code() == WsErrorCode.FORBIDDEN;
			return refuse(response, forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED, wsHandler,
					forbidden ? "forbidden" : "unauthenticated");
		}
		if (principal == null) {
			principal = request.getPrincipal();
		}
		if (principal != null) {
			attributes.put(PRINCIPAL_ATTRIBUTE, principal);
			return true;
		}
		return !this.required || refuse(response, HttpStatus.UNAUTHORIZED, wsHandler, "unauthenticated");
	}

	private boolean refuse(ServerHttpResponse response, HttpStatus status, WebSocketHandler handler, String reason) {
		response.setStatusCode(status);
		this.rejections.accept(this.routeNames.apply(handler), reason);
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
