package dev.gofr.ws.error;

import org.springframework.web.socket.WebSocketMessage;

/**
 * Turns an error that does not close the connection into the frame that tells the client about
 * it. Declare a bean of this type to replace the default JSON text frame, for example with a
 * binary frame of an application's own protocol.
 *
 * @see JsonErrorFrameFormat
 */
@FunctionalInterface
public interface ErrorFrameFormat {

	/**
	 * Build the frame for one error.
	 * @param code the error code
	 * @param message the message meant for the client
	 * @return the frame to send; a {@code TextMessage} or a {@code BinaryMessage}
	 */
	WebSocketMessage<?> format(WsErrorCode code, String message);

}
