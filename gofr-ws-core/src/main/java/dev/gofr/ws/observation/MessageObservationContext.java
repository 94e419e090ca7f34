package dev.gofr.ws.observation;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.route.WsMessage;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one handled message knows.
 */
public final class MessageObservationContext extends Observation.Context {

	private final WsConnection connection;

	private final WsMessage message;

	private @Nullable WsErrorCode failure;

	/**
	 * Create the context of a message.
	 * @param connection the connection it came on
	 * @param message the message
	 */
	public MessageObservationContext(WsConnection connection, WsMessage message) {
		this.connection = connection;
		this.message = message;
	}

	/**
	 * The connection the message came on.
	 * @return the connection
	 */
	public WsConnection connection() {
		return this.connection;
	}

	/**
	 * The message.
	 * @return the message
	 */
	public WsMessage message() {
		return this.message;
	}

	/**
	 * The error code the message ended with.
	 * @return the code, or {@code null} when it was handled without error
	 */
	public @Nullable WsErrorCode failure() {
		return this.failure;
	}

	void failure(WsErrorCode failure) {
		this.failure = failure;
	}

}
