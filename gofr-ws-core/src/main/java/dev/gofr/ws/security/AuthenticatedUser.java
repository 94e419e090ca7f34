package dev.gofr.ws.security;

import java.security.Principal;

import dev.gofr.ws.server.ConnectionUser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The user of a connection whose principal is a Spring Security {@link Authentication}: its
 * {@link SecurityContext}, made once for the connection and set in the
 * {@code SecurityContextHolder} around each event, when its credentials expire, on the node's
 * ticker, and the HTTP session login it was opened under. Immutable; a connection authenticated
 * again gets a new one.
 */
final class AuthenticatedUser implements ConnectionUser {

	private final SecurityContext context;

	private final SecurityContextHolderStrategy strategy;

	private final boolean expires;

	private final long expiresAtNanos;

	private final @Nullable SessionLogin sessionLogin;

	/**
	 * Create the user.
	 * @param context the connection's security context, holding its authentication
	 * @param strategy the holder its events set the context in
	 * @param expires whether the credentials expire
	 * @param expiresAtNanos when, on the node's ticker
	 * @param sessionLogin the HTTP session login to watch, if any
	 */
	AuthenticatedUser(SecurityContext context, SecurityContextHolderStrategy strategy, boolean expires,
			long expiresAtNanos, @Nullable SessionLogin sessionLogin) {
		this.context = context;
		this.strategy = strategy;
		this.expires = expires;
		this.expiresAtNanos = expiresAtNanos;
		this.sessionLogin = sessionLogin;
	}

	@Override
	public Principal principal() {
		return this.context.getAuthentication();
	}

	@Nullable SessionLogin sessionLogin() {
		return this.sessionLogin;
	}

	@Override
	public Object enter() {
		SecurityContext previous = this.strategy.getContext();
		this.strategy.setContext(this.context);
		return previous;
	}

	@Override
	public void exit(@Nullable Object previous) {
		if (previous instanceof SecurityContext context && context.getAuthentication() != null) {
			this.strategy.setContext(context);
		}
		else {
			this.strategy.clearContext(); // what the thread had was empty: leave nothing behind
		}
	}

	/**
	 * Let the calling thread, if it runs as this user, run as the next one from now on.
	 * @param next the user that replaces this one
	 */
	void handOver(AuthenticatedUser next) {
		if (this.strategy.getContext() == this.context) {
			this.strategy.setContext(next.context);
		}
	}

	@Override
	public @Nullable String endReason(long nowNanos) {
		if (this.expires && nowNanos - this.expiresAtNanos >= 0) {
			return "Credentials expired";
		}
		if (this.sessionLogin != null && this.sessionLogin.ended()) {
			return "Session ended";
		}
		return null;
	}

	@Override
	public String toString() {
		return "ConnectionUser[" + this.context.getAuthentication().getName() + "]";
	}

}
