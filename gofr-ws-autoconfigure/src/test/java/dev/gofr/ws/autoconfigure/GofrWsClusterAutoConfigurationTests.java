package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.cluster.ClusterMetrics;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.ClusterReceiver;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.cluster.redis.RedisBroadcastRelay;
import dev.gofr.ws.cluster.redis.RedisClusterSubscription;
import dev.gofr.ws.cluster.redis.RedisHistory;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.history.HistorySettings;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.OutboundFrame;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GofrWsClusterAutoConfigurationTests {

	/** Nothing listens there: the tests need no Redis, and the relay finds it unreachable. */
	private static final String NO_REDIS = "spring.data.redis.port=1";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, GofrWsClusterAutoConfiguration.class,
				GofrWsAutoConfiguration.class))
		.withUserConfiguration(Routes.class)
		.withPropertyValues(NO_REDIS, "spring.data.redis.timeout=200ms");

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(Broadcaster.class)
			.doesNotHaveBean(ClusterRelay.class)
			.doesNotHaveBean(ClusterNodes.class)
			.doesNotHaveBean(ClusterReceiver.class)
			.doesNotHaveBean(RedisClusterSubscription.class));
	}

	@Test
	void offNeedsNoRedisOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withConfiguration(AutoConfigurations.of(GofrWsClusterAutoConfiguration.class, GofrWsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Broadcaster.class)
				.doesNotHaveBean(ClusterRelay.class));
	}

	@Test
	void onWithoutSpringDataRedisFailsAtStartupSayingWhatIsMissing() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GofrWsClusterAutoConfiguration.class, GofrWsAutoConfiguration.class))
			.withUserConfiguration(Routes.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("gofr.ws.cluster.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void onWithRedisRelaysThroughTheApplicationsConnection() {
		this.runner.withPropertyValues("gofr.ws.cluster.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(RedisBroadcastRelay.class)
				.hasSingleBean(ClusterNodes.class)
				.hasSingleBean(ClusterReceiver.class)
				.hasSingleBean(RedisClusterSubscription.class);
			assertThat(context.getBean(RedisClusterSubscription.class).isRunning()).as("started without Redis").isTrue();
			RedisBroadcastRelay relay = context.getBean(RedisBroadcastRelay.class);
			assertThat(relay.isRunning()).isTrue();
			assertThat(relay.nodeId()).isEqualTo(context.getBean(ClusterNodes.class).self()).isNotBlank();
			assertThat(context.getBean(ClusterNodes.class).timeout()).isEqualTo(Duration.ofSeconds(15));
		});
	}

	@Test
	void propertiesNameTheNodeAndBoundTheDeadNodes() {
		this.runner
			.withPropertyValues("gofr.ws.cluster.enabled=true", "gofr.ws.cluster.node-id=eu-1",
					"gofr.ws.cluster.node-timeout=40s", "gofr.ws.cluster.channel=other")
			.run((context) -> {
				assertThat(context.getBean(ClusterRelay.class).nodeId()).isEqualTo("eu-1");
				assertThat(context.getBean(ClusterNodes.class).timeout()).isEqualTo(Duration.ofSeconds(40));
				assertThat(context.getBean(GofrWsProperties.class).getCluster().getChannel()).isEqualTo("other");
			});
	}

	@Test
	void aNodeTimeoutNotLongerThanTheHeartbeatIntervalIsRefused() {
		this.runner
			.withPropertyValues("gofr.ws.cluster.enabled=true", "gofr.ws.cluster.heartbeat-interval=5s",
					"gofr.ws.cluster.node-timeout=5s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("gofr.ws.cluster.node-timeout"));
	}

	@Test
	void withHistoryOnTheRoomsKeepTheirHistoryInRedisWithTheRoutesRulesFirst() {
		this.runner.withPropertyValues("gofr.ws.cluster.enabled=true")
			.run((context) -> assertThat(context.getBean(History.class)).isSameAs(History.NONE));
		this.runner
			.withPropertyValues("gofr.ws.cluster.enabled=true", "gofr.ws.history.enabled=true",
					"gofr.ws.endpoints.echo.history.rooms=ticks-*", "gofr.ws.endpoints.echo.history.size=10")
			.run((context) -> {
				assertThat(context.getBean(History.class)).isInstanceOf(RedisHistory.class);
				assertThat(context.getBean(History.class).rules()).isEqualTo(HistoryRules.of(
						new HistorySettings(List.of("ticks-*"), 10, Duration.ofMinutes(5)),
						new HistorySettings(List.of("*"), 100, Duration.ofMinutes(5))));
			});
	}

	@Test
	void aUserRelayWinsAndTheBroadcasterUsesIt() {
		this.runner.withPropertyValues("gofr.ws.cluster.enabled=true")
			.withUserConfiguration(UserRelay.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisBroadcastRelay.class);
				context.getBean(Broadcaster.class).toRoom("lobby").send("hi");
				assertThat(context.getBean(RecordingRelay.class).last).isNotNull();
			});
	}

	@Test
	void relayMetersAreBoundToTheMeterRegistry() {
		this.runner.withPropertyValues("gofr.ws.cluster.enabled=true").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("gofrWsClusterMeters", MeterBinder.class).bindTo(registry);
			assertThat(registry.get(ClusterMetrics.PUBLISHED).functionCounter().count()).isZero();
			assertThat(registry.get(ClusterMetrics.DROPPED).tag("reason", "queue-full").functionCounter()).isNotNull();
			assertThat(registry.get(ClusterMetrics.NODES).gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void theNodeIdDefaultsToARandomOne() {
		assertThat(GofrWsClusterAutoConfiguration.nodeId("given")).isEqualTo("given");
		assertThat(GofrWsClusterAutoConfiguration.nodeId(null)).isNotEqualTo(GofrWsClusterAutoConfiguration.nodeId(null));
	}

	@Configuration(proxyBeanMethods = false)
	static class Routes {

		@Bean
		WsRoute echoRoute() {
			return WsRoute.of("/ws/echo", (connection, message) -> message.payload());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRelay {

		@Bean
		RecordingRelay userRelay() {
			return new RecordingRelay();
		}

	}

	static final class RecordingRelay implements ClusterRelay {

		volatile @Nullable Audience last;

		@Override
		public void relay(Audience audience, OutboundFrame frame) {
			this.last = audience;
		}

		@Override
		public String nodeId() {
			return "mine";
		}

		@Override
		public boolean isReachable() {
			return true;
		}

		@Override
		public @Nullable String lastError() {
			return null;
		}

		@Override
		public long published() {
			return 0;
		}

		@Override
		public long dropped(LossReason reason) {
			return 0;
		}

	}

}
