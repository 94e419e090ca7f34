package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.observation.HandshakeObservationInterceptor;
import dev.gofr.ws.observation.MessageObservationInterceptor;
import dev.gofr.ws.route.WsRoute;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GofrWsObservationAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(GofrWsAutoConfiguration.class, GofrWsObservationAutoConfiguration.class))
		.withUserConfiguration(Routes.class);

	@Test
	void observesHandshakesButNotMessagesByDefault() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).hasSingleBean(HandshakeObservationInterceptor.class)
				.doesNotHaveBean(MessageObservationInterceptor.class));
	}

	@Test
	void observesMessagesWhenAskedTo() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("gofr.ws.observation.messages=true")
			.run((context) -> assertThat(context).hasSingleBean(MessageObservationInterceptor.class));
	}

	@Test
	void handshakeObservationCanBeTurnedOff() {
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("gofr.ws.observation.handshakes=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HandshakeObservationInterceptor.class));
	}

	@Test
	void userInterceptorWins() {
		HandshakeObservationInterceptor own = new HandshakeObservationInterceptor(ObservationRegistry.NOOP, null,
				(handler) -> "mine");
		this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withBean(HandshakeObservationInterceptor.class, () -> own)
			.run((context) -> assertThat(context).getBean(HandshakeObservationInterceptor.class).isSameAs(own));
	}

	@Test
	void backsOffWithoutAnObservationRegistry() {
		this.runner.withPropertyValues("gofr.ws.observation.messages=true")
			.run((context) -> assertThat(context).doesNotHaveBean(HandshakeObservationInterceptor.class)
				.doesNotHaveBean(MessageObservationInterceptor.class));
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HandshakeObservationInterceptor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		WsRoute echoRoute() {
			return WsRoute.of("/ws/echo", (connection, message) -> message.payload());
		}

	}

}
