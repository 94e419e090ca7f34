package dev.gofr.ws.security;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;

/**
 * The HTTP session a connection's login lives in, as the handshake found it: the login holds while
 * the session is valid and still holds the security context of the same user. Logging out
 * (Spring Security's logout invalidates the session, or at least takes the context out of it),
 * the session's timeout and its invalidation all end it. The session's own methods say so: an
 * invalidated one throws {@link IllegalStateException}.
 * <p>
 * Only sessions the container keeps (Tomcat's, Jetty's) can be watched this way; a session object
 * that is a copy loaded for one request, as Spring Session's, never sees a logout made by another.
 */
final class SessionLogin {

	private final HttpSession session;

	private final String attribute;

	private final String name;

	private SessionLogin(HttpSession session, String attribute, String name) {
		this.session = session;
		this.attribute = attribute;
		this.name = name;
	}

	/**
	 * The login of a connection's user in a session, if the session holds it.
	 * @param session the handshake's session
	 * @param attribute the session attribute of the security context
	 * @param authentication the connection's authentication
	 * @return the login, or {@code null} when the session holds no login of that user (the user
	 * was authenticated otherwise, such as by a token)
	 */
	static @Nullable SessionLogin of(HttpSession session, String attribute, Authentication authentication) {
		String name = authentication.getName();
		return holds(session, attribute, name) ? new SessionLogin(session, attribute, name) : null;
	}

	/**
	 * Whether the login ended: the session was invalidated, or no longer holds this user's
	 * security context.
	 * @return {@code true} once it ended
	 */
	boolean ended() {
		return !holds(this.session, this.attribute, this.name);
	}

	private static boolean holds(HttpSession session, String attribute, String name) {
		try {
			return session.getAttribute(attribute) instanceof SecurityContext context
					&& context.getAuthentication() != null && name.equals(context.getAuthentication().getName());
		}
		catch (IllegalStateException ex) {
			return false; // invalidated
		}
	}

}
