package dev.gofr.ws.autoconfigure.security;

import java.util.Map;

import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.security.WsMessageAuthorizationContext;
import dev.gofr.ws.security.WsMessageAuthorizationManager;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A resource server that takes a JWT at the handshake ({@code Authorization: Bearer}, or, as a
 * browser sends it, in {@code Sec-WebSocket-Protocol}), checked
 * against the tests' own key, with method security on. Two routes: {@code chat}, a handler that
 * calls a {@code @PreAuthorize} service, and {@code secure}, the {@link SecureController}. Message
 * rules: {@code broadcast} needs the scope {@code broadcast}, anything else an authenticated user.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
class JwtApplication {

	@Bean
	JwtDecoder jwtDecoder() {
		return NimbusJwtDecoder.withPublicKey(Tokens.publicKey()).build();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/ws/**").authenticated()
			.anyRequest()
			.denyAll()).oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())).build();
	}

	/**
	 * The token of a browser, which cannot set {@code Authorization}, in the subprotocols it
	 * offers; the header otherwise.
	 * @return the resolver
	 */
	@Bean
	BearerTokenResolver bearerTokenResolver() {
		DefaultBearerTokenResolver authorizationHeader = new DefaultBearerTokenResolver();
		return (request) -> {
			String protocols = request.getHeader("Sec-WebSocket-Protocol");
			if (protocols != null && protocols.startsWith("access_token,")) {
				return protocols.substring("access_token,".length()).trim();
			}
			return authorizationHeader.resolve(request);
		};
	}

	@Bean
	AuthorizationManager<WsMessageAuthorizationContext> messageAuthorization() {
		return WsMessageAuthorizationManager.builder()
			.types("broadcast").hasAuthority("SCOPE_broadcast")
			.anyMessage().authenticated()
			.build();
	}

	@Bean
	Greetings greetings() {
		return new Greetings();
	}

	@Bean
	WsRoute chatRoute(Greetings greetings) {
		return WsRoute.of("/ws/chat", (connection, message) -> switch (String.valueOf(message.bind(Map.class).get("type"))) {
			case "greet" -> greetings.greet();
			case "broadcast" -> "broadcast by " + name();
			default -> "said by " + name();
		}).withSubprotocols("access_token");
	}

	@Bean
	SecureController secureController(JwtDecoder jwtDecoder) {
		return new SecureController(new JwtAuthenticationProvider(jwtDecoder));
	}

	static String name() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "nobody";
	}

	/**
	 * A service with method security, called from a handler.
	 */
	static class Greetings {

		@PreAuthorize("hasAuthority('SCOPE_greet')")
		public String greet() {
			return "hello " + name();
		}

	}

}
