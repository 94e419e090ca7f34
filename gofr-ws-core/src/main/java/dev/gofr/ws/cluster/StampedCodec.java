package dev.gofr.ws.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.send.OutboundFrame;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a message to a room whose history the cluster's store keeps, as the store
 * publishes it once it has stamped and stored it, and of the markers of recovering joins. The
 * store writes such a message as a head this node prepared, then the offset in decimal, a colon,
 * the epoch, a colon and the stamped payload, so that it can stamp and publish in one step.
 * <p>
 * Layout of the head, big-endian: {@link #STAMPED} (1 byte), origin, room, excluded connection
 * id (strings: UTF-8 length as int, then bytes; empty for none), frame kind (1 byte). A marker is
 * {@link #MARKER} (1 byte) and its token in UTF-8. An {@linkplain ClusterCodec envelope} starts
 * with {@link ClusterCodec#VERSION}, which is neither.
 */
public final class StampedCodec {

	/** The first byte of a stamped message. */
	public static final byte STAMPED = 2;

	/** The first byte of a recovering join's marker. */
	public static final byte MARKER = 3;

	private static final OutboundFrame.Kind[] FRAME_KINDS = OutboundFrame.Kind.values();

	private StampedCodec() {
	}

	/**
	 * A stamped message as read from the store's publication.
	 * @param origin the node that broadcast it
	 * @param room the room
	 * @param exceptId the connection left out, or {@code null}
	 * @param position its offset and epoch
	 * @param frame the stamped frame
	 */
	public record Stamped(String origin, String room, @Nullable String exceptId, StreamPosition position,
			OutboundFrame frame) {
	}

	/**
	 * The head of a stamped message.
	 * @param origin this node's id
	 * @param room the room
	 * @param exceptId the connection left out, or {@code null}
	 * @param kind the frame kind: text or binary
	 * @return the head
	 */
	public static byte[] head(String origin, String room, @Nullable String exceptId, OutboundFrame.Kind kind) {
		byte[] node = origin.getBytes(StandardCharsets.UTF_8);
		byte[] name = room.getBytes(StandardCharsets.UTF_8);
		byte[] except = (exceptId != null) ? exceptId.getBytes(StandardCharsets.UTF_8) : new byte[0];
		return ByteBuffer.allocate(1 + 12 + node.length + name.length + except.length + 1)
			.put(STAMPED)
			.putInt(node.length)
			.put(node)
			.putInt(name.length)
			.put(name)
			.putInt(except.length)
			.put(except)
			.put((byte) kind.ordinal())
			.array();
	}

	/**
	 * A marker.
	 * @param token the recovering join's token
	 * @return the bytes
	 */
	public static byte[] marker(String token) {
		byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[utf8.length + 1];
		bytes[0] = MARKER;
		System.arraycopy(utf8, 0, bytes, 1, utf8.length);
		return bytes;
	}

	/**
	 * The token of a marker.
	 * @param bytes a message that starts with {@link #MARKER}
	 * @return the token
	 */
	public static String token(byte[] bytes) {
		return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
	}

	/**
	 * Read a stamped message.
	 * @param bytes a message that starts with {@link #STAMPED}
	 * @return the message
	 * @throws IllegalArgumentException when the bytes are not one
	 */
	public static Stamped read(byte[] bytes) {
		try {
			ByteBuffer in = ByteBuffer.wrap(bytes);
			if (in.get() != STAMPED) {
				throw new IllegalArgumentException("not a stamped message");
			}
			String origin = string(in);
			String room = string(in);
			String except = string(in);
			OutboundFrame.Kind kind = FRAME_KINDS[in.get()];
			int start = in.position();
			int colon = indexOf(bytes, start);
			long offset = Long.parseLong(new String(bytes, start, colon - start, StandardCharsets.US_ASCII));
			int second = indexOf(bytes, colon + 1);
			String epoch = new String(bytes, colon + 1, second - colon - 1, StandardCharsets.US_ASCII);
			byte[] payload = Arrays.copyOfRange(bytes, second + 1, bytes.length);
			OutboundFrame frame = (kind == OutboundFrame.Kind.TEXT) ? OutboundFrame.textOfUtf8(payload)
					: OutboundFrame.binary(payload);
			return new Stamped(origin, room, except.isEmpty() ? null : except, new StreamPosition(offset, epoch), frame);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a stamped gofr-ws message: " + ex, ex);
		}
	}

	private static int indexOf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == ':') {
				return i;
			}
		}
		throw new IllegalArgumentException("no ':' after " + from);
	}

	private static String string(ByteBuffer in) {
		int length = in.getInt();
		String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
		in.position(in.position() + length);
		return value;
	}

}
