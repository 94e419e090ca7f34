package dev.gofr.ws.server;

import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * What a node does about the users of its connections once the handshake is over: the
 * {@link ConnectionUser} each connection gets when it opens or is authenticated again, what the
 * handshake must keep for it, and how a message refused for lack of rights is answered. gofr-ws's
 * Spring Security support, {@link dev.gofr.ws.security.SpringConnectionSecurity}, implements it;
 * on a node without one ({@link NodeServices} built without it) a connection pays nothing for
 * security but one check of a field per event.
 */
public interface ConnectionSecurity {

	/**
	 * What keeps, in the attributes of a handshake that every check accepted, what
	 * {@link #opened} reads of it (such as the HTTP session a login lives in). It runs last, and
	 * never refuses.
	 * @return the interceptor, or {@code null} when this security needs nothing of the handshake
	 */
	default @Nullable HandshakeInterceptor handshakeInterceptor() {
		return null;
	}

	/**
	 * The user of a connection that opens. Called once per connection, before it is registered.
	 * @param principal the principal of its handshake, or {@code null} when anonymous
	 * @param attributes the handshake's attributes, where {@link #handshakeInterceptor()} left
	 * what it kept; an entry read here may be removed, so that the connection does not hold it twice
	 * @return the user, or {@code null} when there is nothing to do for this principal (such as
	 * an anonymous connection), in which case the connection reports the handshake's principal as
	 * it is
	 */
	@Nullable ConnectionUser opened(@Nullable Principal principal, Map<String, Object> attributes);

	/**
	 * The user of a connection that the application authenticated again, such as after it
	 * checked a fresh token sent in a message. Called on the thread of that message; when that
	 * thread runs as the current user, it runs as the new one from then on (a thread that runs as
	 * no one is left so, since nothing would take the new user away from it after the message).
	 * @param current the connection's user until now, or {@code null} when it had none
	 * @param principal the new principal
	 * @return the new user
	 */
	ConnectionUser authenticated(@Nullable ConnectionUser current, Principal principal);

	/**
	 * Whether a message refused for lack of rights (an access denial, such as Spring Security's
	 * {@code AccessDeniedException}) closes its connection with 1008, instead of being dropped
	 * with an error frame.
	 * @return {@code true} to close
	 */
	boolean closesOnDenial();

}
