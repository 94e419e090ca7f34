package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.cluster.ClusterMetrics;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.ClusterReceiver;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.cluster.RoomPresence;
import dev.gofr.ws.cluster.redis.RedisBroadcastRelay;
import dev.gofr.ws.cluster.redis.RedisClusterSubscription;
import dev.gofr.ws.cluster.redis.RedisHistory;
import dev.gofr.ws.cluster.redis.RedisRoomPresence;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Rooms and broadcast across nodes, with {@code gofr.ws.cluster.enabled=true}: broadcasts are
 * relayed through Redis pub/sub on the application's Spring Data Redis connection, and every node
 * publishes a heartbeat with its connection count. Off by default; while off, no Redis class is
 * loaded.
 */
@AutoConfiguration(before = GofrWsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketHandler.class)
@ConditionalOnBooleanProperty(name = "gofr.ws.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "gofr.ws.cluster.enabled")
@EnableConfigurationProperties(GofrWsProperties.class)
public final class GofrWsClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterNodes gofrWsClusterNodes(GofrWsProperties properties, ConnectionRegistry registry) {
		ClusterProperties cluster = properties.getCluster();
		if (cluster.getNodeTimeout().compareTo(cluster.getHeartbeatInterval()) <= 0) {
			// a live node would drop out between two of its heartbeats
			throw new InvalidConfigurationPropertyValueException("gofr.ws.cluster.node-timeout", cluster.getNodeTimeout(),
					"Must be longer than gofr.ws.cluster.heartbeat-interval (" + cluster.getHeartbeatInterval()
							+ "); three intervals or more is usual");
		}
		return new ClusterNodes(nodeId(cluster.getNodeId()), registry::count, cluster.getNodeTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterReceiver gofrWsClusterReceiver(Broadcaster broadcaster, ClusterNodes nodes) {
		return new ClusterReceiver(broadcaster, nodes);
	}

	/**
	 * A node id for a node that was given none: the host name where the platform sets one (a
	 * Kubernetes pod's name), and a random suffix so that restarts and copies never share one.
	 */
	static String nodeId(@Nullable String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String host = System.getenv("HOSTNAME");
		String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		return (host != null && !host.isBlank()) ? host + "-" + suffix : "node-" + suffix;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisConnectionFactory.class, RedisMessageListenerContainer.class })
	static class RedisRelayConfiguration {

		/** How long a recovering join waits for its marker to come back through Redis. */
		private static final Duration MARKER_WAIT = Duration.ofSeconds(2);

		@Bean
		@ConditionalOnMissingBean(ClusterRelay.class)
		RedisBroadcastRelay gofrWsClusterRelay(RedisConnectionFactory connectionFactory, GofrWsProperties properties,
				ClusterNodes nodes, ConnectionRegistry registry, ObjectProvider<RedisRoomPresence> presence) {
			ClusterProperties cluster = properties.getCluster();
			return new RedisBroadcastRelay(connectionFactory, cluster.getChannel(), nodes.self(), registry::count,
					cluster.getHeartbeatInterval(), cluster.getMaxPending(), presence.getIfAvailable());
		}

		/**
		 * Member counts of rooms across the cluster, reported with each node's heartbeat.
		 */
		@Bean
		@ConditionalOnMissingBean(RoomPresence.class)
		RedisRoomPresence gofrWsRoomPresence(RedisConnectionFactory connectionFactory, GofrWsProperties properties,
				ClusterNodes nodes, ObjectProvider<Rooms> rooms) {
			return new RedisRoomPresence(connectionFactory, properties.getCluster().getChannel(), nodes,
					() -> rooms.getObject().counts(), (room) -> rooms.getObject().count(room));
		}

		/**
		 * With history on, the rooms' histories in Redis Streams, so a client recovers on
		 * whichever node it comes back to.
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(RedisBroadcastRelay.class)
		History gofrWsHistory(RedisConnectionFactory connectionFactory, GofrWsProperties properties,
				ClusterNodes nodes, RedisBroadcastRelay relay) {
			HistoryRules rules = RouteFactory.historyRules(properties);
			return rules.isEmpty() ? History.NONE : new RedisHistory(connectionFactory,
					properties.getCluster().getChannel(), nodes.self(), rules, relay, MARKER_WAIT);
		}

		@Bean
		@ConditionalOnMissingBean
		RedisClusterSubscription gofrWsClusterSubscription(RedisConnectionFactory connectionFactory,
				ClusterReceiver receiver, GofrWsProperties properties, Rooms rooms, History history) {
			ClusterProperties cluster = properties.getCluster();
			return new RedisClusterSubscription(connectionFactory, cluster.getChannel(), receiver,
					cluster.getHeartbeatInterval(), rooms, (history instanceof RedisHistory shared) ? shared : null);
		}

	}

	/**
	 * Clustering was asked for without Spring Data Redis: say so at startup rather than run as
	 * separate nodes.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
	static class MissingRedisConfiguration {

		@Bean
		ClusterRelay gofrWsClusterRelay() {
			throw new InvalidConfigurationPropertyValueException("gofr.ws.cluster.enabled", true,
					"Clustering needs Spring Data Redis: add org.springframework.boot:spring-boot-starter-data-redis");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "gofrWsClusterMeters")
		MeterBinder gofrWsClusterMeters(ClusterRelay relay, ClusterReceiver receiver, ClusterNodes nodes) {
			return (registry) -> ClusterMetrics.bind(registry, relay, receiver, nodes);
		}

	}

}
