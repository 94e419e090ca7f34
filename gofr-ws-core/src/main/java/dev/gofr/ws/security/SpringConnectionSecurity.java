package dev.gofr.ws.security;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.server.ConnectionSecurity;
import dev.gofr.ws.server.ConnectionUser;
import dev.gofr.ws.time.Ticker;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.Assert;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Spring Security for a node's connections after the handshake. A connection whose principal is
 * an {@link Authentication} (the one Spring Security's filter chain established for the
 * handshake, or the one a {@code HandshakeAuthenticator} returned) gets a {@link SecurityContext}
 * holding it, made once, which is in the {@code SecurityContextHolder} while its interceptors,
 * its handler and their callbacks run, so that method security ({@code @PreAuthorize}) sees the
 * user; the thread's previous context is restored after. A connection without one costs nothing.
 * <p>
 * With {@linkplain Builder#closeOnExpiry closing on expiry} (the default), a connection whose
 * credentials expire ({@link CredentialExpiry}, such as a JWT's {@code exp}) is closed with 1008
 * {@code "Credentials expired"}, and one opened under an HTTP session login that ended (logout,
 * invalidation, timeout) with 1008 {@code "Session ended"}, at the sweeper's first tick after:
 * no timer per connection. {@link dev.gofr.ws.connection.WsConnection#authenticate} replaces a
 * connection's authentication, and with it the expiry.
 * <p>
 * Immutable and safe to share; built with {@link #builder(Ticker)}.
 */
public final class SpringConnectionSecurity implements ConnectionSecurity {

	/**
	 * The session attribute Spring Security keeps a login's security context in, by default
	 * ({@code HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY}).
	 */
	public static final String DEFAULT_SESSION_ATTRIBUTE = "SPRING_SECURITY_CONTEXT";

	private final SecurityContextHolderStrategy strategy;

	private final List<CredentialExpiry> expiries;

	private final boolean closeOnExpiry;

	private final boolean closeOnDenial;

	private final Ticker ticker;

	private final Clock clock;

	private final String sessionAttribute;

	private SpringConnectionSecurity(Builder builder) {
		this.strategy = builder.strategy;
		this.expiries = List.copyOf(builder.expiries);
		this.closeOnExpiry = builder.closeOnExpiry;
		this.closeOnDenial = builder.closeOnDenial;
		this.ticker = builder.ticker;
		this.clock = builder.clock;
		this.sessionAttribute = builder.sessionAttribute;
	}

	/**
	 * A builder, for a node whose time is the given ticker.
	 * @param ticker the node's ticker, which the sweeper reads
	 * @return the builder
	 */
	public static Builder builder(Ticker ticker) {
		return new Builder(ticker);
	}

	/**
	 * The HTTP session capture, when sessions are watched (closing on expiry is on).
	 */
	@Override
	public @Nullable HandshakeInterceptor handshakeInterceptor() {
		return this.closeOnExpiry ? new SessionCapture() : null;
	}

	@Override
	public @Nullable ConnectionUser opened(@Nullable Principal principal, Map<String, Object> attributes) {
		// present only where SessionCapture put it, in attributes it could change
		Object session = attributes.containsKey(SessionCapture.ATTRIBUTE) ? attributes.remove(SessionCapture.ATTRIBUTE)
				: null;
		if (!(principal instanceof Authentication authentication)) {
			return null;
		}
		SessionLogin login = (this.closeOnExpiry && session instanceof HttpSession httpSession)
				? SessionLogin.of(httpSession, this.sessionAttribute, authentication) : null;
		return user(authentication, login);
	}

	@Override
	public ConnectionUser authenticated(@Nullable ConnectionUser current, Principal principal) {
		Assert.notNull(principal, "principal must not be null");
		if (!(principal instanceof Authentication authentication)) {
			return ConnectionUser.of(principal);
		}
		AuthenticatedUser previous = (current instanceof AuthenticatedUser user) ? user : null;
		AuthenticatedUser next = user(authentication, (previous != null) ? previous.sessionLogin() : null);
		if (previous != null) {
			previous.handOver(next);
		}
		return next;
	}

	@Override
	public boolean closesOnDenial() {
		return this.closeOnDenial;
	}

	private AuthenticatedUser user(Authentication authentication, @Nullable SessionLogin login) {
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(authentication);
		Instant expiresAt = this.closeOnExpiry ? expiresAt(authentication) : null;
		long expiresAtNanos = (expiresAt != null) ? nanosUntil(expiresAt) : 0;
		return new AuthenticatedUser(context, this.strategy, expiresAt != null, expiresAtNanos, login);
	}

	/**
	 * The earliest expiry any strategy knows of.
	 */
	private @Nullable Instant expiresAt(Authentication authentication) {
		Instant earliest = null;
		for (CredentialExpiry expiry : this.expiries) {
			Instant instant = expiry.expiresAt(authentication);
			if (instant != null && (earliest == null || instant.isBefore(earliest))) {
				earliest = instant;
			}
		}
		return earliest;
	}

	/**
	 * A wall-clock instant as a time on the node's ticker, which the sweeper reads: a connection
	 * lives on monotonic time, whatever the wall clock does later.
	 */
	private long nanosUntil(Instant instant) {
		Duration left = Duration.between(this.clock.instant(), instant);
		long now = this.ticker.nanos();
		if (left.isNegative()) {
			return now;
		}
		long nanos = (left.compareTo(Duration.ofDays(36500)) > 0) ? Duration.ofDays(36500).toNanos() : left.toNanos();
		return now + nanos;
	}

	@Override
	public String toString() {
		return "SpringConnectionSecurity[closeOnExpiry=" + this.closeOnExpiry + ", closeOnDenial=" + this.closeOnDenial
				+ ", expiries=" + this.expiries + "]";
	}

	/**
	 * Builds a {@link SpringConnectionSecurity}.
	 */
	public static final class Builder {

		private final Ticker ticker;

		private SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

		private final List<CredentialExpiry> expiries = new ArrayList<>();

		private boolean closeOnExpiry = true;

		private boolean closeOnDenial;

		private Clock clock = Clock.systemUTC();

		private String sessionAttribute = DEFAULT_SESSION_ATTRIBUTE;

		private Builder(Ticker ticker) {
			Assert.notNull(ticker, "ticker must not be null");
			this.ticker = ticker;
		}

		/**
		 * The holder the security context is set in; by default the one
		 * {@code SecurityContextHolder} uses when the builder is made. Give the application's
		 * {@code SecurityContextHolderStrategy} bean, if it has one, as method security uses it.
		 * @param strategy the strategy
		 * @return this builder
		 */
		public Builder contextHolderStrategy(SecurityContextHolderStrategy strategy) {
			Assert.notNull(strategy, "strategy must not be null");
			this.strategy = strategy;
			return this;
		}

		/**
		 * Add strategies that say when credentials expire; the earliest instant counts.
		 * @param expiries the strategies
		 * @return this builder
		 */
		public Builder credentialExpiry(List<? extends CredentialExpiry> expiries) {
			this.expiries.addAll(expiries);
			return this;
		}

		/**
		 * Whether a connection is closed with 1008 when its credentials expire or the HTTP
		 * session login it was opened under ends; on by default.
		 * @param closeOnExpiry {@code false} to let connections outlive their credentials
		 * @return this builder
		 */
		public Builder closeOnExpiry(boolean closeOnExpiry) {
			this.closeOnExpiry = closeOnExpiry;
			return this;
		}

		/**
		 * Whether a message refused for lack of rights closes its connection with 1008, rather
		 * than being dropped with a {@code FORBIDDEN} (or {@code UNAUTHORIZED}) error frame; off by
		 * default.
		 * @param closeOnDenial {@code true} to close
		 * @return this builder
		 */
		public Builder closeOnDenial(boolean closeOnDenial) {
			this.closeOnDenial = closeOnDenial;
			return this;
		}

		/**
		 * The wall clock that expiry instants are read against when a connection opens or is
		 * authenticated again; the system's by default.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * The session attribute that holds a login's security context; Spring Security's default,
		 * {@value SpringConnectionSecurity#DEFAULT_SESSION_ATTRIBUTE}, unless the application changed it on its
		 * {@code HttpSessionSecurityContextRepository}.
		 * @param sessionAttribute the attribute's name
		 * @return this builder
		 */
		public Builder sessionAttribute(String sessionAttribute) {
			Assert.hasText(sessionAttribute, "sessionAttribute must not be empty");
			this.sessionAttribute = sessionAttribute;
			return this;
		}

		/**
		 * Build it.
		 * @return the security
		 */
		public SpringConnectionSecurity build() {
			return new SpringConnectionSecurity(this);
		}

	}

}
