package dev.gofr.ws.bench.netty;

import java.util.Map;

import dev.gofr.ws.bench.BenchProbes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/**
 * The benchmark's echo route written with plain Spring WebFlux on Reactor Netty, the way a Spring
 * user would without gofr-ws: a {@code WebSocketHandler} mapped by a
 * {@link SimpleUrlHandlerMapping}, and a heartbeat of its own ({@link Heartbeat}). Messages of up
 * to 64 KB are accepted, Reactor Netty's default frame limit. It serves {@code /ws/echo} only, so
 * the echo, idle and heartbeat scenarios. Runs on a class path with Tomcat's jars replaced by
 * WebFlux and Reactor Netty ({@code target/lib-netty}); Spring MVC stays on it, so the
 * application is made reactive here rather than left to Boot to deduce, and the upgrade is Reactor
 * Netty's rather than left to Spring to pick from the class path (where Jetty's jars, if present,
 * come first). Configured by {@code netty-bench.properties}, which switches gofr-ws off.
 */
@SpringBootApplication
@Import(BenchProbes.class)
public class RawNettyBenchServer implements WebFluxConfigurer {

	@Override
	public WebSocketService getWebSocketService() {
		return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());
	}

	@Bean
	HandlerMapping webSocketRoutes(EchoHandler echoHandler) {
		return new SimpleUrlHandlerMapping(Map.of("/ws/echo", echoHandler), -1);
	}

	/**
	 * Start the server.
	 * @param args Spring Boot arguments, such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(RawNettyBenchServer.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.setDefaultProperties(Map.of("spring.config.name", "netty-bench"));
		application.run(args);
	}

}
