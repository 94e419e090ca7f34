package dev.gofr.ws.server;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * The user of one connection, as its node's {@link ConnectionSecurity} keeps it after the
 * handshake: the principal the connection reports, what the code of each of its events (a
 * message, its open and close callbacks, a reply that completes later) runs with, and whether the
 * credentials behind it still hold. The {@link ConnectionSweeper} asks {@link #endReason} at each
 * tick, and a connection whose user has a reason to end is closed with 1008 and that reason.
 * <p>
 * Immutable: authenticating a connection again replaces its user. Calls of {@link #enter()} and
 * {@link #exit} pair up on one thread, around one event.
 */
public interface ConnectionUser {

	/**
	 * The principal the connection reports from {@code WsConnection.principal()}.
	 * @return the principal
	 */
	Principal principal();

	/**
	 * Make this user the current one on the calling thread, for the code of one event of its
	 * connection (with Spring Security: its {@code SecurityContext} in the
	 * {@code SecurityContextHolder}).
	 * @return what {@link #exit} restores, or {@code null}
	 */
	@Nullable Object enter();

	/**
	 * Restore what the calling thread had before {@link #enter()}.
	 * @param previous what {@link #enter()} returned
	 */
	void exit(@Nullable Object previous);

	/**
	 * Why the connection must end now, if it must: its credentials expired, the HTTP session it
	 * was opened under ended. Called by the sweeper, one sweep at a time; must be quick.
	 * @param nowNanos the time on the node's {@link dev.gofr.ws.time.Ticker}
	 * @return the close reason, such as {@code "Credentials expired"}, or {@code null} while the
	 * credentials hold
	 */
	@Nullable String endReason(long nowNanos);

	/**
	 * A user that is no more than its principal: no security context, no expiry.
	 * @param principal the principal
	 * @return the user
	 */
	static ConnectionUser of(Principal principal) {
		return new PrincipalUser(principal);
	}

}
