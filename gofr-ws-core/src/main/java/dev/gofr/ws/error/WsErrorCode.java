package dev.gofr.ws.error;

/**
 * The error codes that gofr-ws reports to clients in error frames and in {@link WsException}s,
 * each with the close code used when the error closes the connection.
 */
public enum WsErrorCode {

	/** A send or operation on a connection that is already closed. */
	CONNECTION_CLOSED(CloseCodes.NORMAL),

	/** A message of a type that the endpoint does not accept. */
	INVALID_MESSAGE_TYPE(CloseCodes.UNSUPPORTED_DATA),

	/** A broadcast could not be delivered. */
	BROADCAST_FAILED(CloseCodes.SERVER_ERROR),

	/** The peer did not answer in time. */
	CONNECTION_TIMEOUT(CloseCodes.HEARTBEAT_TIMEOUT),

	/** A message whose payload could not be read or did not validate. */
	INVALID_PAYLOAD(CloseCodes.INVALID_PAYLOAD),

	/** A message sent faster than the configured rate. */
	RATE_LIMITED(CloseCodes.RATE_LIMITED),

	/** A configured limit was reached. */
	LIMIT_EXCEEDED(CloseCodes.POLICY_VIOLATION),

	/** The peer is not authenticated. */
	UNAUTHORIZED(CloseCodes.POLICY_VIOLATION),

	/** The peer is authenticated but not allowed to do this. */
	FORBIDDEN(CloseCodes.POLICY_VIOLATION),

	/** A message larger than the configured limit. */
	MESSAGE_TOO_BIG(CloseCodes.TOO_BIG),

	/** An unexpected error in the server. */
	INTERNAL(CloseCodes.SERVER_ERROR);

	private final int closeCode;

	WsErrorCode(int closeCode) {
		this.closeCode = closeCode;
	}

	/**
	 * The close code sent when this error closes the connection.
	 * @return a close code from {@link CloseCodes}
	 */
	public int closeCode() {
		return this.closeCode;
	}

}
