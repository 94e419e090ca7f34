package dev.gofr.ws.error;

/**
 * The WebSocket close codes that gofr-ws sends, as numbers on the wire (RFC 6455, section 7.4,
 * plus the private range 4000-4999 for gofr-ws's own reasons).
 */
public final class CloseCodes {

	/** Normal close by the application or an operator. */
	public static final int NORMAL = 1000;

	/** The server is shutting down. */
	public static final int GOING_AWAY = 1001;

	/** A message of a type that the endpoint does not accept. */
	public static final int UNSUPPORTED_DATA = 1003;

	/** Abnormal closure: no close frame was received (never sent on the wire). */
	public static final int ABNORMAL = 1006;

	/** A message whose payload is not what the endpoint accepts. */
	public static final int INVALID_PAYLOAD = 1007;

	/** A policy violation, such as revoked authorization. */
	public static final int POLICY_VIOLATION = 1008;

	/** A message larger than the configured limit. */
	public static final int TOO_BIG = 1009;

	/** An unexpected error, when the endpoint's policy is to close. */
	public static final int SERVER_ERROR = 1011;

	/** A slow consumer: its send buffer overflowed or a send timed out. */
	public static final int TRY_AGAIN_LATER = 1013;

	/** Nothing was heard from the peer within the heartbeat's pong wait. */
	public static final int HEARTBEAT_TIMEOUT = 4408;

	/** The peer sent messages faster than the configured rate. */
	public static final int RATE_LIMITED = 4429;

	private CloseCodes() {
	}

}
