package dev.gofr.ws.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.gofr.ws.error.CloseCodes;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link ReconnectingClient}'s connection ended.
 *
 * @param code the close code from the server, {@link CloseCodes#ABNORMAL 1006} when the
 * connection broke without a close frame, or {@link CloseCodes#HEARTBEAT_TIMEOUT 4408} when the
 * client's heartbeat heard nothing within the pong wait
 * @param reason the close reason, empty when none
 * @param cause the failure, or {@code null} when the server closed the connection
 */
public record Disconnection(int code, String reason, @Nullable Throwable cause) {

	/**
	 * Whether the application closed the client itself (code 1000 with no cause).
	 * @return {@code true} for a normal close
	 */
	public boolean isNormal() {
		return this.code == CloseCodes.NORMAL && this.cause == null;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("closed with ").append(this.code);
		if (!this.reason.isEmpty()) {
			text.append(" '").append(this.reason).append('\'');
		}
		if (this.cause != null) {
			text.append(": ").append(describe(this.cause));
		}
		return text.toString();
	}

	/**
	 * A failure as a line for logs and operators: its type and message.
	 */
	static String describe(Throwable error) {
		Throwable cause = unwrap(error);
		if (cause instanceof HandshakeRefusedException refused) {
			return "handshake refused with HTTP " + refused.status();
		}
		if (cause instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
			return "handshake refused with HTTP " + upgrade.getResponseStatusCode();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : "");
	}

	/**
	 * The failure inside the wrappers of asynchronous completion.
	 */
	static Throwable unwrap(Throwable error) {
		Throwable cause = error;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
