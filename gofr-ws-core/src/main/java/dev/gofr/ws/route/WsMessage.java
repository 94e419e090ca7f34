package dev.gofr.ws.route;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import org.jspecify.annotations.Nullable;

/**
 * One complete data message received from a peer, however many frames it arrived in.
 * Immutable.
 */
public final class WsMessage {

	private final MessageType type;

	private final @Nullable String text;

	private final byte @Nullable [] bytes;

	private final PayloadCodec codec;

	private WsMessage(MessageType type, @Nullable String text, byte @Nullable [] bytes, PayloadCodec codec) {
		this.type = type;
		this.text = text;
		this.bytes = bytes;
		this.codec = codec;
	}

	/**
	 * A text message.
	 * @param text the text
	 * @param codec the codec for {@link #bind}
	 * @return the message
	 */
	public static WsMessage text(String text, PayloadCodec codec) {
		return new WsMessage(MessageType.TEXT, text, null, codec);
	}

	/**
	 * A binary message over the given array, which must not change afterwards.
	 * @param bytes the payload
	 * @param codec the codec for {@link #bind}
	 * @return the message
	 */
	public static WsMessage binary(byte[] bytes, PayloadCodec codec) {
		return new WsMessage(MessageType.BINARY, null, bytes, codec);
	}

	/**
	 * The message type.
	 * @return text or binary
	 */
	public MessageType type() {
		return this.type;
	}

	/**
	 * Whether this is a text message.
	 * @return {@code true} for text
	 */
	public boolean isText() {
		return this.type == MessageType.TEXT;
	}

	/**
	 * Whether this is a binary message.
	 * @return {@code true} for binary
	 */
	public boolean isBinary() {
		return this.type == MessageType.BINARY;
	}

	/**
	 * The text of a text message.
	 * @return the text
	 * @throws WsException with {@code INVALID_MESSAGE_TYPE} for a binary message
	 */
	public String text() {
		if (this.text == null) {
			throw new WsException(WsErrorCode.INVALID_MESSAGE_TYPE, "Expected a text message");
		}
		return this.text;
	}

	/**
	 * The payload as bytes: the binary payload, or the UTF-8 encoding of a text message.
	 * @return a copy of the bytes
	 */
	public byte[] bytes() {
		return (this.bytes != null) ? this.bytes.clone() : text().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The payload as a read-only buffer, without copying a binary payload.
	 * @return the buffer
	 */
	public ByteBuffer buffer() {
		return (this.bytes != null) ? ByteBuffer.wrap(this.bytes).asReadOnlyBuffer()
				: ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The payload as the handler would send it back: the text of a text message, a buffer over
	 * the bytes of a binary one. Returning it from a handler echoes the message in its own type.
	 * @return a {@code String} or a read-only {@code ByteBuffer}
	 */
	public Object payload() {
		return (this.text != null) ? this.text : buffer();
	}

	/**
	 * The payload size: characters for text, bytes for binary.
	 * @return the size
	 */
	public int size() {
		return (this.text != null) ? this.text.length() : this.bytes.length;
	}

	/**
	 * Read the JSON payload as an object of the given type, with the application's mapper.
	 * @param <T> the type
	 * @param type the type
	 * @return the object
	 * @throws WsException with {@code INVALID_PAYLOAD} when the payload is not JSON of that type
	 */
	public <T> T bind(Class<T> type) {
		String json = (this.text != null) ? this.text : new String(this.bytes, StandardCharsets.UTF_8);
		return this.codec.decode(json, type);
	}

	@Override
	public String toString() {
		return "WsMessage[" + this.type + ", " + size() + "]";
	}

}
