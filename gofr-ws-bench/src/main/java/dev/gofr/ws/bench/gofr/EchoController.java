package dev.gofr.ws.bench.gofr;

import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.WsController;

/**
 * {@code /ws/echo-controller}: the {@code /ws/echo} route written as an annotated controller, every
 * text message back as it came. The {@code echo-controller} scenario plays against it what the
 * {@code echo} scenario plays against the handler lambda, so that the two runs differ only in how
 * the route is written. Named explicitly: by default its bean name would give {@code echo}, the
 * lambda route's name.
 */
@WsController(path = "/ws/echo-controller", name = "echo-controller")
class EchoController {

	/**
	 * Every text message back.
	 * @param text the message's text
	 * @return the same text, sent back as a text message
	 */
	@OnMessage
	String echo(String text) {
		return text;
	}

}
