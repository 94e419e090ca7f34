package dev.gofr.ws.autoconfigure.security;

import dev.gofr.ws.route.WsRoute;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A form login in an HTTP session, as a browser application has it: the WebSocket handshake
 * carries the session cookie, and {@code /ws/**} needs a login. Its route answers each message
 * with the name of the user it runs as.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class LoginApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/ws/**").authenticated()
			.anyRequest()
			.permitAll()).formLogin(Customizer.withDefaults()).build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("CHAT").build(),
				User.withUsername("bob").password("{noop}secret").roles("CHAT").build());
	}

	@Bean
	WsRoute whoamiRoute() {
		return WsRoute.of("/ws/whoami", (connection, message) -> {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null) ? authentication.getName() : "nobody";
		});
	}

}
