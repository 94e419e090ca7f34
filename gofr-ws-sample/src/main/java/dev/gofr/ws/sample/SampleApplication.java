package dev.gofr.ws.sample;

import dev.gofr.ws.route.WsRoute;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The gofr-ws sample: {@code /ws/echo}, the chat at {@code /ws/chat} ({@link ChatController}),
 * {@code POST /api/notify}, and the chat page at {@code /}.
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
	 * Start the sample.
	 * @param args command line arguments, such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
