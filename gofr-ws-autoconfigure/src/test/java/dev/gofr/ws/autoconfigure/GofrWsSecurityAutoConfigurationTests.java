package dev.gofr.ws.autoconfigure;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.WsController;
import dev.gofr.ws.security.CredentialExpiry;
import dev.gofr.ws.security.MessageAuthorizationInterceptor;
import dev.gofr.ws.security.SpringConnectionSecurity;
import dev.gofr.ws.security.WsMessageAuthorizationContext;
import dev.gofr.ws.security.WsMessageAuthorizationManager;
import dev.gofr.ws.server.ConnectionSecurity;
import dev.gofr.ws.server.ConnectionUser;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.Routes;
import dev.gofr.ws.route.WsRoute;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GofrWsSecurityAutoConfiguration}.
 */
class GofrWsSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GofrWsAutoConfiguration.class, GofrWsSecurityAutoConfiguration.class))
		.withUserConfiguration(Chat.class);

	@Test
	void withSpringSecurityTheNodesConnectionsGetItsSecurity() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SpringConnectionSecurity.class)
				.doesNotHaveBean(MessageAuthorizationInterceptor.class);
			SpringConnectionSecurity security = context.getBean(SpringConnectionSecurity.class);
			assertThat(context.getBean(NodeServices.class).security()).isSameAs(security);
			assertThat(security.closesOnDenial()).isFalse();
			assertThat(security.handshakeInterceptor()).isNotNull();
			assertThat(lastHandshakeInterceptor(context.getBean(WebSocketHandlerMapping.class)).getClass())
				.isSameAs(security.handshakeInterceptor().getClass());
		});
	}

	@Test
	void theExpiryOfOAuth2TokensIsKnown() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CredentialExpiry.class);
			Instant exp = Instant.parse("2030-01-01T00:00:00Z");
			Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("alice").expiresAt(exp).build();
			assertThat(context.getBean(CredentialExpiry.class).expiresAt(new JwtAuthenticationToken(jwt))).isEqualTo(exp);
		});
	}

	@Test
	void theDenialPolicyAndTheExpiryAreProperties() {
		this.runner.withPropertyValues("gofr.ws.security.on-access-denied=close", "gofr.ws.security.close-on-expiry=false")
			.run((context) -> {
				SpringConnectionSecurity security = context.getBean(SpringConnectionSecurity.class);
				assertThat(security.closesOnDenial()).isTrue();
				assertThat(security.handshakeInterceptor()).isNull();
				assertThat(security.toString()).contains("closeOnExpiry=false");
			});
	}

	@Test
	void aBadDenialPolicyFailsNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.security.on-access-denied=shrug")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("gofr.ws.security.on-access-denied"));
	}

	@Test
	void securityCanBeTurnedOff() {
		this.runner.withPropertyValues("gofr.ws.security.enabled=false")
			.withUserConfiguration(Rules.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ConnectionSecurity.class)
					.doesNotHaveBean(MessageAuthorizationInterceptor.class);
				assertThat(context.getBean(NodeServices.class).security()).isNull();
			});
	}

	@Test
	void anAuthorizationManagerOfMessagesPutsTheRulesInFrontOfEveryRoute() {
		this.runner.withUserConfiguration(Rules.class).run((context) -> {
			MessageAuthorizationInterceptor interceptor = context.getBean(MessageAuthorizationInterceptor.class);
			assertThat(context.getBean(Routes.class).all())
				.allSatisfy((route) -> assertThat(route.interceptors()).contains(interceptor));
		});
	}

	@Test
	void anAuthorizationManagerDeclaredByItsInterfaceCountsToo() {
		this.runner.withUserConfiguration(InterfaceRules.class)
			.run((context) -> assertThat(context).hasSingleBean(MessageAuthorizationInterceptor.class));
	}

	@Test
	void anAuthorizationManagerOfSomethingElseDoesNot() {
		this.runner.withUserConfiguration(OtherRules.class)
			.run((context) -> assertThat(context).doesNotHaveBean(MessageAuthorizationInterceptor.class));
	}

	@Test
	void theApplicationsOwnSecurityWins() {
		this.runner.withUserConfiguration(OwnSecurity.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SpringConnectionSecurity.class);
			assertThat(context.getBean(NodeServices.class).security()).isSameAs(OwnSecurity.SECURITY);
		});
	}

	@Test
	void theApplicationsOwnExpiryCountsBesideTheOAuth2One() {
		this.runner.withBean("ownExpiry", CredentialExpiry.class, () -> (authentication) -> null)
			.run((context) -> assertThat(context.getBeansOfType(CredentialExpiry.class)).hasSize(2));
	}

	@Test
	void withoutSpringSecurityTheNodeHasNoSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionSecurity.class);
			assertThat(context.getBean(NodeServices.class).security()).isNull();
			assertThat(lastHandshakeInterceptor(context.getBean(WebSocketHandlerMapping.class)).getClass().getSimpleName())
				.isEqualTo("HandshakeCapture");
		});
	}

	@Test
	void withoutOAuth2TheConnectionsStillGetTheirSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader(AbstractOAuth2Token.class))
			.run((context) -> assertThat(context).hasSingleBean(SpringConnectionSecurity.class)
				.doesNotHaveBean(CredentialExpiry.class));
	}

	@Test
	void aControllersRouteIsServedWithTheRulesToo() {
		this.runner.withUserConfiguration(Rules.class, Controller.class)
			.run((context) -> assertThat(context.getBean(Routes.class).find("orders"))
				.hasValueSatisfying((route) -> assertThat(route.interceptors())
					.contains(context.getBean(MessageAuthorizationInterceptor.class))));
	}

	private static HandshakeInterceptor lastHandshakeInterceptor(WebSocketHandlerMapping mapping) {
		Map<String, ?> urls = mapping.getUrlMap();
		WebSocketHttpRequestHandler handler = (WebSocketHttpRequestHandler) urls.values().iterator().next();
		List<HandshakeInterceptor> interceptors = handler.getHandshakeInterceptors();
		return interceptors.get(interceptors.size() - 1);
	}

	@Configuration(proxyBeanMethods = false)
	static class Chat {

		@Bean
		WsRoute chatRoute() {
			return WsRoute.of("/ws/chat", (connection, message) -> message.payload());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		WsMessageAuthorizationManager messageRules() {
			return WsMessageAuthorizationManager.builder().anyMessage().authenticated().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceRules {

		@Bean
		AuthorizationManager<WsMessageAuthorizationContext> messageRules() {
			return SingleResultAuthorizationManager.permitAll();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherRules {

		@Bean
		AuthorizationManager<Object> otherRules() {
			return SingleResultAuthorizationManager.permitAll();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSecurity {

		static final ConnectionSecurity SECURITY = new ConnectionSecurity() {

			@Override
			public @Nullable ConnectionUser opened(@Nullable Principal principal, Map<String, Object> attributes) {
				return null;
			}

			@Override
			public ConnectionUser authenticated(@Nullable ConnectionUser current, Principal principal) {
				return ConnectionUser.of(principal);
			}

			@Override
			public boolean closesOnDenial() {
				return false;
			}

		};

		@Bean
		ConnectionSecurity ownSecurity() {
			return SECURITY;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Controller {

		@Bean
		Orders orders() {
			return new Orders();
		}

	}

	@WsController("/ws/orders")
	static class Orders {

		@OnMessage("place")
		String place() {
			return "placed";
		}

	}

}
