package dev.gofr.ws.error;

import org.jspecify.annotations.Nullable;

/**
 * The exception of gofr-ws: an {@link WsErrorCode error code}, the operation that failed, the
 * connection it failed on (when there is one), and the cause.
 * <p>
 * A handler may throw it to answer a message with an error frame of a given code, for example
 * {@code throw new WsException(WsErrorCode.FORBIDDEN, "not a member of this room")}.
 */
public class WsException extends RuntimeException {

	private final WsErrorCode code;

	private final @Nullable String operation;

	private final @Nullable String connectionId;

	/**
	 * Create an exception with a code and a message meant for the client.
	 * @param code the error code
	 * @param message what went wrong, safe to show to the client
	 */
	public WsException(WsErrorCode code, String message) {
		this(code, message, null, null, null);
	}

	/**
	 * Create an exception with a code, a message and a cause.
	 * @param code the error code
	 * @param message what went wrong, safe to show to the client
	 * @param cause the underlying failure
	 */
	public WsException(WsErrorCode code, String message, @Nullable Throwable cause) {
		this(code, message, null, null, cause);
	}

	/**
	 * Create an exception with every detail.
	 * @param code the error code
	 * @param message what went wrong, safe to show to the client
	 * @param operation the operation that failed, such as {@code "send"} or {@code "handle"}
	 * @param connectionId the id of the connection it failed on
	 * @param cause the underlying failure
	 */
	public WsException(WsErrorCode code, String message, @Nullable String operation, @Nullable String connectionId,
			@Nullable Throwable cause) {
		super(message, cause);
		this.code = code;
		this.operation = operation;
		this.connectionId = connectionId;
	}

	/**
	 * The error code.
	 * @return the code
	 */
	public WsErrorCode code() {
		return this.code;
	}

	/**
	 * The operation that failed, such as {@code "send"} or {@code "handle"}.
	 * @return the operation, or {@code null} when not known
	 */
	public @Nullable String operation() {
		return this.operation;
	}

	/**
	 * The id of the connection the operation failed on.
	 * @return the connection id, or {@code null} when not tied to one connection
	 */
	public @Nullable String connectionId() {
		return this.connectionId;
	}

	/**
	 * A copy of this exception that names the operation and connection where they are not named
	 * yet, keeping code, message and cause.
	 * @param operation the operation that failed
	 * @param connectionId the connection it failed on
	 * @return this exception if both are already set, otherwise a new one
	 */
	public WsException on(String operation, String connectionId) {
		if (this.operation != null && this.connectionId != null) {
			return this;
		}
		WsException located = new WsException(this.code, getMessage(),
				(this.operation != null) ? this.operation : operation,
				(this.connectionId != null) ? this.connectionId : connectionId, getCause());
		located.setStackTrace(getStackTrace());
		return located;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : this.code.name();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(getClass().getSimpleName()).append(": ").append(this.code);
		if (this.operation != null) {
			text.append(" during ").append(this.operation);
		}
		if (this.connectionId != null) {
			text.append(" on connection ").append(this.connectionId);
		}
		return text.append(": ").append(getMessage()).toString();
	}

}
