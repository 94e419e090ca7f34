package dev.gofr.ws.error;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The error codes that gofr-ws reports to clients in error frames and in {@link WsException}s,
 * each with the close code used when the error closes the connection.
 */
public enum WsErrorCode {

	/** A send or operation on a connection that is already closed. */
	CONNECTION_CLOSED(CloseCodes.NORMAL),

	/** A message of a type that the endpoint does not accept. */
	INVALID_MESSAGE_TYPE(CloseCodes.UNSUPPORTED_DATA),

	/** A broadcast could not be delivered. */
	BROADCAST_FAILED(CloseCodes.SERVER_ERROR),

	/** The peer did not answer in time. */
	CONNECTION_TIMEOUT(CloseCodes.HEARTBEAT_TIMEOUT),

	/** A message whose payload could not be read or did not validate. */
	INVALID_PAYLOAD(CloseCodes.INVALID_PAYLOAD),

	/** A message sent faster than the configured rate. */
	RATE_LIMITED(CloseCodes.RATE_LIMITED),

	/** A configured limit was reached. */
	LIMIT_EXCEEDED(CloseCodes.POLICY_VIOLATION),

	/** The peer is not authenticated. */
	UNAUTHORIZED(CloseCodes.POLICY_VIOLATION),

	/** The peer is authenticated but not allowed to do this. */
	FORBIDDEN(CloseCodes.POLICY_VIOLATION),

	/** A message larger than the configured limit. */
	MESSAGE_TOO_BIG(CloseCodes.TOO_BIG),

	/** An unexpected error in the server. */
	INTERNAL(CloseCodes.SERVER_ERROR);

	private static final boolean SPRING_SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.access.AccessDeniedException", WsErrorCode.class.getClassLoader());

	private final int closeCode;

	WsErrorCode(int closeCode) {
		this.closeCode = closeCode;
	}

	/**
	 * The close code sent when this error closes the connection.
	 * @return a close code from {@link CloseCodes}
	 */
	public int closeCode() {
		return this.closeCode;
	}

	/**
	 * The code a failure of a handler or an interceptor is reported with: a {@link WsException}'s
	 * own; with Spring Security on the class path, {@link #UNAUTHORIZED} for an
	 * {@code AuthenticationException}, and for an {@code AccessDeniedException} (which method
	 * security's {@code AuthorizationDeniedException} is) {@link #FORBIDDEN}, or
	 * {@link #UNAUTHORIZED} when the user is not authenticated, as Spring Security answers HTTP
	 * requests; {@link #INTERNAL} for anything else.
	 * @param failure what the handler or interceptor threw
	 * @param user the connection's principal, or {@code null} when anonymous
	 * @return the code
	 */
	public static WsErrorCode of(Throwable failure, @Nullable Principal user) {
		if (failure instanceof WsException exception) {
			return exception.code();
		}
		if (SPRING_SECURITY_PRESENT) {
			WsErrorCode code = SpringSecurity.codeOf(failure, user);
			if (code != null) {
				return code;
			}
		}
		return INTERNAL;
	}

	/** Spring Security's exceptions, loaded only when Spring Security is present. */
	private static final class SpringSecurity {

		static @Nullable WsErrorCode codeOf(Throwable failure, @Nullable Principal user) {
			if (failure instanceof org.springframework.security.core.AuthenticationException) {
				return UNAUTHORIZED;
			}
			if (failure instanceof org.springframework.security.access.AccessDeniedException) {
				return isAuthenticated(user) ? FORBIDDEN : UNAUTHORIZED;
			}
			return null;
		}

		private static boolean isAuthenticated(@Nullable Principal user) {
			if (user instanceof org.springframework.security.core.Authentication authentication) {
				return authentication.isAuthenticated()
						&& !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
			}
			return user != null;
		}

	}

}
