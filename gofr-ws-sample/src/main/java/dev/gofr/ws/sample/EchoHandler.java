package dev.gofr.ws.sample;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;

import org.springframework.stereotype.Component;

/**
 * Sends every message back in its own type.
 */
@Component
public class EchoHandler implements WsHandler {

	@Override
	public Object onMessage(WsConnection connection, WsMessage message) {
		return message.payload();
	}

}
