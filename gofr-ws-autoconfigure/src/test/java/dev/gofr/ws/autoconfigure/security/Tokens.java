package dev.gofr.ws.autoconfigure.security;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The tests' own token issuer: an RSA key made for the test run, whose public half the
 * application's {@code JwtDecoder} trusts (no network, no JWK set endpoint), and signed JWTs with
 * a subject, scopes and a lifetime.
 */
final class Tokens {

	private static final RSAKey KEY = generate();

	private Tokens() {
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("gofr-ws-tests").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The key the application's decoder checks signatures with.
	 * @return the public key
	 */
	static RSAPublicKey publicKey() {
		try {
			return KEY.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A token that expires after a lifetime, counted from the next whole second (a JWT's times are
	 * whole seconds).
	 * @param subject the user
	 * @param lifetime how long it is valid
	 * @param scopes its scopes, which become {@code SCOPE_} authorities
	 * @return the token
	 */
	static Token issue(String subject, Duration lifetime, String... scopes) {
		Instant now = Instant.now();
		Instant expiresAt = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).plus(lifetime);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now.truncatedTo(ChronoUnit.SECONDS)))
			.expirationTime(Date.from(expiresAt))
			.claim("scope", String.join(" ", scopes))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(KEY));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return new Token(jwt.serialize(), expiresAt, claims.getJWTID());
	}

	/**
	 * A signed token.
	 * @param value the compact serialization, as sent in {@code Authorization: Bearer}
	 * @param expiresAt its {@code exp}
	 * @param id its {@code jti}
	 */
	record Token(String value, Instant expiresAt, String id) {

		String bearer() {
			return "Bearer " + this.value;
		}

	}

}
