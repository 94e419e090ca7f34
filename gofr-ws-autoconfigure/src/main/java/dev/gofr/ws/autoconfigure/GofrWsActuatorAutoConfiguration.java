package dev.gofr.ws.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.gofr.ws.autoconfigure.actuate.WebSocketClientsHealthIndicator;
import dev.gofr.ws.autoconfigure.actuate.WebSocketClusterHealthIndicator;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpointProperties;
import dev.gofr.ws.autoconfigure.actuate.WebSocketHealthIndicator;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.RoomPresence;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.server.GracefulShutdown;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code websocket} Actuator endpoint and health contributor of a node that serves routes, and
 * the {@code websocketClients} health contributor of an application with reconnecting clients,
 * with Spring Boot Actuator on the class path.
 */
@AutoConfiguration(after = { GofrWsAutoConfiguration.class, GofrWsClientAutoConfiguration.class,
		GofrWsClusterAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
public final class GofrWsActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ConnectionRegistry.class)
	@ConditionalOnAvailableEndpoint(WebSocketEndpoint.class)
	@EnableConfigurationProperties(WebSocketEndpointProperties.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebSocketEndpoint gofrWsWebSocketEndpoint(ConnectionRegistry registry, Rooms rooms,
				WebSocketEndpointProperties properties, ObjectProvider<ReconnectingClient> clients,
				ObjectProvider<ClusterNodes> clusterNodes, ObjectProvider<RoomPresence> presence) {
			return new WebSocketEndpoint(registry, rooms, properties.getShowValues(), properties.getRoles(),
					() -> clients.orderedStream().toList(), clusterNodes.getIfAvailable(), presence.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ConnectionRegistry.class)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("websocket")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "websocketHealthIndicator")
		WebSocketHealthIndicator websocketHealthIndicator(ConnectionRegistry registry, GracefulShutdown shutdown) {
			return new WebSocketHealthIndicator(registry, shutdown);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean({ ConnectionRegistry.class, ClusterRelay.class })
	@ConditionalOnEnabledHealthIndicator("websocket-cluster")
	static class ClusterHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "websocketClusterHealthIndicator")
		WebSocketClusterHealthIndicator websocketClusterHealthIndicator(ClusterRelay relay, ClusterNodes nodes) {
			return new WebSocketClusterHealthIndicator(relay, nodes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean(ReconnectingClient.class)
	@ConditionalOnEnabledHealthIndicator("websocket-clients")
	@EnableConfigurationProperties(GofrWsProperties.class)
	static class ClientsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "websocketClientsHealthIndicator")
		WebSocketClientsHealthIndicator websocketClientsHealthIndicator(ObjectProvider<ReconnectingClient> clients,
				GofrWsProperties properties) {
			Set<String> required = properties.getClients()
				.entrySet()
				.stream()
				.filter((client) -> client.getValue().isRequired())
				.map(Map.Entry::getKey)
				.collect(Collectors.toSet());
			return new WebSocketClientsHealthIndicator(() -> clients.orderedStream().toList(), required);
		}

	}

}
