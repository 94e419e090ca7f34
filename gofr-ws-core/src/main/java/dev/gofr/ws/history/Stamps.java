package dev.gofr.ws.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import dev.gofr.ws.send.OutboundFrame;

/**
 * Writes a message's place in its room's stream into the message: a text frame holding a JSON
 * object gets {@code "offset":<n>,"epoch":"<e>"} added as its last two fields, so a client learns
 * where it is from the messages themselves. Other frames (binary, text that is not a JSON
 * object) are kept as they are: they are stored and replayed all the same. The work is done on
 * the frame's UTF-8 encoding, which the stamped frame keeps, so no writer encodes it again; the
 * cluster's store stamps in a script at the same place ({@link #insertionPoint}).
 */
public final class Stamps {

	/** The field that carries a message's offset. */
	public static final String OFFSET = "offset";

	/** The field that carries the epoch of a message's stream. */
	public static final String EPOCH = "epoch";

	private Stamps() {
	}

	/**
	 * The frame with its position written in, when it is a JSON object.
	 * @param frame the frame as the application encoded it
	 * @param offset its offset in the room's stream
	 * @param epoch the stream's epoch: letters and digits only
	 * @return a new frame, or {@code frame} itself when it is not a JSON object
	 */
	public static OutboundFrame stamp(OutboundFrame frame, long offset, String epoch) {
		if (frame.kind() != OutboundFrame.Kind.TEXT) {
			return frame;
		}
		byte[] utf8 = bytes(frame.utf8());
		int at = insertionPoint(utf8);
		if (at < 0) {
			return frame;
		}
		byte[] fields = (separator(utf8, at) + "\"" + OFFSET + "\":" + offset + ",\"" + EPOCH + "\":\"" + epoch + "\"")
			.getBytes(StandardCharsets.UTF_8);
		byte[] stamped = new byte[utf8.length + fields.length];
		System.arraycopy(utf8, 0, stamped, 0, at);
		System.arraycopy(fields, 0, stamped, at, fields.length);
		System.arraycopy(utf8, at, stamped, at + fields.length, utf8.length - at);
		return OutboundFrame.textOfUtf8(stamped);
	}

	/**
	 * Where the position goes in a JSON object: the index of its closing brace.
	 * @param utf8 the message's UTF-8 encoding
	 * @return the index, or -1 when the message is not a JSON object
	 */
	public static int insertionPoint(byte[] utf8) {
		int start = 0;
		while (start < utf8.length && isWhitespace(utf8[start])) {
			start++;
		}
		int end = utf8.length - 1;
		while (end > start && isWhitespace(utf8[end])) {
			end--;
		}
		return (end > start && utf8[start] == '{' && utf8[end] == '}') ? end : -1;
	}

	/**
	 * What goes before the position's fields: a comma, unless the object is empty.
	 * @param utf8 the message's UTF-8 encoding
	 * @param insertionPoint its {@link #insertionPoint}
	 * @return {@code ","} or the empty string
	 */
	public static String separator(byte[] utf8, int insertionPoint) {
		int open = 0;
		while (utf8[open] != '{') {
			open++;
		}
		for (int i = open + 1; i < insertionPoint; i++) {
			if (!isWhitespace(utf8[i])) {
				return ",";
			}
		}
		return "";
	}

	/**
	 * A new epoch: a random name of a stream that starts, in letters and digits.
	 * @return the epoch
	 */
	public static String newEpoch() {
		return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36).toLowerCase(Locale.ROOT);
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
