package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.metrics.WsMetrics;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.server.Routes;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Micrometer meters of gofr-ws, when the application has a {@link MeterRegistry} (as it does
 * with Spring Boot Actuator).
 */
@AutoConfiguration(before = GofrWsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "gofr.ws.enabled", matchIfMissing = true)
public final class GofrWsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WsMetrics gofrWsMetrics(MeterRegistry registry, ConnectionRegistry connections, Rooms rooms) {
		return new WsMetrics(registry, connections, rooms);
	}

	/**
	 * Every route's series (tagged {@code endpoint} with its name) exist from startup, reading 0
	 * until connections come.
	 * @param metrics the meters
	 * @param routes the routes
	 * @return the callback that registers them once every singleton exists
	 */
	@Bean
	SmartInitializingSingleton gofrWsEndpointMeters(WsMetrics metrics, ObjectProvider<Routes> routes) {
		return () -> routes.ifAvailable((available) -> available.all()
			.forEach((route) -> metrics.registerEndpoint(route.name())));
	}

}
