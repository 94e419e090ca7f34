package dev.gofr.ws.server;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A {@link ConnectionUser} that is no more than its principal, for a node without
 * {@link ConnectionSecurity} or a principal it does not know.
 */
final class PrincipalUser implements ConnectionUser {

	private final Principal principal;

	PrincipalUser(Principal principal) {
		Assert.notNull(principal, "principal must not be null");
		this.principal = principal;
	}

	@Override
	public Principal principal() {
		return this.principal;
	}

	@Override
	public @Nullable Object enter() {
		return null;
	}

	@Override
	public void exit(@Nullable Object previous) {
	}

	@Override
	public @Nullable String endReason(long nowNanos) {
		return null;
	}

	@Override
	public String toString() {
		return "ConnectionUser[" + this.principal.getName() + "]";
	}

}
