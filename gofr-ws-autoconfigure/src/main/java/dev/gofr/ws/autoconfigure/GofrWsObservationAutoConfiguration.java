package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.observation.HandshakeObservationConvention;
import dev.gofr.ws.observation.HandshakeObservationInterceptor;
import dev.gofr.ws.observation.MessageObservationConvention;
import dev.gofr.ws.observation.MessageObservationInterceptor;
import dev.gofr.ws.server.RouteWebSocketHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer Observations of handshakes (on by default) and handled messages (opt-in with
 * {@code gofr.ws.observation.messages}), when the application has an {@link ObservationRegistry}
 * (as it does with Spring Boot Actuator). Conventions are replaced by declaring a
 * {@link HandshakeObservationConvention} or {@link MessageObservationConvention} bean.
 */
@AutoConfiguration(before = GofrWsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "gofr.ws.enabled", matchIfMissing = true)
public final class GofrWsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "gofr.ws.observation.handshakes", matchIfMissing = true)
	HandshakeObservationInterceptor gofrWsHandshakeObservation(ObservationRegistry registry,
			ObjectProvider<HandshakeObservationConvention> convention) {
		return new HandshakeObservationInterceptor(registry, convention.getIfAvailable(),
				RouteWebSocketHandler::nameOf);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "gofr.ws.observation.messages")
	MessageObservationInterceptor gofrWsMessageObservation(ObservationRegistry registry,
			ObjectProvider<MessageObservationConvention> convention) {
		return new MessageObservationInterceptor(registry, convention.getIfAvailable());
	}

}
