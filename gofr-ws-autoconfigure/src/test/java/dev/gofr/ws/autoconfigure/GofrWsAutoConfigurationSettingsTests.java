package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.history.HistorySettings;
import dev.gofr.ws.history.InMemoryHistory;
import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.limit.ConnectionLimits;
import dev.gofr.ws.limit.RateLimit;
import dev.gofr.ws.limit.RateLimitInterceptor;
import dev.gofr.ws.room.RoomLimits;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.send.OverflowPolicy;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.Routes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GofrWsAutoConfiguration}: the settings of the node and of each route (sizes,
 * send buffers, heartbeats, limits), and every value they refuse failing the startup with the
 * name of its property.
 */
class GofrWsAutoConfigurationSettingsTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GofrWsAutoConfiguration.class))
		.withUserConfiguration(RouteBeans.class);

	@Test
	void propertiesOverrideDefaults() {
		this.runner
			.withPropertyValues("gofr.ws.max-text-message-size=128KB", "gofr.ws.max-binary-message-size=1MB",
					"gofr.ws.send.buffer-limit=256KB", "gofr.ws.send.timeout=3s", "gofr.ws.send.overflow=drop-oldest",
					"gofr.ws.endpoints.chat.path=/chat/v2", "gofr.ws.shutdown.timeout=5s")
			.run((context) -> {
				Routes routes = context.getBean(Routes.class);
				RouteSettings settings = routes.find("chat").orElseThrow().settings();
				assertThat(settings.maxTextMessageSize()).isEqualTo(128 * 1024);
				assertThat(settings.maxBinaryMessageSize()).isEqualTo(1024 * 1024);
				assertThat(settings.send().bufferLimit()).isEqualTo(256 * 1024);
				assertThat(settings.send().timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.send().overflow()).isEqualTo(OverflowPolicy.DROP_OLDEST);
				assertThat(routes.path("chat")).isEqualTo("/chat/v2");
				assertThat(context.getBean(WebSocketHandlerMapping.class).getUrlMap()).containsKey("/chat/v2")
					.doesNotContainKey("/ws/chat");
			});
	}

	@Test
	void heartbeatDefaultsAndOverridesPerEndpoint() {
		this.runner
			.withPropertyValues("gofr.ws.heartbeat.ping-interval=10s", "gofr.ws.heartbeat.pong-wait=25s",
					"gofr.ws.endpoints.chat.heartbeat.enabled=false", "gofr.ws.endpoints.plain.heartbeat.ping-interval=2s",
					"gofr.ws.endpoints.plain.heartbeat.pong-wait=5s")
			.run((context) -> {
				Routes routes = context.getBean(Routes.class);
				assertThat(routes.find("echo").orElseThrow().settings().heartbeat())
					.isEqualTo(HeartbeatSettings.of(Duration.ofSeconds(10), Duration.ofSeconds(25)));
				assertThat(routes.find("chat").orElseThrow().settings().heartbeat().enabled()).isFalse();
				assertThat(routes.find("plain").orElseThrow().settings().heartbeat())
					.isEqualTo(HeartbeatSettings.of(Duration.ofSeconds(2), Duration.ofSeconds(5)));
			});
		this.runner.run((context) -> assertThat(
				context.getBean(Routes.class).find("echo").orElseThrow().settings().heartbeat())
			.isEqualTo(HeartbeatSettings.DEFAULTS));
	}

	@Test
	void aPongWaitShorterThanThePingIntervalFailsNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.heartbeat.ping-interval=30s", "gofr.ws.heartbeat.pong-wait=10s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("gofr.ws.heartbeat.pong-wait");
			});
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.heartbeat.pong-wait=5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.endpoints.chat.heartbeat.pong-wait");
		});
	}

	@Test
	void aRouteThatSetsTheDefaultValueStillReplacesTheNodesValue() {
		this.runner
			.withPropertyValues("gofr.ws.heartbeat.enabled=false", "gofr.ws.heartbeat.ping-interval=10s",
					"gofr.ws.heartbeat.pong-wait=25s", "gofr.ws.endpoints.chat.heartbeat.enabled=true",
					"gofr.ws.endpoints.chat.heartbeat.ping-interval=30s", "gofr.ws.endpoints.chat.heartbeat.pong-wait=60s",
					"gofr.ws.compression.enabled=true", "gofr.ws.endpoints.chat.compression.enabled=false")
			.run((context) -> {
				Routes routes = context.getBean(Routes.class);
				assertThat(routes.find("chat").orElseThrow().settings().heartbeat()).isEqualTo(HeartbeatSettings.DEFAULTS);
				assertThat(routes.find("echo").orElseThrow().settings().heartbeat().enabled()).isFalse();
				GofrWsProperties properties = context.getBean(GofrWsProperties.class);
				assertThat(RouteFactory.compression(properties, "chat")).isFalse();
				assertThat(RouteFactory.compression(properties, "echo")).isTrue();
			});
	}

	@Test
	void rateLimitsComeFirstInTheChainAndFallBackToTheGlobalSettings() {
		this.runner.withPropertyValues("gofr.ws.limits.message-rate=5", "gofr.ws.endpoints.chat.limits.message-rate=0",
				"gofr.ws.endpoints.plain.limits.message-rate=2.5", "gofr.ws.endpoints.plain.limits.message-burst=10",
				"gofr.ws.endpoints.plain.limits.on-rate-exceeded=close")
			.run((context) -> {
				Routes routes = context.getBean(Routes.class);
				assertThat(routes.find("echo").orElseThrow().interceptors()).first()
					.isInstanceOfSatisfying(RateLimitInterceptor.class, (limit) -> assertThat(limit.limit())
						.isEqualTo(new RateLimit(5, 5, RateLimit.Action.REJECT)));
				assertThat(routes.find("chat").orElseThrow().interceptors()).isEmpty();
				assertThat(routes.find("plain").orElseThrow().interceptors()).first()
					.isInstanceOfSatisfying(RateLimitInterceptor.class, (limit) -> assertThat(limit.limit())
						.isEqualTo(new RateLimit(2.5, 10, RateLimit.Action.CLOSE)));
			});
	}

	@Test
	void connectionLimitsOfTheNode() {
		this.runner.withPropertyValues("gofr.ws.limits.max-connections=100", "gofr.ws.limits.max-connections-per-ip=3",
				"gofr.ws.limits.connection-throttle=10ms")
			.run((context) -> assertThat(context.getBean(ConnectionLimiter.class).limits())
				.isEqualTo(new ConnectionLimits(100, 3, Duration.ofMillis(10), 100)));
		this.runner.withPropertyValues("gofr.ws.limits.connection-throttle=10ms",
				"gofr.ws.limits.connection-throttle-burst=7")
			.run((context) -> assertThat(context.getBean(ConnectionLimiter.class).limits())
				.isEqualTo(new ConnectionLimits(0, 0, Duration.ofMillis(10), 7)));
	}

	@Test
	void roomLimitsOfTheNode() {
		this.runner.run((context) -> assertThat(context.getBean(Rooms.class).limits()).isEqualTo(RoomLimits.DEFAULTS));
		this.runner.withPropertyValues("gofr.ws.limits.max-rooms-per-connection=0", "gofr.ws.limits.max-rooms=1000")
			.run((context) -> assertThat(context.getBean(Rooms.class).limits()).isEqualTo(new RoomLimits(0, 1000)));
	}

	@Test
	void historyIsOffUnlessEnabledAndARouteKeepsItsOwnRoomsBeforeTheNodesRule() {
		this.runner.run((context) -> assertThat(context.getBean(History.class)).isSameAs(History.NONE));
		this.runner.withPropertyValues("gofr.ws.history.enabled=true")
			.run((context) -> assertThat(context.getBean(History.class).rules())
				.isEqualTo(HistoryRules.of(new HistorySettings(List.of("*"), 100, Duration.ofMinutes(5)))));
		this.runner
			.withPropertyValues("gofr.ws.history.enabled=true", "gofr.ws.history.ttl=2m",
					"gofr.ws.endpoints.chat.history.rooms=chat-*", "gofr.ws.endpoints.chat.history.size=500",
					"gofr.ws.endpoints.plain.heartbeat.enabled=false")
			.run((context) -> assertThat(context.getBean(History.class).rules()).isEqualTo(HistoryRules.of(
					new HistorySettings(List.of("chat-*"), 500, Duration.ofMinutes(2)),
					new HistorySettings(List.of("*"), 100, Duration.ofMinutes(2)))));
		this.runner
			.withPropertyValues("gofr.ws.endpoints.echo.history.enabled=true", "gofr.ws.endpoints.echo.history.rooms=ticks-*",
					"gofr.ws.endpoints.echo.history.ttl=30s", "gofr.ws.endpoints.chat.history.rooms=ignored-*")
			.run((context) -> {
				History history = context.getBean(History.class);
				assertThat(history).isInstanceOf(InMemoryHistory.class);
				assertThat(history.rules()).as("chat's rule is off as the node's history is")
					.isEqualTo(HistoryRules.of(new HistorySettings(List.of("ticks-*"), 100, Duration.ofSeconds(30))));
			});
		this.runner.withPropertyValues("gofr.ws.history.enabled=true", "gofr.ws.endpoints.chat.history.size=10")
			.run((context) -> {
				assertThat(context).as("a route's rule for every room would replace the node's").hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("gofr.ws.endpoints.chat.history.rooms");
			});
	}

	@Test
	void negativeLimitsFailNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.limits.max-connections=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gofr.ws.limits.max-connections");
		});
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.limits.message-rate=-2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.endpoints.chat.limits.message-rate");
		});
		this.runner.withPropertyValues("gofr.ws.limits.message-rate=5", "gofr.ws.limits.message-burst=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gofr.ws.limits.message-burst");
			});
	}

	@Test
	void endpointSettingsForAnUnknownRouteFailNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.endpoints.chta.path=/x").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("gofr.ws.endpoints.chta")
				.hasMessageContaining("[chat, echo, plain]");
		});
	}

	@Test
	void nonPositiveSizesFailNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.max-text-message-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.max-text-message-size");
		});
		this.runner.withPropertyValues("gofr.ws.send.timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gofr.ws.send.timeout");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			gofr.ws.send.buffer-limit=0                        | gofr.ws.send.buffer-limit          | Must be positive.
			gofr.ws.max-binary-message-size=0                  | gofr.ws.max-binary-message-size    | Must be positive.
			gofr.ws.max-text-message-size=3GB                  | gofr.ws.max-text-message-size      | below 2GB
			gofr.ws.heartbeat.ping-interval=0s                 | gofr.ws.heartbeat.ping-interval    | Must be positive.
			gofr.ws.endpoints.plain.heartbeat.ping-interval=-1s | gofr.ws.endpoints.plain.heartbeat.ping-interval | Must be positive.
			gofr.ws.limits.max-connections-per-ip=-1           | gofr.ws.limits.max-connections-per-ip | 0 means no limit
			gofr.ws.limits.connection-throttle=-1s             | gofr.ws.limits.connection-throttle | 0 means none
			gofr.ws.limits.connection-throttle-burst=0         | gofr.ws.limits.connection-throttle-burst | Must be at least 1.
			gofr.ws.endpoints.chat.limits.connection-throttle-burst=-2 | gofr.ws.endpoints.chat.limits.connection-throttle-burst | Must be at least 1.
			gofr.ws.endpoints.chat.limits.max-connections=-3   | gofr.ws.endpoints.chat.limits.max-connections | 0 means no limit
			gofr.ws.endpoints.chat.limits.message-burst=0      | gofr.ws.endpoints.chat.limits.message-burst | Must be at least 1.
			gofr.ws.limits.max-rooms-per-connection=-1         | gofr.ws.limits.max-rooms-per-connection | Must be 0 (no limit) or more.
			gofr.ws.limits.max-rooms=-5                        | gofr.ws.limits.max-rooms           | Must be 0 (no limit) or more.
			gofr.ws.history.size=0                             | gofr.ws.history.size               | Must be at least 1.
			gofr.ws.endpoints.chat.history.ttl=0s              | gofr.ws.endpoints.chat.history.ttl | Must be positive.
			""")
	void everyValueTheSettingsRefuseFailsNamingItsProperty(String property, String named, String problem) {
		this.runner.withPropertyValues(property, "gofr.ws.limits.message-rate=10").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property " + named + " with value")
				.hasMessageContaining(problem);
		});
	}

}
