package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.handshake.HandshakeCapture;
import dev.gofr.ws.handshake.PrincipalHandshakeHandler;
import dev.gofr.ws.handshake.SubprotocolCheck;
import dev.gofr.ws.handshake.Subprotocols;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.Routes;
import dev.gofr.ws.transport.ContainerUpgradeStrategy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GofrWsAutoConfiguration}: how each route's handshake is served, its path (a
 * template or not), the checks and the capture of the handshake, its subprotocols and its
 * compression.
 */
class GofrWsAutoConfigurationHandshakeTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GofrWsAutoConfiguration.class))
		.withUserConfiguration(RouteBeans.class);

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
	void twoRoutesOnOnePathFailAtStartup() {
		this.runner.withUserConfiguration(ClashingRoutes.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("share the path /ws/echo");
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

}
