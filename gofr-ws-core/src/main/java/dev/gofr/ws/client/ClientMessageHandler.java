package dev.gofr.ws.client;

import dev.gofr.ws.route.WsMessage;

/**
 * Receives what the server sends to a {@link ReconnectingClient}: each complete text or binary
 * message, however many frames it arrived in. Called on the client's I/O threads, one message at
 * a time per client; the next message is not read until this returns.
 */
@FunctionalInterface
public interface ClientMessageHandler {

	/**
	 * Handle one message from the server.
	 * @param client the client it arrived on; it may be used to answer
	 * @param message the message
	 */
	void onMessage(ReconnectingClient client, WsMessage message);

}
