package dev.gofr.ws.interceptor;

import java.security.Principal;
import java.util.function.Predicate;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Checks on every message that the connection's principal is still allowed, since a token or a
 * role can be revoked long after the handshake. A connection without a principal gets
 * {@code UNAUTHORIZED}; one whose principal fails the check gets {@code FORBIDDEN}; either as an
 * error frame (the message is dropped), or by closing with 1008 when built {@link #closing()}.
 */
public final class AuthorizationInterceptor implements MessageInterceptor {

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.Authentication", AuthorizationInterceptor.class.getClassLoader());

	private final Predicate<Principal> check;

	private final String requirement;

	private final boolean close;

	private AuthorizationInterceptor(Predicate<Principal> check, String requirement, boolean close) {
		this.check = check;
		this.requirement = requirement;
		this.close = close;
	}

	/**
	 * Require an authenticated principal (with Spring Security: one whose {@code Authentication}
	 * is still authenticated).
	 * @return the interceptor
	 */
	public static AuthorizationInterceptor requireAuthenticated() {
		return new AuthorizationInterceptor((principal) -> !SPRING_SECURITY_PRESENT || SpringSecurity.isAuthenticated(principal),
				"an authenticated user", false);
	}

	/**
	 * Require a Spring Security authority, such as {@code ROLE_CHAT}.
	 * @param authority the authority
	 * @return the interceptor
	 */
	public static AuthorizationInterceptor requireAuthority(String authority) {
		if (!SPRING_SECURITY_PRESENT) {
			throw new IllegalStateException("Authority checks need Spring Security on the class path");
		}
		return new AuthorizationInterceptor((principal) -> SpringSecurity.hasAuthority(principal, authority),
				"authority " + authority, false);
	}

	/**
	 * Require that the principal passes a test.
	 * @param check the test; must be quick
	 * @param requirement what it requires, for the error message
	 * @return the interceptor
	 */
	public static AuthorizationInterceptor require(Predicate<Principal> check, String requirement) {
		return new AuthorizationInterceptor(check, requirement, false);
	}

	/**
	 * This check, closing the connection with 1008 instead of sending an error frame.
	 * @return a new interceptor
	 */
	public AuthorizationInterceptor closing() {
		return new AuthorizationInterceptor(this.check, this.requirement, true);
	}

	@Override
	public @Nullable Object intercept(WsConnection connection, WsMessage message, MessageChain chain) throws Exception {
		Principal principal = connection.principal();
		if (principal != null && this.check.test(principal)) {
			return chain.proceed(connection, message);
		}
		WsErrorCode code = (principal == null) ? WsErrorCode.UNAUTHORIZED : WsErrorCode.FORBIDDEN;
		String reason = (principal == null) ? "Not authenticated" : "Requires " + this.requirement;
		if (this.close) {
			connection.close(CloseCodes.POLICY_VIOLATION, reason);
			return null;
		}
		throw new WsException(code, reason);
	}

	/** Spring Security's view of a principal, loaded only when Spring Security is present. */
	private static final class SpringSecurity {

		static boolean isAuthenticated(Principal principal) {
			return !(principal instanceof org.springframework.security.core.Authentication authentication)
					|| authentication.isAuthenticated();
		}

		static boolean hasAuthority(Principal principal, String authority) {
			return principal instanceof org.springframework.security.core.Authentication authentication
					&& authentication.isAuthenticated() && authentication.getAuthorities()
						.stream()
						.anyMatch((granted) -> authority.equals(granted.getAuthority()));
		}

	}

}
