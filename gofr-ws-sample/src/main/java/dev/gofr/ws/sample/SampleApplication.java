package dev.gofr.ws.sample;

import dev.gofr.ws.interceptor.JsonSchemaInterceptor;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsRoute;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;

/**
 * The gofr-ws sample: {@code /ws/echo}, the chat at {@code /ws/chat}, {@code POST /api/notify},
 * and the chat page at {@code /}.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * {@code /ws/echo} (route name {@code echo}): every text frame back as text, every binary
	 * frame back as binary.
	 * @param echoHandler the handler
	 * @return the route
	 */
	@Bean
	public WsRoute echoRoute(EchoHandler echoHandler) {
		return WsRoute.of("/ws/echo", echoHandler);
	}

	/**
	 * {@code /ws/chat} (route name {@code chat}): the chat protocol of {@link ChatHandler}, each
	 * command checked against {@code chat-command.schema.json} first. Its message rate is limited
	 * in {@code application.yml}.
	 * @param chatHandler the handler
	 * @return the route
	 */
	@Bean
	public WsRoute chatRoute(ChatHandler chatHandler) {
		return WsRoute.of("/ws/chat", chatHandler, JsonSchemaInterceptor.of(new ClassPathResource("chat-command.schema.json")))
			.accepting(MessageType.TEXT);
	}

	/**
	 * Start the sample.
	 * @param args command line arguments, such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
