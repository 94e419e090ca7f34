package dev.gofr.ws.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * When the credentials behind a connection's {@code Authentication} stop being valid, such as
 * the {@code exp} of a JWT. A connection is closed with 1008 ({@code "Credentials expired"}) at
 * the first sweep after that instant, unless the application {@link
 * dev.gofr.ws.connection.WsConnection#authenticate authenticates} it again before. gofr-ws's
 * auto-configuration declares one for OAuth 2.0 tokens (a {@code JwtAuthenticationToken}'s
 * {@code Jwt}, any {@code AbstractOAuth2Token}) when spring-security-oauth2-core is present; an
 * application declares its own for other credentials, and the earliest instant of them all counts.
 */
@FunctionalInterface
public interface CredentialExpiry {

	/**
	 * When an authentication's credentials expire.
	 * @param authentication the authentication of a connection
	 * @return the instant, or {@code null} when this strategy does not know of one
	 */
	@Nullable Instant expiresAt(Authentication authentication);

}
