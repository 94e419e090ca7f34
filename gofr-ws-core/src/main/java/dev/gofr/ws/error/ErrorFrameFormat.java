package dev.gofr.ws.error;

import dev.gofr.ws.send.OutboundFrame;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
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

	/**
	 * The frame for one error, ready to queue on a connection.
	 * @param code the error code
	 * @param message the message meant for the client
	 * @return a text or binary frame
	 * @throws IllegalStateException when {@link #format} gives anything but a text or binary
	 * message
	 */
	default OutboundFrame frame(WsErrorCode code, String message) {
		WebSocketMessage<?> frame = format(code, message);
		if (frame instanceof TextMessage text) {
			return OutboundFrame.text(text.getPayload());
		}
		if (frame instanceof BinaryMessage binary) {
			return OutboundFrame.binary(binary.getPayload());
		}
		throw new IllegalStateException("An error frame must be a text or binary message, not " + frame);
	}

}
