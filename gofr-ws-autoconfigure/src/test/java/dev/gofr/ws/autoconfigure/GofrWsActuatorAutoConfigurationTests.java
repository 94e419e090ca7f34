package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.autoconfigure.actuate.WebSocketClientsHealthIndicator;
import dev.gofr.ws.autoconfigure.actuate.WebSocketClusterHealthIndicator;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint;
import dev.gofr.ws.autoconfigure.actuate.WebSocketHealthIndicator;
import dev.gofr.ws.route.WsRoute;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
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

	@Test
	void clusterHealthAndTheClusterBlockWithClusteringOn() {
		this.runner
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, GofrWsClusterAutoConfiguration.class))
			.withPropertyValues("gofr.ws.cluster.enabled=true", "gofr.ws.cluster.node-id=n1", "spring.data.redis.port=1",
					"spring.data.redis.timeout=200ms", "management.endpoints.web.exposure.include=websocket")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketClusterHealthIndicator.class);
				WebSocketEndpoint.ClusterDescriptor cluster = context.getBean(WebSocketEndpoint.class)
					.websocket(SecurityContext.NONE, null, null, null)
					.cluster();
				assertThat(cluster).isNotNull();
				assertThat(cluster.node()).isEqualTo("n1");
				assertThat(cluster.nodes()).singleElement().satisfies((node) -> assertThat(node.self()).isTrue());
				assertThat(cluster.total()).isZero();
			});
	}

	@Test
	void noClusterHealthNorBlockWithClusteringOff() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=websocket").run((context) -> {
			assertThat(context).doesNotHaveBean(WebSocketClusterHealthIndicator.class);
			assertThat(context.getBean(WebSocketEndpoint.class).websocket(SecurityContext.NONE, null, null, null).cluster())
				.isNull();
		});
	}

	@Test
	void clientsHealthWithDeclaredClientsOnlyAndItsRequiredOnes() {
		this.runner.withConfiguration(AutoConfigurations.of(GofrWsClientAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketClientsHealthIndicator.class));
		this.runner.withConfiguration(AutoConfigurations.of(GofrWsClientAutoConfiguration.class))
			.withPropertyValues("gofr.ws.clients.feed.url=ws://127.0.0.1:1/feed", "gofr.ws.clients.feed.required=true",
					"gofr.ws.clients.audit.url=ws://127.0.0.1:1/audit")
			.run((context) -> {
				Health health = context.getBean("websocketClientsHealthIndicator", WebSocketClientsHealthIndicator.class)
					.health(true);
				assertThat(health.getStatus()).as("feed is required and not open").isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsOnlyKeys("audit", "feed");
			});
	}

	@Test
	void clientsHealthWithoutRoutesAndWithoutAWebServer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GofrWsClientAutoConfiguration.class,
					GofrWsActuatorAutoConfiguration.class))
			.withPropertyValues("gofr.ws.clients.feed.url=ws://127.0.0.1:1/feed")
			.run((context) -> assertThat(context).hasSingleBean(WebSocketClientsHealthIndicator.class)
				.doesNotHaveBean(WebSocketHealthIndicator.class)
				.doesNotHaveBean(WebSocketEndpoint.class));
	}

	@Test
	void clientsHealthCanBeTurnedOff() {
		this.runner.withConfiguration(AutoConfigurations.of(GofrWsClientAutoConfiguration.class))
			.withPropertyValues("gofr.ws.clients.feed.url=ws://127.0.0.1:1/feed",
					"management.health.websocket-clients.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketClientsHealthIndicator.class)
				.hasSingleBean(WebSocketHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		WsRoute echoRoute() {
			return WsRoute.of("/ws/echo", (connection, message) -> message.payload());
		}

	}

}
