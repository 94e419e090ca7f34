package dev.gofr.ws.autoconfigure;

import java.time.Instant;

import dev.gofr.ws.security.CredentialExpiry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;

/**
 * The expiry of an OAuth 2.0 token that authenticates a connection: the {@code exp} of a
 * resource server's {@code JwtAuthenticationToken} (whose credentials and principal are the
 * {@code Jwt}), the expiry of an introspected {@code BearerTokenAuthentication}'s access token.
 */
final class OAuth2TokenExpiry implements CredentialExpiry {

	@Override
	public @Nullable Instant expiresAt(Authentication authentication) {
		if (authentication.getCredentials() instanceof AbstractOAuth2Token token) {
			return token.getExpiresAt();
		}
		if (authentication.getPrincipal() instanceof AbstractOAuth2Token token) {
			return token.getExpiresAt();
		}
		return null;
	}

	@Override
	public String toString() {
		return "OAuth2TokenExpiry";
	}

}
