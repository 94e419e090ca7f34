package dev.gofr.ws.test;

import java.util.List;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.server.Routes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.StaticApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WsClientsExtension}, through {@link GofrWsTest}, on an application with one
 * route and a context path.
 */
@GofrWsTest(classes = WsClientsExtensionTests.OneRoute.class, properties = "server.servlet.context-path=/app")
class WsClientsExtensionTests {

	@LocalServerPort
	int port;

	WsClients clients;

	@Test
	void aFieldGetsClientsPointedAtTheServersRoutes() {
		assertThat(this.clients.uri("echo")).hasToString("ws://localhost:" + this.port + "/app/ws/echo");
	}

	@Test
	void aParameterGetsThemToo(WsClients parameter) {
		assertThat(parameter.uri("echo")).isEqualTo(this.clients.uri("echo"));
	}

	@Test
	void anUnknownRouteFailsNamingTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.clients.uri("chat"))
			.withMessageContaining("'chat'")
			.withMessageContaining("[echo]");
	}

	@Test
	void anApplicationWithoutAServerIsRefusedWithAHint() {
		assertThatIllegalStateException().isThrownBy(() -> WsClients.from(new StaticApplicationContext()))
			.withMessageContaining("needs a running server")
			.withMessageContaining("@GofrWsTest");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OneRoute {

		@Bean(destroyMethod = "close")
		NodeServices nodeServices() {
			return new NodeServices(new ConnectionRegistry(), new Rooms(), new JacksonPayloadCodec(),
					new JsonErrorFrameFormat(), List.of(), List.of());
		}

		@Bean
		Routes routes(NodeServices node) {
			return new Routes(List.of(new RouteWebSocketHandler(WsRoute.of("/ws/echo", (connection, message) -> null),
					"echo", RouteSettings.DEFAULTS, node)));
		}

	}

}
