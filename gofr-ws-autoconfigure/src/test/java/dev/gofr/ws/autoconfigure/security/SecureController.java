package dev.gofr.ws.autoconfigure.security;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.WsController;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static dev.gofr.ws.autoconfigure.security.JwtApplication.name;

/**
 * An annotated controller whose messages are told apart by {@code op}, with a
 * {@code @PreAuthorize} method and in-band re-authentication: {@code auth} checks a fresh token
 * with the resource server's provider and gives the connection its {@code Authentication}.
 */
@WsController(path = "/ws/secure", discriminator = "op")
class SecureController {

	private final AuthenticationProvider tokens;

	SecureController(AuthenticationProvider tokens) {
		this.tokens = tokens;
	}

	@OnMessage("auth")
	public String authenticate(WsConnection connection, Credentials credentials) {
		connection.authenticate(this.tokens.authenticate(new BearerTokenAuthenticationToken(credentials.token())));
		return "authenticated as " + connection.principal().getName();
	}

	@OnMessage("whoami")
	public String whoami() {
		return "token " + ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication()).getToken()
			.getId();
	}

	@OnMessage("admin")
	@PreAuthorize("hasAuthority('SCOPE_admin')")
	public String admin() {
		return "admin by " + name();
	}

	@OnMessage("broadcast")
	public String broadcast() {
		return "broadcast by " + name();
	}

	record Credentials(String op, String token) {
	}

}
