package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsRoute;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Three routes for the auto-configuration tests: {@code echo} (named in code), {@code chat} (named
 * after its handler bean) and {@code plain} (named after its route bean, with a subprotocol).
 */
@Configuration(proxyBeanMethods = false)
class RouteBeans {

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
