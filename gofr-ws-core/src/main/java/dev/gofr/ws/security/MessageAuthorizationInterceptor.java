package dev.gofr.ws.security;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.Discriminator;
import dev.gofr.ws.interceptor.MessageChain;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * Authorizes every message with an {@code AuthorizationManager<WsMessageAuthorizationContext>},
 * such as a {@link WsMessageAuthorizationManager}, before the interceptors after it and the
 * handler see it. The user is the connection's principal when it is a Spring Security
 * {@link Authentication} (the one the message's security context holds), none otherwise. A message
 * the manager does not grant, or abstains on, is refused with Spring Security's
 * {@link AuthorizationDeniedException}, which the route answers as any access denial: a
 * {@code FORBIDDEN} error frame ({@code UNAUTHORIZED} for a connection without an authenticated
 * user), the message dropped, or a close with 1008 when {@code gofr.ws.security.on-access-denied}
 * is {@code close}; counted in {@code gofr.ws.errors}.
 * <p>
 * gofr-ws's auto-configuration declares one, global, when the application declares an
 * {@code AuthorizationManager<WsMessageAuthorizationContext>} bean. Ordered just after the message
 * observation, before the application's own interceptors.
 */
public final class MessageAuthorizationInterceptor implements MessageInterceptor, Ordered {

	/** The order of the interceptor among the global ones: right after the observation's. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final AuthorizationDecision ABSTAINED = new AuthorizationDecision(false);

	private final AuthorizationManager<WsMessageAuthorizationContext> manager;

	private final Function<String, Discriminator> discriminators;

	private final Map<String, Discriminator> byRoute = new ConcurrentHashMap<>();

	/**
	 * Authorize messages whose type is their {@code type} field, on every route.
	 * @param manager the decisions
	 */
	public MessageAuthorizationInterceptor(AuthorizationManager<WsMessageAuthorizationContext> manager) {
		this(manager, (route) -> new Discriminator(Discriminator.DEFAULT_FIELD));
	}

	/**
	 * Authorize messages whose type each route reads its own way.
	 * @param manager the decisions
	 * @param discriminators the discriminator of each route, by route name (for an annotated
	 * controller, its own); asked once per route, on its first message
	 */
	public MessageAuthorizationInterceptor(AuthorizationManager<WsMessageAuthorizationContext> manager,
			Function<String, Discriminator> discriminators) {
		Assert.notNull(manager, "manager must not be null");
		Assert.notNull(discriminators, "discriminators must not be null");
		this.manager = manager;
		this.discriminators = discriminators;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public @Nullable Object intercept(WsConnection connection, WsMessage message, MessageChain chain) throws Exception {
		Discriminator discriminator = this.byRoute.computeIfAbsent(connection.endpoint(), this.discriminators);
		WsMessageAuthorizationContext context = new WsMessageAuthorizationContext(connection, message, discriminator);
		AuthorizationResult result = this.manager.authorize(() -> authentication(connection), context);
		if (result == null || !result.isGranted()) {
			throw new AuthorizationDeniedException("Access Denied", (result != null) ? result : ABSTAINED);
		}
		return chain.proceed(connection, message);
	}

	private static @Nullable Authentication authentication(WsConnection connection) {
		Principal principal = connection.principal();
		return (principal instanceof Authentication authentication) ? authentication : null;
	}

	@Override
	public String toString() {
		return "MessageAuthorizationInterceptor[" + this.manager + "]";
	}

}
