package dev.gofr.ws.bench.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.gofr.ws.bench.client.WsLoadClient.CloseCodes;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.State;

/**
 * What a {@link WsLoadClient} reads: the upgrade response, then unmasked server frames (text,
 * binary, continuation, ping answered with a pong, pong, close), each whole message handed to the
 * connection's listener. One read buffer serves every connection; what a read leaves of a frame
 * is kept with its connection until the next. Used on the selector thread only.
 */
final class FrameReader {

	/** The largest frame read, in bytes; the benchmark's are far smaller. */
	static final int MAX_FRAME = 256 * 1024;

	private final WsLoadClient client;

	private final FrameWriter writer;

	private final ByteBuffer buffer = ByteBuffer.allocate(MAX_FRAME + 64 * 1024);

	FrameReader(WsLoadClient client, FrameWriter writer) {
		this.client = client;
		this.writer = writer;
	}

	/**
	 * Read what the socket has, as long as it fills the buffer and the connection reads.
	 */
	void read(Connection connection) throws IOException {
		ByteBuffer buffer = this.buffer;
		for (;;) {
			buffer.clear();
			byte[] leftover = connection.leftover;
			if (leftover != null) {
				buffer.put(leftover);
				connection.leftover = null;
			}
			int read = connection.channel.read(buffer);
			if (read < 0) {
				this.client.ended(connection, CloseCodes.EOF);
				return;
			}
			buffer.flip();
			long now = System.nanoTime();
			if (connection.state == State.HANDSHAKING && !handshake(connection, buffer, now)) {
				keepLeftover(connection, buffer);
				return;
			}
			parse(connection, buffer, now);
			if (connection.state == State.CLOSED) {
				return;
			}
			keepLeftover(connection, buffer);
			if (read == 0 || buffer.limit() < buffer.capacity() || !connection.reading) {
				return;
			}
		}
	}

	private static void keepLeftover(Connection connection, ByteBuffer buffer) {
		if (buffer.hasRemaining()) {
			byte[] rest = new byte[buffer.remaining()];
			buffer.get(rest);
			connection.leftover = rest;
		}
	}

	/**
	 * Read the upgrade response.
	 * @return {@code true} once it is complete and the connection is open
	 */
	private boolean handshake(Connection connection, ByteBuffer buffer, long now) {
		int start = buffer.position();
		int end = -1;
		for (int i = start; i + 3 < buffer.limit(); i++) {
			if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r'
					&& buffer.get(i + 3) == '\n') {
				end = i + 4;
				break;
			}
		}
		if (end < 0) {
			if (buffer.remaining() > 16 * 1024) {
				this.client.fail(connection, "Upgrade response too long");
			}
			return false;
		}
		byte[] head = new byte[end - start];
		buffer.get(head);
		String status = new String(head, 0, Math.min(head.length, 64), StandardCharsets.US_ASCII);
		if (!status.startsWith("HTTP/1.1 101")) {
			int eol = status.indexOf('\r');
			this.client.fail(connection, "Upgrade refused: " + ((eol > 0) ? status.substring(0, eol) : status));
			return false;
		}
		connection.state = State.OPEN;
		connection.openedNanos = now;
		connection.listener.opened(connection);
		return connection.state != State.CLOSED;
	}

	private void parse(Connection connection, ByteBuffer buffer, long now) {
		while (connection.state != State.CLOSED && connection.reading && buffer.remaining() >= 2) {
			int at = buffer.position();
			int b0 = buffer.get(at) & 0xFF;
			int b1 = buffer.get(at + 1) & 0xFF;
			boolean fin = (b0 & 0x80) != 0;
			int opcode = b0 & 0x0F;
			boolean masked = (b1 & 0x80) != 0;
			long length = b1 & 0x7F;
			int header = 2;
			if (length == 126) {
				if (buffer.remaining() < 4) {
					return;
				}
				length = buffer.getShort(at + 2) & 0xFFFF;
				header = 4;
			}
			else if (length == 127) {
				if (buffer.remaining() < 10) {
					return;
				}
				length = buffer.getLong(at + 2);
				header = 10;
			}
			int maskAt = at + header;
			if (masked) {
				header += 4;
			}
			if (length > MAX_FRAME) {
				this.client.fail(connection, "Frame of " + length + " bytes");
				return;
			}
			if (buffer.remaining() < header + length) {
				return;
			}
			int payloadAt = at + header;
			int payloadEnd = payloadAt + (int) length;
			if (masked) {
				for (int i = payloadAt; i < payloadEnd; i++) {
					buffer.put(i, (byte) (buffer.get(i) ^ buffer.get(maskAt + ((i - payloadAt) & 3))));
				}
			}
			int limit = buffer.limit();
			buffer.position(payloadAt).limit(payloadEnd);
			frame(connection, opcode, fin, buffer, now);
			buffer.limit(limit).position(payloadEnd);
		}
	}

	private void frame(Connection connection, int opcode, boolean fin, ByteBuffer payload, long now) {
		switch (opcode) {
			case 0x0 -> continuation(connection, fin, payload, now);
			case 0x1, 0x2 -> {
				if (fin) {
					connection.messagesReceived++;
					connection.bytesReceived += payload.remaining();
					connection.listener.message(connection, opcode == 0x1, payload, now);
				}
				else {
					connection.fragments = ByteBuffer.allocate(Math.max(1024, payload.remaining() * 2));
					connection.fragmentsText = opcode == 0x1;
					connection.fragments.put(payload);
				}
			}
			case 0x8 -> {
				int code = (payload.remaining() >= 2) ? (payload.getShort(payload.position()) & 0xFFFF)
						: CloseCodes.NO_STATUS;
				if (!connection.closeSent) {
					this.writer.close(connection, code);
					this.writer.flush(connection);
				}
				this.client.ended(connection, code);
			}
			case 0x9 -> {
				connection.pingsReceived++;
				byte[] data = new byte[payload.remaining()];
				payload.get(data);
				this.writer.frame(connection, 0xA, data, 0, data.length);
				connection.listener.pinged(connection, now);
			}
			case 0xA -> connection.listener.ponged(connection, now);
			default -> this.client.fail(connection, "Unknown opcode " + opcode);
		}
	}

	private void continuation(Connection connection, boolean fin, ByteBuffer payload, long now) {
		ByteBuffer fragments = connection.fragments;
		if (fragments == null) {
			this.client.fail(connection, "Continuation without a first frame");
			return;
		}
		if (fragments.remaining() < payload.remaining()) {
			if (fragments.position() + payload.remaining() > MAX_FRAME) {
				this.client.fail(connection, "Fragmented message too long");
				return;
			}
			ByteBuffer bigger = ByteBuffer.allocate(Math.max(fragments.capacity() * 2, fragments.position()
					+ payload.remaining()));
			fragments.flip();
			bigger.put(fragments);
			fragments = bigger;
			connection.fragments = bigger;
		}
		fragments.put(payload);
		if (fin) {
			fragments.flip();
			connection.fragments = null;
			connection.messagesReceived++;
			connection.bytesReceived += fragments.remaining();
			connection.listener.message(connection, connection.fragmentsText, fragments, now);
		}
	}

}
