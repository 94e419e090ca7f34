package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.HashMap;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.ControllerHandler;
import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.WsController;
import dev.gofr.ws.error.ErrorFrameFormat;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.handshake.HandshakeCapture;
import dev.gofr.ws.handshake.PrincipalHandshakeHandler;
import dev.gofr.ws.handshake.SubprotocolCheck;
import dev.gofr.ws.handshake.Subprotocols;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.limit.ConnectionLimits;
import dev.gofr.ws.limit.RateLimit;
import dev.gofr.ws.limit.RateLimitInterceptor;
import dev.gofr.ws.metrics.WsMetrics;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.RoomLimits;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.OverflowPolicy;
import dev.gofr.ws.server.ConnectionSweeper;
import dev.gofr.ws.server.GracefulShutdown;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.server.Routes;
import dev.gofr.ws.time.ManualTicker;
import dev.gofr.ws.time.Ticker;
import dev.gofr.ws.transport.ContainerUpgradeStrategy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GofrWsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GofrWsAutoConfiguration.class))
		.withUserConfiguration(RouteBeans.class);

	@Test
	void defaultsServeEveryRouteWithDefaultSettings() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ConnectionRegistry.class)
				.hasSingleBean(NodeServices.class)
				.hasSingleBean(GracefulShutdown.class)
				.hasSingleBean(ConnectionSweeper.class)
				.hasSingleBean(WebSocketHandlerMapping.class);
			assertThat(context.getBean(PayloadCodec.class)).isInstanceOf(JacksonPayloadCodec.class);
			assertThat(context.getBean(ErrorFrameFormat.class)).isInstanceOf(JsonErrorFrameFormat.class);
			Routes routes = context.getBean(Routes.class);
			assertThat(routes.all()).extracting(RouteWebSocketHandler::name).containsExactly("echo", "chat", "plain");
			assertThat(routes.path("echo")).isEqualTo("/ws/echo");
			RouteSettings settings = routes.find("echo").orElseThrow().settings();
			assertThat(settings.maxTextMessageSize()).isEqualTo(64 * 1024);
			assertThat(settings.maxBinaryMessageSize()).isEqualTo(64 * 1024);
			assertThat(settings.send().bufferLimit()).isEqualTo(1024 * 1024);
			assertThat(settings.send().timeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(settings.send().overflow()).isEqualTo(OverflowPolicy.CLOSE);
			assertThat(context.getBean(WebSocketHandlerMapping.class).getUrlMap()).containsOnlyKeys("/ws/echo",
					"/ws/chat", "/ws/plain");
		});
	}

	@Test
	void routeNamesComeFromExplicitNameHandlerBeanRouteBeanThenPath() {
		this.runner.run((context) -> {
			Routes routes = context.getBean(Routes.class);
			assertThat(routes.find("echo")).isPresent(); // explicit name
			assertThat(routes.find("chat")).isPresent(); // from the handler bean chatHandler
			assertThat(routes.find("plain")).isPresent(); // from the route bean plainRoute
		});
	}

	@Test
	void aHandlerWrittenAsANestedClassIsNamedAfterItsSimpleName() {
		// a nested @Component's bean is named "gofrWsAutoConfigurationTests.NewsHandler", as the
		// README's handler inside an application class is named "app.ChatHandler"
		this.runner.withUserConfiguration(NewsHandler.class, NewsRoute.class).run((context) -> {
			assertThat(context.getBeanNamesForType(NewsHandler.class))
				.containsExactly("gofrWsAutoConfigurationTests.NewsHandler");
			assertThat(context.getBean(Routes.class).find("news")).isPresent();
		});
	}

	@Test
	void twoHandshakeChainsOfTheApplicationFailTheStartup() {
		this.runner.withBean("one", HandshakeChain.class, () -> (route) -> java.util.List.of())
			.withBean("two", HandshakeChain.class, () -> (route) -> java.util.List.of())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("Only one HandshakeChain bean can decide the handshake checks; found 2");
			});
	}

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
				.isEqualTo(new ConnectionLimits(100, 3, Duration.ofMillis(10))));
	}

	@Test
	void roomLimitsOfTheNode() {
		this.runner.run((context) -> assertThat(context.getBean(Rooms.class).limits()).isEqualTo(RoomLimits.DEFAULTS));
		this.runner.withPropertyValues("gofr.ws.limits.max-rooms-per-connection=0", "gofr.ws.limits.max-rooms=1000")
			.run((context) -> assertThat(context.getBean(Rooms.class).limits()).isEqualTo(new RoomLimits(0, 1000)));
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
	void userBeansReplaceOurs() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(ConnectionRegistry.class)).isSameAs(UserBeans.REGISTRY);
			assertThat(context.getBean(ErrorFrameFormat.class)).isSameAs(UserBeans.ERROR_FORMAT);
			assertThat(context.getBean(PayloadCodec.class)).isSameAs(UserBeans.CODEC);
			assertThat(context.getBean(NodeServices.class).registry()).isSameAs(UserBeans.REGISTRY);
		});
	}

	@Test
	void timeIsTheSystemsMonotonicClockByDefault() {
		this.runner.run((context) -> {
			Ticker ticker = context.getBean(Ticker.class);
			long before = System.nanoTime();
			assertThat(ticker.nanos()).isBetween(before, System.nanoTime());
			assertThat(context.getBean(NodeServices.class).ticker()).isSameAs(ticker);
		});
	}

	@Test
	void aTickerOfTheApplicationsIsTheTimeThatConnectionsAndLimitsAreMeasuredOn() {
		this.runner.withUserConfiguration(ManualTime.class)
			.withPropertyValues("gofr.ws.limits.connection-throttle=1m")
			.run((context) -> {
				assertThat(context).hasSingleBean(Ticker.class);
				assertThat(context.getBean(NodeServices.class).ticker()).isSameAs(ManualTime.TICKER);
				ConnectionLimiter limiter = context.getBean(ConnectionLimiter.class);
				assertThat(handshake(limiter)).isTrue();
				assertThat(handshake(limiter)).as("within the throttle's minute").isFalse();
				ManualTime.TICKER.advance(Duration.ofMinutes(1));
				assertThat(handshake(limiter)).isTrue();
			});
	}

	private static boolean handshake(ConnectionLimiter limiter) {
		return limiter.beforeHandshake(new ServletServerHttpRequest(new MockHttpServletRequest("GET", "/ws/echo")),
				new ServletServerHttpResponse(new MockHttpServletResponse()), new TextWebSocketHandler(), new HashMap<>());
	}

	@Test
	void metersWhenTheApplicationHasAMeterRegistry() {
		this.runner.withConfiguration(AutoConfigurations.of(GofrWsMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(WsMetrics.class));
		this.runner.withConfiguration(AutoConfigurations.of(GofrWsMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WsMetrics.class));
		this.runner.withConfiguration(AutoConfigurations.of(GofrWsMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WsMetrics.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("gofr.ws.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(NodeServices.class)
				.doesNotHaveBean(ConnectionRegistry.class)
				.doesNotHaveBean(WebSocketHandlerMapping.class);
		});
	}

	@Test
	void shrinksTheContainersMessageBuffersUnlessTurnedOff() {
		this.runner.run((context) -> assertThat(context).hasBean("gofrWsContainerBuffers"));
		this.runner.withPropertyValues("gofr.ws.container.shrink-buffers=false")
			.run((context) -> assertThat(context).doesNotHaveBean("gofrWsContainerBuffers"));
	}

	@Test
	void backsOffOutsideAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GofrWsAutoConfiguration.class))
			.withUserConfiguration(RouteBeans.class)
			.run((context) -> assertThat(context).doesNotHaveBean(NodeServices.class));
	}

	@Test
	void withoutJacksonJsonSendsFailWithAClearMessage() {
		this.runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			PayloadCodec codec = context.getBean(PayloadCodec.class);
			assertThat(codec).isNotInstanceOf(JacksonPayloadCodec.class);
			assertThatThrownBy(() -> codec.encode(1)).isInstanceOf(WsException.class)
				.hasMessageContaining("No JSON library")
				.satisfies((ex) -> assertThat(((WsException) ex).code()).isEqualTo(WsErrorCode.INTERNAL));
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
			gofr.ws.endpoints.chat.limits.max-connections=-3   | gofr.ws.endpoints.chat.limits.max-connections | 0 means no limit
			gofr.ws.endpoints.chat.limits.message-burst=0      | gofr.ws.endpoints.chat.limits.message-burst | Must be at least 1.
			gofr.ws.limits.max-rooms-per-connection=-1         | gofr.ws.limits.max-rooms-per-connection | Must be 0 (no limit) or more.
			gofr.ws.limits.max-rooms=-5                        | gofr.ws.limits.max-rooms           | Must be 0 (no limit) or more.
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

	@Test
	void pathOverrideMustStartWithSlash() {
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.path=chat").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gofr.ws.endpoints.chat.path");
		});
	}

	@Test
	void aPathOverrideMayBeATemplate() {
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.path=/chat/{room}").run((context) -> {
			assertThat(context.getBean(Routes.class).path("chat")).isEqualTo("/chat/{room}");
			assertThat(context.getBean(WebSocketHandlerMapping.class).getUrlMap()).containsKey("/chat/{room}");
			assertThat(capture(context, "/chat/{room}")).hasToString("HandshakeCapture[/chat/{room}, headers=[]]");
		});
	}

	@Test
	void aMalformedPathTemplateFailsAtStartupNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.path=/chat/{room").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.endpoints.chat.path")
				.hasMessageContaining("not a valid path template");
		});
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.path=/chat/{*rest}").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.endpoints.chat.path")
				.hasMessageContaining("matches one segment");
		});
	}

	@Test
	void aMalformedPathTemplateInCodeFailsAtStartupNamingTheRoute() {
		this.runner.withUserConfiguration(MalformedRoute.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("roomsRoute")
				.hasStackTraceContaining("path /ws/rooms/{room is not a valid path template");
		});
	}

	@Test
	void everyRouteCapturesItsHandshakeLastKeepingNoHeaderByDefault() {
		this.runner.run((context) -> {
			assertThat(handshakeInterceptors(context, "/ws/chat")).last().isInstanceOf(HandshakeCapture.class);
			assertThat(capture(context, "/ws/chat").headerNames()).isEmpty();
		});
	}

	@Test
	void theHandshakeHeadersKeptAreTheNodesUnlessARouteSetsItsOwn() {
		this.runner
			.withPropertyValues("gofr.ws.handshake.headers=X-Tenant,X-Client",
					"gofr.ws.endpoints.echo.handshake.headers=X-Trace")
			.run((context) -> {
				assertThat(capture(context, "/ws/chat").headerNames()).containsExactly("X-Tenant", "X-Client");
				assertThat(capture(context, "/ws/echo").headerNames()).containsExactly("X-Trace");
			});
		this.runner.withPropertyValues("gofr.ws.endpoints.echo.handshake.headers=")
			.run((context) -> assertThat(capture(context, "/ws/echo").headerNames()).isEmpty());
	}

	@Test
	void aCustomHandshakeChainStillCapturesTheHandshake() {
		this.runner.withBean(HandshakeChain.class, () -> (route) -> java.util.List.of()).run((context) -> {
			assertThat(handshakeInterceptors(context, "/ws/chat")).singleElement().isInstanceOf(HandshakeCapture.class);
		});
	}

	@Test
	void aBlankHandshakeHeaderNameFailsNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.endpoints.echo.handshake.headers[0]= ").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.endpoints.echo.handshake.headers")
				.hasMessageContaining("must not be blank");
		});
	}

	@Test
	void twoRoutesOnOnePathFailAtStartup() {
		this.runner.withUserConfiguration(ClashingRoutes.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("share the path /ws/echo");
		});
	}

	@Test
	void noSubprotocolsAndNoCompressionByDefault() {
		this.runner.run((context) -> {
			assertThat(handshakeHandler(context, "/ws/chat").subprotocols()).isEqualTo(Subprotocols.NONE);
			assertThat(upgradeStrategy(context, "/ws/chat").isCompression()).isFalse();
			assertThat(handshakeInterceptors(context, "/ws/chat")).noneMatch(SubprotocolCheck.class::isInstance);
		});
	}

	@Test
	void subprotocolsFromPropertiesReplaceThoseOfTheRoute() {
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.subprotocols=chat.v2,chat.v1",
				"gofr.ws.endpoints.chat.require-subprotocol=true")
			.run((context) -> {
				Subprotocols chat = new Subprotocols(java.util.List.of("chat.v2", "chat.v1"), true);
				assertThat(context.getBean(Routes.class).find("chat").orElseThrow().route().subprotocols())
					.isEqualTo(chat);
				assertThat(handshakeHandler(context, "/ws/chat").subprotocols()).isEqualTo(chat);
				assertThat(handshakeInterceptors(context, "/ws/chat")).anyMatch(SubprotocolCheck.class::isInstance);
				// the route in code says v1 only; no property touches it
				assertThat(handshakeHandler(context, "/ws/plain").subprotocols())
					.isEqualTo(new Subprotocols(java.util.List.of("plain.v1"), false));
			});
		this.runner.withPropertyValues("gofr.ws.endpoints.plain.require-subprotocol=true")
			.run((context) -> assertThat(handshakeHandler(context, "/ws/plain").subprotocols())
				.isEqualTo(new Subprotocols(java.util.List.of("plain.v1"), true)));
	}

	@Test
	void requiringASubprotocolWithoutAnyFailsNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.require-subprotocol=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("gofr.ws.endpoints.chat.require-subprotocol");
		});
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.subprotocols=chat v2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("gofr.ws.endpoints.chat.subprotocols");
		});
	}

	@Test
	void compressionIsGlobalWithOverridesPerEndpoint() {
		this.runner.withPropertyValues("gofr.ws.compression.enabled=true",
				"gofr.ws.endpoints.echo.compression.enabled=false")
			.run((context) -> {
				assertThat(upgradeStrategy(context, "/ws/chat").isCompression()).isTrue();
				assertThat(upgradeStrategy(context, "/ws/echo").isCompression()).isFalse();
			});
		this.runner.withPropertyValues("gofr.ws.endpoints.echo.compression.enabled=true").run((context) -> {
			assertThat(upgradeStrategy(context, "/ws/chat").isCompression()).isFalse();
			assertThat(upgradeStrategy(context, "/ws/echo").isCompression()).isTrue();
		});
	}

	@Test
	void aControllerBeanIsARouteNamedAfterItsBeanWithTheRoutesSettings() {
		this.runner.withUserConfiguration(NewsController.class)
			.withPropertyValues("gofr.ws.endpoints.news.heartbeat.ping-interval=7s",
					"gofr.ws.endpoints.news.limits.message-rate=5")
			.run((context) -> {
				// the path given as the annotation's value is not taken for the bean's name
				assertThat(context.getBeanNamesForType(NewsController.class))
					.containsExactly("gofrWsAutoConfigurationTests.NewsController");
				Routes routes = context.getBean(Routes.class);
				assertThat(routes.all()).extracting(RouteWebSocketHandler::name)
					.containsExactly("echo", "chat", "plain", "news");
				RouteWebSocketHandler news = routes.find("news").orElseThrow();
				assertThat(news.route().path()).isEqualTo("/ws/news");
				assertThat(news.route().handler()).isInstanceOf(ControllerHandler.class);
				assertThat(news.route().accepts()).containsExactly(MessageType.TEXT);
				assertThat(news.settings().heartbeat().pingInterval()).isEqualTo(Duration.ofSeconds(7));
				assertThat(news.interceptors()).hasAtLeastOneElementOfType(RateLimitInterceptor.class);
				assertThat(context.getBean(WebSocketHandlerMapping.class).getUrlMap()).containsKey("/ws/news");
			});
	}

	@Test
	void aControllerNamedLikeAnotherRouteFailsTheStartupNamingBoth() {
		this.runner.withUserConfiguration(ClashingController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Two WebSocket routes are named 'echo', of WsRoute bean 'echoRoute' and of @WsController"
						+ " bean 'gofrWsAutoConfigurationTests.ClashingController' (" + ClashingController.class.getName()
						+ "): give one of them another name, with WsRoute.withName or @WsController(name = ...)");
		});
	}

	@Test
	void aControllerWithAParameterItCannotResolveFailsTheStartup() {
		this.runner.withUserConfiguration(UnresolvableController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Cannot resolve parameter 'registry' (ConnectionRegistry) of @OnMessage method "
						+ UnresolvableController.class.getName() + ".say(String, ConnectionRegistry)");
		});
	}

	@Test
	void validPayloadsOfControllersAreValidatedByTheApplicationsValidator() {
		jakarta.validation.Validator validator = org.mockito.Mockito
			.spy(jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator());
		this.runner.withUserConfiguration(ValidatingController.class)
			.withBean(jakarta.validation.Validator.class, () -> validator)
			.run((context) -> {
				RouteWebSocketHandler route = context.getBean(Routes.class).find("validating").orElseThrow();
				assertThatThrownBy(() -> route.route().handler().onMessage(null,
						WsMessage.text("{\"text\":\"\"}", context.getBean(PayloadCodec.class))))
					.isInstanceOf(WsException.class)
					.hasMessage("Invalid message: text must not be blank");
				org.mockito.Mockito.verify(validator).validate(org.mockito.ArgumentMatchers.any(Checked.class));
			});
	}

	private static WebSocketHttpRequestHandler requestHandler(
			org.springframework.context.ApplicationContext context, String path) {
		return (WebSocketHttpRequestHandler) context.getBean(WebSocketHandlerMapping.class).getUrlMap().get(path);
	}

	private static PrincipalHandshakeHandler handshakeHandler(org.springframework.context.ApplicationContext context,
			String path) {
		return (PrincipalHandshakeHandler) requestHandler(context, path).getHandshakeHandler();
	}

	private static ContainerUpgradeStrategy upgradeStrategy(org.springframework.context.ApplicationContext context,
			String path) {
		return (ContainerUpgradeStrategy) handshakeHandler(context, path).getRequestUpgradeStrategy();
	}

	private static java.util.List<org.springframework.web.socket.server.HandshakeInterceptor> handshakeInterceptors(
			org.springframework.context.ApplicationContext context, String path) {
		return requestHandler(context, path).getHandshakeInterceptors();
	}

	private static HandshakeCapture capture(org.springframework.context.ApplicationContext context, String path) {
		java.util.List<org.springframework.web.socket.server.HandshakeInterceptor> interceptors = handshakeInterceptors(
				context, path);
		return (HandshakeCapture) interceptors.get(interceptors.size() - 1);
	}

	@Configuration(proxyBeanMethods = false)
	static class RouteBeans {

		@Bean
		WsRoute echoRoute() {
			return WsRoute.of("/ws/echo", (connection, message) -> message.payload()).withName("echo");
		}

		@Bean
		WsHandler chatHandler() {
			return (connection, message) -> null;
		}

		@Bean
		WsRoute chatRoute(WsHandler chatHandler) {
			return WsRoute.of("/ws/chat", chatHandler);
		}

		@Bean
		WsRoute plainRoute() {
			return WsRoute.of("/ws/plain", (connection, message) -> null).withSubprotocols("plain.v1");
		}

	}

	@WsController("/ws/news")
	static class NewsController {

		@OnMessage
		String news(String text) {
			return text;
		}

	}

	@WsController(path = "/ws/other-echo", name = "echo")
	static class ClashingController {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsController("/ws/unresolvable")
	static class UnresolvableController {

		@OnMessage
		String say(String text, ConnectionRegistry registry) {
			return text;
		}

	}

	record Checked(@jakarta.validation.constraints.NotBlank String text) {
	}

	@WsController("/ws/validating")
	static class ValidatingController {

		@OnMessage
		String say(@jakarta.validation.Valid Checked checked) {
			return checked.text();
		}

	}

	@Component
	static class NewsHandler implements WsHandler {

		@Override
		public @Nullable Object onMessage(WsConnection connection, WsMessage message) {
			return null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NewsRoute {

		@Bean
		WsRoute newsRoute(NewsHandler newsHandler) {
			return WsRoute.of("/ws/news", newsHandler);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MalformedRoute {

		@Bean
		WsRoute roomsRoute() {
			return WsRoute.of("/ws/rooms/{room", (connection, message) -> null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClashingRoutes {

		@Bean
		WsRoute otherEcho() {
			return WsRoute.of("/ws/echo", (connection, message) -> null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ManualTime {

		static final ManualTicker TICKER = new ManualTicker();

		@Bean
		ManualTicker manualTicker() {
			return TICKER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final ConnectionRegistry REGISTRY = new ConnectionRegistry();

		static final ErrorFrameFormat ERROR_FORMAT = (code, message) -> new TextMessage(code.name());

		static final PayloadCodec CODEC = new JacksonPayloadCodec();

		@Bean
		ConnectionRegistry userRegistry() {
			return REGISTRY;
		}

		@Bean
		ErrorFrameFormat userErrorFormat() {
			return ERROR_FORMAT;
		}

		@Bean
		PayloadCodec userCodec() {
			return CODEC;
		}

	}

}
