package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.autoconfigure.GofrWsProperties.Security.OnAccessDenied;
import dev.gofr.ws.controller.ControllerHandler;
import dev.gofr.ws.controller.Discriminator;
import dev.gofr.ws.security.CredentialExpiry;
import dev.gofr.ws.security.MessageAuthorizationInterceptor;
import dev.gofr.ws.security.SpringConnectionSecurity;
import dev.gofr.ws.security.WsMessageAuthorizationContext;
import dev.gofr.ws.server.ConnectionSecurity;
import dev.gofr.ws.server.Routes;
import dev.gofr.ws.time.Ticker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Spring Security after the handshake, when it is on the class path and
 * {@code gofr.ws.security.enabled} is not {@code false}: the {@link SpringConnectionSecurity}
 * that runs each connection's messages with its {@code Authentication} in the
 * {@code SecurityContextHolder} and closes the connections whose credentials expire or whose HTTP
 * session login ends (with the {@link CredentialExpiry} of OAuth 2.0 tokens when
 * spring-security-oauth2-core is present), and, when the application declares an
 * {@code AuthorizationManager<WsMessageAuthorizationContext>} bean, the
 * {@link MessageAuthorizationInterceptor} that authorizes every message with it.
 */
@AutoConfiguration(after = GofrWsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebSocketHandler.class, SecurityContextHolder.class })
@ConditionalOnBooleanProperty(name = { "gofr.ws.enabled", "gofr.ws.security.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(GofrWsProperties.class)
public final class GofrWsSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ConnectionSecurity.class)
	SpringConnectionSecurity gofrWsConnectionSecurity(GofrWsProperties properties, Ticker ticker,
			ObjectProvider<CredentialExpiry> expiries, ObjectProvider<SecurityContextHolderStrategy> strategy) {
		GofrWsProperties.Security security = properties.getSecurity();
		return SpringConnectionSecurity.builder(ticker)
			.contextHolderStrategy(strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy))
			.credentialExpiry(expiries.orderedStream().toList())
			.closeOnExpiry(security.isCloseOnExpiry())
			.closeOnDenial(security.getOnAccessDenied() == OnAccessDenied.CLOSE)
			.build();
	}

	/**
	 * The application's message authorization rules in front of every route's handler, each
	 * route's messages typed by its discriminator (an annotated controller's own, {@code type}
	 * elsewhere).
	 * @param manager the application's rules
	 * @param routes the node's routes, asked on the first message of each route
	 * @return the interceptor
	 */
	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnMessageAuthorizationManager.class)
	MessageAuthorizationInterceptor gofrWsMessageAuthorization(
			ObjectProvider<AuthorizationManager<WsMessageAuthorizationContext>> manager, ObjectProvider<Routes> routes) {
		return new MessageAuthorizationInterceptor(manager.getObject(),
				(route) -> discriminatorOf(routes.getObject(), route));
	}

	private static Discriminator discriminatorOf(Routes routes, String route) {
		return routes.find(route)
			.map((handler) -> handler.route().handler())
			.filter(ControllerHandler.class::isInstance)
			.map((handler) -> ((ControllerHandler) handler).discriminator())
			.orElseGet(() -> new Discriminator(Discriminator.DEFAULT_FIELD));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractOAuth2Token.class)
	static class OAuth2TokenExpiryConfiguration {

		@Bean
		CredentialExpiry gofrWsOAuth2TokenExpiry() {
			return new OAuth2TokenExpiry();
		}

	}

	/**
	 * Matches when the application declares an
	 * {@code AuthorizationManager<WsMessageAuthorizationContext>} bean (the generic type is what
	 * tells it from its other authorization managers).
	 */
	static final class OnMessageAuthorizationManager extends SpringBootCondition {

		private static final ResolvableType TYPE = ResolvableType.forClassWithGenerics(AuthorizationManager.class,
				WsMessageAuthorizationContext.class);

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage
				.forCondition("AuthorizationManager<WsMessageAuthorizationContext> bean");
			String[] names = (context.getBeanFactory() != null)
					? context.getBeanFactory().getBeanNamesForType(TYPE, true, false) : new String[0];
			return (names.length > 0) ? ConditionOutcome.match(message.found("bean", "beans").items((Object[]) names))
					: ConditionOutcome.noMatch(message.didNotFind("bean").atAll());
		}

	}

}
