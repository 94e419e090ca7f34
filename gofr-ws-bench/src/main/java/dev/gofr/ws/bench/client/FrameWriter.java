package dev.gofr.ws.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.gofr.ws.bench.client.WsLoadClient.CloseCodes;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.State;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WsLoadClient} writes: the upgrade request, masked frames queued in each
 * connection's write buffer, and at the end of each pass of the selector loop one write per
 * connection that has frames queued. Used on the selector thread only.
 */
final class FrameWriter {

	private final WsLoadClient client;

	/** The connections with frames queued since the last pass. */
	private final List<Connection> queued = new ArrayList<>();

	/** The state of the xorshift generator of handshake keys and masks. */
	private long random = System.nanoTime() | 1;

	FrameWriter(WsLoadClient client) {
		this.client = client;
	}

	/**
	 * The HTTP/1.1 upgrade request, with a fresh key.
	 * @param origin the {@code Origin} header, or {@code null} for none
	 */
	byte[] upgradeRequest(InetSocketAddress address, String path, @Nullable String origin) {
		byte[] key = new byte[16];
		for (int i = 0; i < key.length; i++) {
			key[i] = (byte) nextRandom();
		}
		StringBuilder request = new StringBuilder(256);
		request.append("GET ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n");
		request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		request.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n");
		request.append("Sec-WebSocket-Version: 13\r\n");
		if (origin != null) {
			request.append("Origin: ").append(origin).append("\r\n");
		}
		request.append("\r\n");
		return request.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Queue a masked frame; it is written at the end of the selector's pass.
	 */
	void frame(Connection connection, int opcode, byte[] payload, int offset, int length) {
		if (connection.state == State.CLOSED) {
			return;
		}
		int header = (length < 126) ? 6 : (length < 65536) ? 8 : 14;
		ByteBuffer buffer = room(connection, header + length);
		buffer.put((byte) (0x80 | opcode));
		if (length < 126) {
			buffer.put((byte) (0x80 | length));
		}
		else if (length < 65536) {
			buffer.put((byte) (0x80 | 126));
			buffer.putShort((short) length);
		}
		else {
			buffer.put((byte) (0x80 | 127));
			buffer.putLong(length);
		}
		int mask = (int) nextRandom();
		buffer.putInt(mask);
		byte m0 = (byte) (mask >>> 24);
		byte m1 = (byte) (mask >>> 16);
		byte m2 = (byte) (mask >>> 8);
		byte m3 = (byte) mask;
		for (int i = 0; i < length; i++) {
			byte m = switch (i & 3) {
				case 0 -> m0;
				case 1 -> m1;
				case 2 -> m2;
				default -> m3;
			};
			buffer.put((byte) (payload[offset + i] ^ m));
		}
		if (!connection.queued) {
			connection.queued = true;
			this.queued.add(connection);
		}
	}

	/**
	 * Queue a close frame, without a code for {@link CloseCodes#NO_STATUS}.
	 */
	void close(Connection connection, int code) {
		connection.closeSent = true;
		byte[] payload = { (byte) (code >> 8), (byte) code };
		frame(connection, 0x8, payload, 0, (code == CloseCodes.NO_STATUS) ? 0 : 2);
	}

	/**
	 * Add raw bytes, such as the upgrade request, to the connection's write buffer.
	 */
	void append(Connection connection, byte[] bytes) {
		room(connection, bytes.length).put(bytes, 0, bytes.length);
	}

	private static ByteBuffer room(Connection connection, int needed) {
		ByteBuffer buffer = connection.out;
		if (buffer == null) {
			buffer = ByteBuffer.allocate(Math.max(4096, needed));
			connection.out = buffer;
		}
		else if (buffer.remaining() < needed) {
			ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + needed));
			buffer.flip();
			bigger.put(buffer);
			buffer = bigger;
			connection.out = bigger;
		}
		return buffer;
	}

	/**
	 * Write what each connection has queued during the pass.
	 */
	void flushQueued() {
		for (int i = 0; i < this.queued.size(); i++) {
			Connection connection = this.queued.get(i);
			connection.queued = false;
			if (connection.state != State.CLOSED) {
				flush(connection);
			}
		}
		this.queued.clear();
	}

	/**
	 * Write as much of the connection's buffer as the socket takes, and wait for the socket to be
	 * writable while some is left.
	 */
	void flush(Connection connection) {
		ByteBuffer out = connection.out;
		if (out == null || out.position() == 0 || connection.state == State.CLOSED) {
			return;
		}
		try {
			out.flip();
			connection.channel.write(out);
			out.compact();
			SelectionKey key = connection.key;
			if (key != null && key.isValid()) {
				int ops = key.interestOps();
				int wanted = (out.position() > 0) ? (ops | SelectionKey.OP_WRITE) : (ops & ~SelectionKey.OP_WRITE);
				if (wanted != ops) {
					key.interestOps(wanted);
				}
			}
			if (out.position() == 0 && out.capacity() > 16 * 1024) {
				connection.out = null; // an idle connection keeps no write buffer
			}
		}
		catch (IOException | RuntimeException ex) {
			this.client.fail(connection, ex.toString());
		}
	}

	private long nextRandom() {
		long x = this.random;
		x ^= x << 13;
		x ^= x >>> 7;
		x ^= x << 17;
		this.random = x;
		return x;
	}

}
