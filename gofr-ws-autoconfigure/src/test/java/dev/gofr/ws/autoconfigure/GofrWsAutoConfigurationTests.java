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
import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.limit.RateLimitInterceptor;
import dev.gofr.ws.metrics.WsMetrics;
import dev.gofr.ws.registry.ConnectionRegistry;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link GofrWsAutoConfiguration}: the beans of a node and the routes it serves, their
 * names, the beans of the application that replace ours, when it backs off, and
 * {@code @WsController} beans as routes.
 * <p>
 * Its settings are in {@link GofrWsAutoConfigurationSettingsTests}, its handshakes in
 * {@link GofrWsAutoConfigurationHandshakeTests}.
 */
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
	void sizesTomcatsSocketBuffersOnlyWhenAskedAndWithinBounds() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("gofrWsTomcatSocketBuffers"));
		this.runner.withPropertyValues("gofr.ws.container.socket-buffer-size=2KB")
			.run((context) -> assertThat(context).hasBean("gofrWsTomcatSocketBuffers"));
		for (String size : new String[] { "256B", "2MB" }) {
			this.runner.withPropertyValues("gofr.ws.container.socket-buffer-size=" + size).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("gofr.ws.container.socket-buffer-size");
			});
		}
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
