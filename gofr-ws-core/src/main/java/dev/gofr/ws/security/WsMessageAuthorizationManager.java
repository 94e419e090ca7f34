package dev.gofr.ws.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * Rules that authorize each message by route and type, tried in order: the first rule that
 * matches a message decides it, and a message no rule matches is denied. The WebSocket
 * counterpart of Spring Security's {@code MessageMatcherDelegatingAuthorizationManager} for
 * STOMP:
 *
 * <pre class="code">
 * &#64;Bean
 * AuthorizationManager&lt;WsMessageAuthorizationContext&gt; messageAuthorization() {
 *     return WsMessageAuthorizationManager.builder()
 *         .route("chat").types("broadcast").hasRole("MODERATOR")
 *         .route("chat").authenticated()
 *         .route("admin").hasRole("ADMIN")
 *         .anyMessage().denyAll()
 *         .build();
 * }
 * </pre>
 *
 * gofr-ws's auto-configuration puts such a bean in front of every route's handler as a
 * {@link MessageAuthorizationInterceptor}. Immutable.
 */
public final class WsMessageAuthorizationManager implements AuthorizationManager<WsMessageAuthorizationContext> {

	private final List<Rule> rules;

	private WsMessageAuthorizationManager(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	/**
	 * A builder of rules.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Decide a message by the first rule that matches it.
	 * @param authentication the user
	 * @param context the message
	 * @return the decision of the rule that matched, or {@code null} when none did (which the
	 * interceptor treats as a denial)
	 */
	@Override
	public @Nullable AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			WsMessageAuthorizationContext context) {
		for (Rule rule : this.rules) {
			if (rule.matcher().test(context)) {
				return rule.manager().authorize(authentication, context);
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "WsMessageAuthorizationManager" + this.rules;
	}

	/**
	 * One rule: which messages, and who may send them.
	 */
	private record Rule(Predicate<WsMessageAuthorizationContext> matcher, String messages,
			AuthorizationManager<WsMessageAuthorizationContext> manager) {

		@Override
		public String toString() {
			return this.messages + " -> " + this.manager;
		}

	}

	/**
	 * Builds a {@link WsMessageAuthorizationManager}: choose messages ({@link #route},
	 * {@link #types}, {@link #matching}, {@link #anyMessage}), then say who may send them.
	 */
	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Every message.
		 * @return the messages, to say who may send them
		 */
		public Constraint anyMessage() {
			return new Constraint((context) -> true, "any message");
		}

		/**
		 * The messages of the routes with these names, whatever their type.
		 * @param names the routes' names, as in {@code gofr.ws.endpoints.<name>}
		 * @return the messages, to narrow to {@link Constraint#types types} or to say who may send
		 * them
		 */
		public Constraint route(String... names) {
			Set<String> routes = Set.of(names);
			Assert.notEmpty(names, "Name at least one route");
			return new Constraint((context) -> routes.contains(context.route()), "route " + routes);
		}

		/**
		 * The messages of these types, on any route.
		 * @param types the values of the discriminator field, such as {@code broadcast}
		 * @return the messages, to say who may send them
		 */
		public Constraint types(String... types) {
			return anyMessage().types(types);
		}

		/**
		 * The messages a predicate accepts, such as binary messages
		 * ({@code (context) -> context.message().isBinary()}).
		 * @param matcher the predicate
		 * @param description what it matches, for {@link #toString()}
		 * @return the messages, to say who may send them
		 */
		public Constraint matching(Predicate<WsMessageAuthorizationContext> matcher, String description) {
			Assert.notNull(matcher, "matcher must not be null");
			return new Constraint(matcher, description);
		}

		/**
		 * The manager of the rules given so far, in their order.
		 * @return the manager
		 * @throws IllegalArgumentException when no rule was given
		 */
		public WsMessageAuthorizationManager build() {
			Assert.notEmpty(this.rules, "Give at least one rule, such as anyMessage().authenticated()");
			return new WsMessageAuthorizationManager(this.rules);
		}

		private static boolean hasType(WsMessageAuthorizationContext context, Set<String> types) {
			String type = context.type();
			return type != null && types.contains(type);
		}

		/**
		 * Messages chosen, waiting to be told who may send them.
		 */
		public final class Constraint {

			private final Predicate<WsMessageAuthorizationContext> matcher;

			private final String description;

			private Constraint(Predicate<WsMessageAuthorizationContext> matcher, String description) {
				this.matcher = matcher;
				this.description = description;
			}

			/**
			 * Only those of these types.
			 * @param types the values of the discriminator field, such as {@code broadcast}
			 * @return the narrower messages
			 */
			public Constraint types(String... types) {
				Assert.notEmpty(types, "Name at least one type");
				Set<String> accepted = Set.of(types);
				Predicate<WsMessageAuthorizationContext> matcher = this.matcher;
				return new Constraint((context) -> matcher.test(context) && hasType(context, accepted),
						this.description + " of type " + accepted);
			}

			/**
			 * Anyone may send them, authenticated or not.
			 * @return the builder
			 */
			public Builder permitAll() {
				return access(SingleResultAuthorizationManager.permitAll());
			}

			/**
			 * No one may send them.
			 * @return the builder
			 */
			public Builder denyAll() {
				return access(SingleResultAuthorizationManager.denyAll());
			}

			/**
			 * Any authenticated user (not anonymous) may send them.
			 * @return the builder
			 */
			public Builder authenticated() {
				return access(AuthenticatedAuthorizationManager.authenticated());
			}

			/**
			 * Users with a role may send them.
			 * @param role the role, without its {@code ROLE_} prefix
			 * @return the builder
			 */
			public Builder hasRole(String role) {
				return access(AuthorityAuthorizationManager.hasRole(role));
			}

			/**
			 * Users with any of these roles may send them.
			 * @param roles the roles, without their {@code ROLE_} prefix
			 * @return the builder
			 */
			public Builder hasAnyRole(String... roles) {
				return access(AuthorityAuthorizationManager.hasAnyRole(roles));
			}

			/**
			 * Users with an authority may send them, such as {@code SCOPE_chat.write} for a JWT's scope.
			 * @param authority the authority
			 * @return the builder
			 */
			public Builder hasAuthority(String authority) {
				return access(AuthorityAuthorizationManager.hasAuthority(authority));
			}

			/**
			 * Users with any of these authorities may send them.
			 * @param authorities the authorities
			 * @return the builder
			 */
			public Builder hasAnyAuthority(String... authorities) {
				return access(AuthorityAuthorizationManager.hasAnyAuthority(authorities));
			}

			/**
			 * An authorization manager of the application's decides them.
			 * @param manager the manager
			 * @return the builder
			 */
			public Builder access(AuthorizationManager<WsMessageAuthorizationContext> manager) {
				Assert.notNull(manager, "manager must not be null");
				Builder.this.rules.add(new Rule(this.matcher, this.description, manager));
				return Builder.this;
			}

		}

	}

}
