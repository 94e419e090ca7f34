package dev.gofr.ws.bench.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.gofr.ws.bench.BenchPayload;

/**
 * Reads the chat scenario's events without parsing their JSON, on the selector thread: a
 * {@code message} event is the one with a {@code "text":"} field, whose value starts with the
 * sender's stamp; a {@code joined} answer carries {@code "joined"}.
 */
public final class ChatText {

	/** The text field's opening, as every server writes it (no space after the colon). */
	static final byte[] TEXT = "\"text\":\"".getBytes(StandardCharsets.US_ASCII);

	/** The type of the answer to {@code join}. */
	static final byte[] JOINED = "\"joined\"".getBytes(StandardCharsets.US_ASCII);

	private ChatText() {
	}

	/**
	 * Where the text of a {@code message} event starts.
	 * @param payload the event, from its position to its limit; not moved
	 * @return the index just past {@code "text":"}, or {@code -1} when there is no text field
	 */
	static int textStart(ByteBuffer payload) {
		int at = indexOf(payload, TEXT);
		return (at < 0) ? -1 : at + TEXT.length;
	}

	/**
	 * Whether an event contains some bytes.
	 * @param payload the event, from its position to its limit; not moved
	 * @param bytes what to look for
	 * @return whether it is there
	 */
	static boolean contains(ByteBuffer payload, byte[] bytes) {
		return indexOf(payload, bytes) >= 0;
	}

	/**
	 * The decimal number at an index: the stamp at the start of a text.
	 * @param payload the event; not moved
	 * @param at the index of the first digit
	 * @return the number, or {@code -1} when there is no digit there
	 * @see BenchPayload#stamp(ByteBuffer)
	 */
	static long stamp(ByteBuffer payload, int at) {
		int position = payload.position();
		payload.position(at);
		long stamp = BenchPayload.stamp(payload);
		payload.position(position);
		return stamp;
	}

	private static int indexOf(ByteBuffer payload, byte[] bytes) {
		for (int i = payload.position(); i <= payload.limit() - bytes.length; i++) {
			if (startsAt(payload, i, bytes)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Where some bytes are last in an event: searched from the end, which finds the fields that
	 * come last, such as the {@code offset} and {@code epoch} a history stamps, at once.
	 * @param payload the event, from its position to its limit; not moved
	 * @param bytes what to look for
	 * @return the index of their first byte, or {@code -1} when they are not there
	 */
	public static int lastIndexOf(ByteBuffer payload, byte[] bytes) {
		for (int i = payload.limit() - bytes.length; i >= payload.position(); i--) {
			if (startsAt(payload, i, bytes)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean startsAt(ByteBuffer payload, int at, byte[] bytes) {
		for (int j = 0; j < bytes.length; j++) {
			if (payload.get(at + j) != bytes[j]) {
				return false;
			}
		}
		return true;
	}

}
