package dev.gofr.ws.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The server answered a {@link ReconnectingClient}'s handshake with another HTTP status than
 * 101, such as 503 from a node that is full or 429 from a per-address limit. When it said how
 * long to wait ({@code Retry-After}, in seconds or as a date), the client's next attempt waits
 * that long, up to {@code reconnect.max-delay}, instead of its backoff.
 */
public final class HandshakeRefusedException extends RuntimeException {

	private final int status;

	private final @Nullable Duration retryAfter;

	/**
	 * Create the exception.
	 * @param status the HTTP status of the answer
	 * @param retryAfter how long the server asked to wait, or {@code null} when it did not say
	 */
	public HandshakeRefusedException(int status, @Nullable Duration retryAfter) {
		super("The server refused the handshake with HTTP " + status
				+ ((retryAfter != null) ? ", retry after " + retryAfter.toMillis() + " ms" : ""));
		this.status = status;
		this.retryAfter = retryAfter;
	}

	/**
	 * The refusal of an answer.
	 * @param status its HTTP status
	 * @param retryAfter its {@code Retry-After} header, or {@code null}: seconds, or an HTTP
	 * date; a value that is neither is ignored
	 * @return the exception
	 */
	static HandshakeRefusedException of(int status, @Nullable String retryAfter) {
		return new HandshakeRefusedException(status, parseRetryAfter(retryAfter, Instant.now()));
	}

	static @Nullable Duration parseRetryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// not seconds: a date, then
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration until = Duration.between(now, at);
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The HTTP status the server answered with.
	 * @return the status, such as 503
	 */
	public int status() {
		return this.status;
	}

	/**
	 * How long the server asked the client to wait.
	 * @return the wait, empty when the answer had no valid {@code Retry-After}
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
