package dev.gofr.ws.send;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One frame ready to go out, encoded once and shareable: a broadcast builds one frame and queues
 * the same instance on every recipient. Immutable.
 */
public final class OutboundFrame {

	/** The frame types. */
	public enum Kind {

		/** A text data frame. */
		TEXT,

		/** A binary data frame. */
		BINARY,

		/** A ping control frame. */
		PING,

		/** A pong control frame. */
		PONG,

		/** A close control frame: the last frame of a connection. */
		CLOSE

	}

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

	private final Kind kind;

	private volatile @Nullable String text;

	/** What a text frame counts against a send buffer; fixed when the frame is made. */
	private final int textSize;

	private final @Nullable ByteBuffer bytes;

	private final int closeCode;

	private volatile @Nullable ByteBuffer utf8;

	private OutboundFrame(Kind kind, @Nullable String text, @Nullable ByteBuffer bytes, int closeCode) {
		this(kind, text, bytes, closeCode, (text != null) ? text.length() : 0);
	}

	private OutboundFrame(Kind kind, @Nullable String text, @Nullable ByteBuffer bytes, int closeCode, int textSize) {
		this.kind = kind;
		this.text = text;
		this.textSize = textSize;
		this.bytes = bytes;
		this.closeCode = closeCode;
	}

	/**
	 * A text frame.
	 * @param text the text
	 * @return the frame
	 */
	public static OutboundFrame text(String text) {
		return new OutboundFrame(Kind.TEXT, text, null, 0);
	}

	/**
	 * A text frame from its UTF-8 encoding, as received from another node: the bytes are kept as
	 * the frame's encoding, so no writer encodes it again, and the text is decoded only if a
	 * writer or caller asks for it ({@link #text()}); the frame counts its encoded length against
	 * a send buffer.
	 * @param utf8 the encoded text, which the caller must not change afterwards
	 * @return the frame
	 */
	public static OutboundFrame textOfUtf8(byte[] utf8) {
		OutboundFrame frame = new OutboundFrame(Kind.TEXT, null, null, 0, utf8.length);
		frame.utf8 = ByteBuffer.wrap(utf8).asReadOnlyBuffer();
		return frame;
	}

	/**
	 * A binary frame over a copy of the given bytes' remaining content.
	 * @param bytes the payload; its position is not changed
	 * @return the frame
	 */
	public static OutboundFrame binary(ByteBuffer bytes) {
		ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
		copy.put(bytes.duplicate()).flip();
		return new OutboundFrame(Kind.BINARY, null, copy.asReadOnlyBuffer(), 0);
	}

	/**
	 * A binary frame over the given array, which the caller must not change afterwards.
	 * @param bytes the payload
	 * @return the frame
	 */
	public static OutboundFrame binary(byte[] bytes) {
		return new OutboundFrame(Kind.BINARY, null, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), 0);
	}

	/**
	 * A ping frame.
	 * @param payload at most 125 bytes, which the caller must not change afterwards
	 * @return the frame
	 */
	public static OutboundFrame ping(byte[] payload) {
		return new OutboundFrame(Kind.PING, null, control(payload), 0);
	}

	/**
	 * A pong frame.
	 * @param payload at most 125 bytes, which the caller must not change afterwards
	 * @return the frame
	 */
	public static OutboundFrame pong(byte[] payload) {
		return new OutboundFrame(Kind.PONG, null, control(payload), 0);
	}

	/**
	 * A close frame.
	 * @param code the close code
	 * @param reason the reason; cut to fit the 123 bytes a close frame allows
	 * @return the frame
	 */
	public static OutboundFrame close(int code, String reason) {
		return new OutboundFrame(Kind.CLOSE, fitCloseReason(reason), null, code);
	}

	private static ByteBuffer control(byte[] payload) {
		if (payload.length > 125) {
			throw new IllegalArgumentException("A control frame carries at most 125 bytes, not " + payload.length);
		}
		return ByteBuffer.wrap(payload).asReadOnlyBuffer();
	}

	static String fitCloseReason(String reason) {
		if (reason.length() <= 41) {
			return reason; // 41 characters are at most 123 bytes in UTF-8
		}
		byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
		if (utf8.length <= 123) {
			return reason;
		}
		int end = 123;
		while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
			end--; // never cut a character in two
		}
		return new String(utf8, 0, end, StandardCharsets.UTF_8);
	}

	/**
	 * The frame type.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Whether this is a text or binary frame.
	 * @return {@code true} for data frames
	 */
	public boolean isData() {
		return this.kind == Kind.TEXT || this.kind == Kind.BINARY;
	}

	/**
	 * The text of a text frame, or the reason of a close frame.
	 * @return the text; empty for other frames
	 */
	public String text() {
		String text = this.text;
		if (text == null) {
			ByteBuffer encoded = this.utf8;
			if (encoded == null) {
				return "";
			}
			// racing threads may each decode; they produce equal strings and one of them stays
			text = StandardCharsets.UTF_8.decode(encoded.duplicate()).toString();
			this.text = text;
		}
		return text;
	}

	/**
	 * The UTF-8 encoding of a text frame, computed once however many connections write it.
	 * @return a new read-only buffer over the shared encoding
	 */
	public ByteBuffer utf8() {
		ByteBuffer encoded = this.utf8;
		if (encoded == null) {
			// racing threads may each encode; they produce equal buffers and one of them stays
			encoded = ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
			this.utf8 = encoded;
		}
		return encoded.duplicate();
	}

	/**
	 * The payload of a binary, ping or pong frame, as a new buffer over the shared read-only
	 * content, so each writer has its own position.
	 * @return the payload; empty for text and close frames
	 */
	public ByteBuffer bytes() {
		return (this.bytes != null) ? this.bytes.duplicate() : EMPTY.duplicate();
	}

	/**
	 * The close code of a close frame.
	 * @return the code; 0 for other frames
	 */
	public int closeCode() {
		return this.closeCode;
	}

	/**
	 * The size that counts against a send buffer: characters for text (the encoded length for a
	 * frame made from its encoding), bytes otherwise; the same for the frame's whole life.
	 * @return the size in bytes (characters for text)
	 */
	public int size() {
		if (this.kind == Kind.TEXT) {
			return this.textSize;
		}
		return (this.bytes != null) ? this.bytes.remaining() : 2;
	}

	@Override
	public String toString() {
		return "OutboundFrame[" + this.kind + ", " + size() + "]";
	}

}
