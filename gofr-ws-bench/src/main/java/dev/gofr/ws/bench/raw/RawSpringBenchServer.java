package dev.gofr.ws.bench.raw;

import java.util.Map;

import dev.gofr.ws.bench.BenchProbes;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The baseline server: the benchmark's routes written with plain Spring WebSocket, the way a
 * Spring user would without gofr-ws. Handlers keep their sessions in a {@code ConcurrentHashMap},
 * each wrapped in a {@code ConcurrentWebSocketSessionDecorator} (10 s send time limit, 1 MiB
 * buffer) so that several threads may send; a broadcast is a loop over them, and so is a chat
 * room's ({@link ChatHandler}). Messages of up to
 * 64 KB are accepted: on Tomcat configured as Spring's reference documentation shows, with a
 * {@link ServletServerContainerFactoryBean}; on Jetty by its default. Configured by
 * {@code raw-bench.properties}, which switches gofr-ws off.
 */
@SpringBootApplication
@EnableWebSocket
@Import(BenchProbes.class)
public class RawSpringBenchServer implements WebSocketConfigurer {

	/** The largest message accepted, in bytes (characters for text), as gofr-ws's default. */
	static final int MAX_MESSAGE_SIZE = 64 * 1024;

	private final EchoHandler echoHandler;

	private final FanoutHandler fanoutHandler;

	private final ChatHandler chatHandler;

	private final String[] allowedOrigins;

	RawSpringBenchServer(EchoHandler echoHandler, FanoutHandler fanoutHandler, ChatHandler chatHandler,
			@Value("${bench.raw.allowed-origins:*}") String[] allowedOrigins) {
		this.echoHandler = echoHandler;
		this.fanoutHandler = fanoutHandler;
		this.chatHandler = chatHandler;
		this.allowedOrigins = allowedOrigins;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.echoHandler, "/ws/echo").setAllowedOrigins(this.allowedOrigins);
		registry.addHandler(this.fanoutHandler, "/ws/fanout").setAllowedOrigins(this.allowedOrigins);
		registry.addHandler(this.chatHandler, "/ws/chat").setAllowedOrigins(this.allowedOrigins);
	}

	/**
	 * Tomcat's message buffers sized for 64 KB messages; without it a message over 8 KB closes
	 * the connection with 1009. Jetty's limits are 64 KB already (its {@code WebSocketConstants}),
	 * and the Jakarta container this factory bean looks up is Tomcat's way, so it is for Tomcat only.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.tomcat.websocket.server.WsSci")
	static class TomcatMessageLimits {

		@Bean
		ServletServerContainerFactoryBean createWebSocketContainer() {
			ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
			container.setMaxTextMessageBufferSize(MAX_MESSAGE_SIZE);
			container.setMaxBinaryMessageBufferSize(MAX_MESSAGE_SIZE);
			return container;
		}

	}

	/**
	 * Start the server.
	 * @param args Spring Boot arguments, such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(RawSpringBenchServer.class);
		application.setDefaultProperties(Map.of("spring.config.name", "raw-bench"));
		application.run(args);
	}

}
