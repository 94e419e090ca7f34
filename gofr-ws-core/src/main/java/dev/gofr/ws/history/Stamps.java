package dev.gofr.ws.history;

import dev.gofr.ws.send.OutboundFrame;

/**
 * Writes a message's place in its room's stream into the message: a text frame holding a JSON
 * object gets {@code "offset":<n>,"epoch":"<e>"} added as its last two fields, so a client learns
 * where it is from the messages themselves. Other frames (binary, text that is not a JSON
 * object) are kept as they are: they are stored and replayed all the same.
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
		String text = frame.text();
		int start = 0;
		while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		int end = text.length() - 1;
		while (end > start && Character.isWhitespace(text.charAt(end))) {
			end--;
		}
		if (end <= start || text.charAt(start) != '{' || text.charAt(end) != '}') {
			return frame;
		}
		boolean empty = text.substring(start + 1, end).isBlank();
		StringBuilder stamped = new StringBuilder(text.length() + 40).append(text, 0, end);
		if (!empty) {
			stamped.append(',');
		}
		stamped.append('"').append(OFFSET).append("\":").append(offset);
		stamped.append(",\"").append(EPOCH).append("\":\"").append(epoch).append('"');
		stamped.append(text, end, text.length());
		return OutboundFrame.text(stamped.toString());
	}

}
