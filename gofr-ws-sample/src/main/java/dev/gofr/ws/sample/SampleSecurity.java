package dev.gofr.ws.sample;

import dev.gofr.ws.security.WsMessageAuthorizationContext;
import dev.gofr.ws.security.WsMessageAuthorizationManager;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may do what in the sample. By default, nobody signs in and everything is open, as the
 * contract describes the sample. With the {@code secure} profile
 * ({@code --spring.profiles.active=secure}), the page asks for a login, a handshake without one is
 * refused with 401, {@code POST /api/notify} takes HTTP Basic credentials of an {@code ADMIN}, and
 * the chat's {@code broadcast} is for {@code ADMIN}s only (the others get a {@code FORBIDDEN}
 * error frame). The users are the demo users of {@code application-secure.yml}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleSecurity.Users.class)
public class SampleSecurity {

	/**
	 * The sample's users: none unless the {@code secure} profile names some.
	 * @param users the users from {@code sample.security.users}
	 * @return the users, with their passwords and roles
	 */
	@Bean
	InMemoryUserDetailsManager sampleUsers(Users users) {
		return new InMemoryUserDetailsManager(users.users().stream()
			.map((user) -> User.withUsername(user.name()).password(user.password()).roles(user.roles()).build())
			.toArray(UserDetails[]::new));
	}

	/**
	 * Everything open, as without Spring Security: no login, and no CSRF token asked of
	 * {@code POST /api/notify} or the Actuator's {@code DELETE}.
	 * @param http the filter chain's builder
	 * @return the filter chain
	 * @throws Exception when it cannot be built
	 */
	@Bean
	@Profile("!secure")
	SecurityFilterChain openChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * The {@code secure} profile's rules: the page behind a login form, the handshakes behind the
	 * login's session (401 without one: a WebSocket client cannot follow a redirect to a login
	 * page), the REST API behind HTTP Basic for {@code ADMIN}s, health open to probes.
	 * @param http the filter chain's builder
	 * @return the filter chain
	 * @throws Exception when it cannot be built
	 */
	@Bean
	@Profile("secure")
	SecurityFilterChain secureChain(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health/**")
				.permitAll()
				.requestMatchers("/api/**", "/actuator/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), paths.matcher("/ws/**")))
			// the REST API is called with HTTP Basic, which a cross-site form cannot send
			.csrf((csrf) -> csrf.ignoringRequestMatchers(paths.matcher("/api/**")))
			.build();
	}

	/**
	 * The {@code secure} profile's rule for chat messages: a {@code broadcast} reaches every chat
	 * connection, so it is for {@code ADMIN}s; any other message for whoever signed in.
	 * @return the rules, which gofr-ws checks before each message reaches its handler
	 */
	@Bean
	@Profile("secure")
	AuthorizationManager<WsMessageAuthorizationContext> chatRules() {
		return WsMessageAuthorizationManager.builder()
			.route("chat")
			.types("broadcast")
			.hasRole("ADMIN")
			.anyMessage()
			.authenticated()
			.build();
	}

	/**
	 * The sample's demo users.
	 * @param users the users, each with a name, a password (with its encoding, such as
	 * {@code {noop}secret}) and roles
	 */
	@ConfigurationProperties("sample.security")
	public record Users(java.util.List<DemoUser> users) {

		public Users {
			users = (users != null) ? java.util.List.copyOf(users) : java.util.List.of();
		}

		/**
		 * One demo user.
		 * @param name the user name
		 * @param password the password with its encoding prefix
		 * @param roles the roles, without {@code ROLE_}
		 */
		public record DemoUser(String name, String password, String... roles) {
		}

	}

}
