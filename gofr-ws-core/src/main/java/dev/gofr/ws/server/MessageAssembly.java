package dev.gofr.ws.server;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import org.jspecify.annotations.Nullable;

/**
 * A message of one connection arriving in parts, put together while the size limit is checked,
 * so that the container's buffers stay small. Touched only by the container's reader.
 */
final class MessageAssembly {

	private final String connectionId;

	private @Nullable StringBuilder textParts;

	private byte @Nullable [] binaryParts;

	private int binaryLength;

	MessageAssembly(String connectionId) {
		this.connectionId = connectionId;
	}

	/**
	 * Add one part of a text message.
	 * @return the whole message once its last part arrived, else {@code null}
	 * @throws WsException with {@code MESSAGE_TOO_BIG} past the limit
	 */
	@Nullable String text(String part, boolean last, int limit) {
		StringBuilder parts = this.textParts;
		if (parts == null) {
			if (part.length() > limit) {
				throw tooBig("text", limit);
			}
			if (last) {
				return part;
			}
			parts = new StringBuilder(Math.min(limit, Math.max(part.length() * 2, 256)));
			this.textParts = parts;
		}
		else if (parts.length() + part.length() > limit) {
			this.textParts = null;
			throw tooBig("text", limit);
		}
		parts.append(part);
		if (!last) {
			return null;
		}
		this.textParts = null;
		return parts.toString();
	}

	/**
	 * Add one part of a binary message.
	 * @return the whole message, copied out of the container's buffer, once its last part
	 * arrived, else {@code null}
	 * @throws WsException with {@code MESSAGE_TOO_BIG} past the limit
	 */
	byte @Nullable [] binary(ByteBuffer part, boolean last, int limit) {
		int length = part.remaining();
		byte[] parts = this.binaryParts;
		if (parts == null && last) {
			if (length > limit) {
				throw tooBig("binary", limit);
			}
			byte[] whole = new byte[length];
			part.get(whole);
			return whole;
		}
		if (this.binaryLength + length > limit) {
			reset();
			throw tooBig("binary", limit);
		}
		if (parts == null || parts.length < this.binaryLength + length) {
			int capacity = Math.min(limit, Math.max(this.binaryLength + length, (parts != null) ? parts.length * 2 : 1024));
			parts = (parts != null) ? Arrays.copyOf(parts, capacity) : new byte[capacity];
			this.binaryParts = parts;
		}
		part.get(parts, this.binaryLength, length);
		this.binaryLength += length;
		if (!last) {
			return null;
		}
		byte[] whole = (parts.length == this.binaryLength) ? parts : Arrays.copyOf(parts, this.binaryLength);
		reset();
		return whole;
	}

	/**
	 * Drop a message in progress, for a connection that ended.
	 */
	void reset() {
		this.textParts = null;
		this.binaryParts = null;
		this.binaryLength = 0;
	}

	private WsException tooBig(String type, int limit) {
		return new WsException(WsErrorCode.MESSAGE_TOO_BIG,
				"The " + type + " message is larger than " + limit + (type.equals("text") ? " characters" : " bytes"),
				"receive", this.connectionId, null);
	}

}
