package dev.gofr.ws.bench.gofr;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.ControllerHandler;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The echo route written as an annotated controller, without a server.
 */
class EchoControllerTests {

	private final ControllerHandler handler = ControllerHandler.of(new EchoController());

	@Test
	void servesTextOnItsOwnPathUnderANameOtherThanTheLambdaRoutes() {
		WsRoute route = this.handler.route();

		assertThat(route.path()).isEqualTo("/ws/echo-controller");
		assertThat(route.name()).isEqualTo("echo-controller");
		assertThat(route.accepts()).containsExactly(MessageType.TEXT);
	}

	@Test
	void sendsEveryTextBack() throws Exception {
		WsMessage message = WsMessage.text("1234567890 hello", new JacksonPayloadCodec());

		assertThat(this.handler.onMessage(mock(WsConnection.class), message)).isEqualTo("1234567890 hello");
	}

}
