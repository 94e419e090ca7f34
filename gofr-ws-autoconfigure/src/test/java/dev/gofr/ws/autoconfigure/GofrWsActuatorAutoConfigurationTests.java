package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint;
import dev.gofr.ws.autoconfigure.actuate.WebSocketHealthIndicator;
import dev.gofr.ws.route.WsRoute;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GofrWsActuatorAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GofrWsAutoConfiguration.class, GofrWsActuatorAutoConfiguration.class))
		.withUserConfiguration(Routes.class);

	@Test
	void endpointAndHealthWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=websocket").run((context) -> {
			assertThat(context).hasSingleBean(WebSocketEndpoint.class).hasSingleBean(WebSocketHealthIndicator.class);
		});
	}

	@Test
	void noEndpointUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpoint.class)
			.hasSingleBean(WebSocketHealthIndicator.class));
	}

	@Test
	void healthCanBeTurnedOff() {
		this.runner.withPropertyValues("management.health.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketHealthIndicator.class));
	}

	@Test
	void backsOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=websocket")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpoint.class));
	}

	@Test
	void backsOffWhenGofrWsIsDisabled() {
		this.runner.withPropertyValues("gofr.ws.enabled=false", "management.endpoints.web.exposure.include=websocket")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpoint.class)
				.doesNotHaveBean(WebSocketHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		WsRoute echoRoute() {
			return WsRoute.of("/ws/echo", (connection, message) -> message.payload());
		}

	}

}
