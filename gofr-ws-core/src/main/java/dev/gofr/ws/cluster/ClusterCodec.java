package dev.gofr.ws.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.send.OutboundFrame;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The bytes nodes exchange. An envelope, one pub/sub message, carries the origin node's id and
 * one or more messages; a relayed broadcast carries its audience (less the filter, which cannot
 * travel), the frame type and the payload bytes exactly as encoded on the origin node, so no
 * node encodes a payload twice.
 * <p>
 * Layout, big-endian: envelope = version (1 byte), origin (string), count (int), then count times
 * length (int) and message. A string is its UTF-8 length (int) and bytes.
 */
public final class ClusterCodec {

	/** The envelope format version this codec writes and reads. */
	public static final byte VERSION = 1;

	private static final byte RELAYED = 1;

	private static final byte HEARTBEAT = 2;

	private static final byte LEAVING = 3;

	private static final Audience.Kind[] AUDIENCE_KINDS = Audience.Kind.values();

	private static final OutboundFrame.Kind[] FRAME_KINDS = OutboundFrame.Kind.values();

	private static final byte[] NO_METADATA = { 0, 0, 0, 0 };

	private ClusterCodec() {
	}

	/**
	 * A relayed broadcast.
	 * @param audience who it is for; its filter, if any, is not written
	 * @param frame the frame
	 * @return the message
	 */
	public static byte[] relayed(Audience audience, OutboundFrame frame) {
		ByteBuffer payload = payload(frame);
		byte[] name = utf8(audience.name());
		List<String> roomNames = audience.rooms();
		byte[][] rooms = new byte[roomNames.size()][];
		int size = 1 + 1 + 4 + name.length + 4;
		for (int i = 0; i < rooms.length; i++) {
			rooms[i] = utf8(roomNames.get(i));
			size += 4 + rooms[i].length;
		}
		byte[] except = utf8((audience.exceptId() != null) ? audience.exceptId() : "");
		byte[] metadata = audience.metadata().isEmpty() ? NO_METADATA : metadata(audience.metadata());
		size += 4 + except.length + metadata.length + 1 + 4 + 4 + payload.remaining();
		ByteBuffer out = ByteBuffer.allocate(size).put(RELAYED).put((byte) audience.kind().ordinal());
		out.putInt(name.length).put(name).putInt(rooms.length);
		for (byte[] room : rooms) {
			out.putInt(room.length).put(room);
		}
		out.putInt(except.length).put(except).put(metadata);
		out.put((byte) frame.kind().ordinal()).putInt(frame.closeCode()).putInt(payload.remaining()).put(payload);
		return out.array();
	}

	/** The metadata of an audience: its count and its entries. */
	private static byte[] metadata(Map<String, Object> metadata) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(metadata.size());
			for (Map.Entry<String, Object> entry : metadata.entrySet()) {
				writeString(out, entry.getKey());
				writeValue(out, entry.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * A heartbeat.
	 * @param connections the node's open connections
	 * @return the message
	 */
	public static byte[] heartbeat(int connections) {
		return ByteBuffer.allocate(5).put(HEARTBEAT).putInt(connections).array();
	}

	/**
	 * A node's farewell.
	 * @return the message
	 */
	public static byte[] leaving() {
		return new byte[] { LEAVING };
	}

	/**
	 * Put messages of one node in one envelope.
	 * @param origin the id of the node sending them
	 * @param messages the messages
	 * @return the envelope
	 */
	public static byte[] envelope(String origin, List<byte[]> messages) {
		byte[] id = origin.getBytes(StandardCharsets.UTF_8);
		int size = 1 + 4 + id.length + 4;
		for (byte[] message : messages) {
			size += 4 + message.length;
		}
		ByteBuffer envelope = ByteBuffer.allocate(size).put(VERSION).putInt(id.length).put(id).putInt(messages.size());
		for (byte[] message : messages) {
			envelope.putInt(message.length).put(message);
		}
		return envelope.array();
	}

	/**
	 * The id of the node that sent an envelope, read without decoding its messages.
	 * @param envelope the envelope
	 * @return the origin node's id
	 * @throws IllegalArgumentException when the bytes are not an envelope of this version
	 */
	public static String origin(byte[] envelope) {
		ByteBuffer in = ByteBuffer.wrap(envelope);
		checkVersion(in);
		return readString(in);
	}

	/**
	 * The messages of an envelope.
	 * @param envelope the envelope
	 * @return the messages, in the order they were sent
	 * @throws IllegalArgumentException when the bytes are not an envelope of this version
	 */
	public static List<ClusterMessage> messages(byte[] envelope) {
		try {
			ByteBuffer in = ByteBuffer.wrap(envelope);
			checkVersion(in);
			readString(in);
			int count = in.getInt();
			List<ClusterMessage> messages = new ArrayList<>(Math.min(count, 1024));
			Reader reader = new Reader(envelope);
			for (int i = 0; i < count; i++) {
				int length = in.getInt();
				messages.add(reader.message(in.slice(in.position(), length)));
				in.position(in.position() + length);
			}
			return messages;
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a gofr-ws cluster envelope: " + ex, ex);
		}
	}

	private static ByteBuffer payload(OutboundFrame frame) {
		return switch (frame.kind()) {
			case TEXT -> frame.utf8();
			case CLOSE -> ByteBuffer.wrap(frame.text().getBytes(StandardCharsets.UTF_8));
			default -> frame.bytes();
		};
	}

	private static OutboundFrame frame(OutboundFrame.Kind kind, int closeCode, byte[] payload) {
		return switch (kind) {
			case TEXT -> OutboundFrame.textOfUtf8(payload);
			case BINARY -> OutboundFrame.binary(payload);
			case PING -> OutboundFrame.ping(payload);
			case PONG -> OutboundFrame.pong(payload);
			case CLOSE -> OutboundFrame.close(closeCode, new String(payload, StandardCharsets.UTF_8));
		};
	}

	private static void writeValue(DataOutputStream out, Object value) throws IOException {
		if (value instanceof String text) {
			out.writeByte('S');
			writeString(out, text);
		}
		else if (value instanceof Boolean bool) {
			out.writeByte('B');
			out.writeBoolean(bool);
		}
		else if (value instanceof Integer number) {
			out.writeByte('I');
			out.writeInt(number);
		}
		else if (value instanceof Long number) {
			out.writeByte('L');
			out.writeLong(number);
		}
		else if (value instanceof Double number) {
			out.writeByte('D');
			out.writeDouble(number);
		}
		else if (value instanceof UUID uuid) {
			out.writeByte('U');
			out.writeLong(uuid.getMostSignificantBits());
			out.writeLong(uuid.getLeastSignificantBits());
		}
		else if (value instanceof Enum<?> constant) {
			out.writeByte('E');
			writeString(out, constant.getDeclaringClass().getName());
			writeString(out, constant.name());
		}
		else {
			throw new IllegalArgumentException("Metadata of type " + value.getClass().getName() + " cannot travel");
		}
	}

	private static Object readValue(ByteBuffer in) {
		byte type = in.get();
		return switch (type) {
			case 'S' -> readString(in);
			case 'B' -> in.get() != 0;
			case 'I' -> in.getInt();
			case 'L' -> in.getLong();
			case 'D' -> in.getDouble();
			case 'U' -> new UUID(in.getLong(), in.getLong());
			case 'E' -> constant(readString(in), readString(in));
			default -> throw new IllegalArgumentException("unknown metadata type " + type);
		};
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object constant(String type, String name) {
		Class<?> enumType = enumType(type);
		if (enumType == null) {
			return new UnknownConstant(type, name); // equal to no metadata value of this node
		}
		try {
			return Enum.valueOf((Class<Enum>) enumType, name);
		}
		catch (IllegalArgumentException ex) {
			return new UnknownConstant(type, name);
		}
	}

	private static @Nullable Class<?> enumType(String type) {
		try {
			Class<?> found = ClassUtils.forName(type, ClusterCodec.class.getClassLoader());
			return found.isEnum() ? found : null;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private static void checkVersion(ByteBuffer in) {
		byte version = in.get();
		if (version != VERSION) {
			throw new IllegalArgumentException("Cluster envelope version " + version + ", expected " + VERSION);
		}
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] utf8 = utf8(value);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static String readString(ByteBuffer in) {
		int length = in.getInt();
		String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
		in.position(in.position() + length);
		return value;
	}

	/**
	 * Reads the messages of one envelope. The messages of an envelope usually share their audience
	 * (a burst to one room): an audience written with the same bytes as the one before is that
	 * audience, taken again without decoding it.
	 */
	private static final class Reader {

		private final byte[] envelope;

		private int audienceStart;

		private int audienceLength;

		private @Nullable Audience audience;

		Reader(byte[] envelope) {
			this.envelope = envelope;
		}

		ClusterMessage message(ByteBuffer in) {
			byte type = in.get();
			return switch (type) {
				case HEARTBEAT -> new ClusterMessage.Heartbeat(in.getInt());
				case LEAVING -> new ClusterMessage.Leaving();
				case RELAYED -> relayed(in);
				default -> throw new IllegalArgumentException("unknown message type " + type);
			};
		}

		private ClusterMessage.Relayed relayed(ByteBuffer in) {
			int start = in.arrayOffset() + in.position();
			int length = this.audienceLength;
			Audience audience = this.audience;
			if (audience != null && in.remaining() >= length && Arrays.equals(this.envelope, start, start + length,
					this.envelope, this.audienceStart, this.audienceStart + length)) {
				in.position(in.position() + length); // the same bytes decode to the same audience
			}
			else {
				audience = audience(in);
				this.audience = audience;
				this.audienceStart = start;
				this.audienceLength = in.arrayOffset() + in.position() - start;
			}
			OutboundFrame.Kind frameKind = FRAME_KINDS[in.get()];
			int closeCode = in.getInt();
			byte[] payload = new byte[in.getInt()];
			in.get(payload);
			return new ClusterMessage.Relayed(audience, frame(frameKind, closeCode, payload));
		}

		private static Audience audience(ByteBuffer in) {
			Audience.Kind kind = AUDIENCE_KINDS[in.get()];
			String name = readString(in);
			int roomCount = in.getInt();
			List<String> rooms = new ArrayList<>(Math.min(roomCount, 1024));
			for (int i = 0; i < roomCount; i++) {
				rooms.add(readString(in));
			}
			String except = readString(in);
			int metadataCount = in.getInt();
			Map<String, Object> metadata = new LinkedHashMap<>();
			for (int i = 0; i < metadataCount; i++) {
				metadata.put(readString(in), readValue(in));
			}
			return new Audience(kind, name, rooms, except.isEmpty() ? null : except, metadata, null);
		}

	}

	/** An enum constant this node does not know: it matches no connection's metadata. */
	private record UnknownConstant(String type, String name) {
	}

}
