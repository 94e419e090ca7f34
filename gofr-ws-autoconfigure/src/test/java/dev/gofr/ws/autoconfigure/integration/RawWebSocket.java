package dev.gofr.ws.autoconfigure.integration;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on a plain socket that writes whatever bytes it is told to: a hand-made
 * handshake, then frames built byte by byte, masked or not, with any opcode and reserved bits.
 * Real clients refuse to send broken frames; this one exists to send them.
 */
final class RawWebSocket implements Closeable {

	static final int CONTINUATION = 0x0;

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Open a socket and upgrade it to a WebSocket.
	 * @param port the server's port on localhost
	 * @param path the route's path
	 * @return the upgraded connection
	 * @throws AssertionError when the server does not answer 101
	 */
	static RawWebSocket connect(int port, String path) {
		return connect(port, path, 0);
	}

	/**
	 * A member of a room of the test application's {@code /ws/room} route that will stop reading:
	 * joined, with a 4 KB receive buffer so that the kernel's autotuning (up to 32 MB here) cannot
	 * soak up what is sent to it.
	 * @param port the server's port
	 * @param room the room to join
	 * @param timeout how long to wait for the join's answer
	 * @return the member, which reads nothing more until the test reads it
	 */
	static RawWebSocket stalledMember(int port, String room, Duration timeout) {
		RawWebSocket member = connect(port, "/ws/room", 4096);
		member.sendText("join " + room);
		assertThat(member.read(timeout).text()).isEqualTo("joined " + room);
		return member;
	}

	/**
	 * Open a socket with a receive buffer of the given size and upgrade it to a WebSocket: a peer
	 * that stops reading then holds little, whatever the kernel's buffer autotuning would allow.
	 * @param port the server's port on localhost
	 * @param path the route's path
	 * @param receiveBufferSize the socket's receive buffer, in bytes; 0 for the system's default
	 * @return the upgraded connection
	 * @throws AssertionError when the server does not answer 101
	 */
	static RawWebSocket connect(int port, String path, int receiveBufferSize) {
		try {
			Socket socket = new Socket();
			if (receiveBufferSize > 0) {
				socket.setReceiveBufferSize(receiveBufferSize); // before connecting, so the window is negotiated small
			}
			socket.connect(new java.net.InetSocketAddress("localhost", port));
			socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
			RawWebSocket webSocket = new RawWebSocket(socket);
			webSocket.out.write(upgradeRequest(port, path, Map.of()).getBytes(StandardCharsets.ISO_8859_1));
			HttpAnswer answer = HttpAnswer.read(webSocket.in);
			if (answer.status() != 101) {
				socket.close();
				throw new AssertionError("Expected 101 from " + path + " but got " + answer);
			}
			return webSocket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The text of a valid upgrade request, with extra headers that may replace the usual ones.
	 * @param port the server's port
	 * @param path the path
	 * @param headers headers to add or replace
	 * @return the request, ending with the blank line
	 */
	static String upgradeRequest(int port, String path, Map<String, String> headers) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("Host", "localhost:" + port);
		all.put("Upgrade", "websocket");
		all.put("Connection", "Upgrade");
		all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(randomBytes(16)));
		all.put("Sec-WebSocket-Version", "13");
		all.putAll(headers);
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
		all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		return request.append("\r\n").toString();
	}

	/**
	 * Write any bytes to a fresh socket and read what the server answers.
	 * @param port the server's port on localhost
	 * @param bytes what to write
	 * @return the HTTP answer, or {@link HttpAnswer#NONE} when the server closed without one
	 */
	static HttpAnswer exchange(int port, byte[] bytes) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
			try {
				socket.getOutputStream().write(bytes);
				socket.getOutputStream().flush();
			}
			catch (IOException ex) {
				// the server may refuse to read the rest; its answer is what counts
			}
			return HttpAnswer.read(new DataInputStream(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send a masked frame.
	 * @param fin whether this is the last frame of its message
	 * @param opcode the opcode
	 * @param payload the payload
	 * @return this
	 */
	RawWebSocket send(boolean fin, int opcode, byte[] payload) {
		return send((fin ? 0x80 : 0) | opcode, payload, true);
	}

	/**
	 * Send a frame whose first byte (FIN, RSV1-3, opcode) is given as it is.
	 * @param firstByte the first byte of the frame
	 * @param payload the payload
	 * @param masked whether to mask it, as every client must
	 * @return this
	 */
	RawWebSocket send(int firstByte, byte[] payload, boolean masked) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(firstByte);
		int mask = masked ? 0x80 : 0;
		if (payload.length < 126) {
			frame.write(mask | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(mask | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xFF);
		}
		else {
			frame.write(mask | 127);
			frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
		}
		if (masked) {
			byte[] key = randomBytes(4);
			frame.writeBytes(key);
			byte[] masking = new byte[payload.length];
			for (int i = 0; i < payload.length; i++) {
				masking[i] = (byte) (payload[i] ^ key[i & 3]);
			}
			frame.writeBytes(masking);
		}
		else {
			frame.writeBytes(payload);
		}
		write(frame.toByteArray());
		return this;
	}

	RawWebSocket sendText(String text) {
		return send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Write bytes as they are.
	 * @param bytes the bytes
	 */
	void write(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read the next frame from the server.
	 * @param timeout how long to wait for its first byte
	 * @return the frame
	 * @throws AssertionError when none comes in time or the socket ends first
	 */
	Frame read(Duration timeout) {
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
			int first = this.in.readUnsignedByte();
			int second = this.in.readUnsignedByte();
			long length = second & 0x7F;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.in.readLong();
			}
			byte[] payload = new byte[(int) length];
			this.in.readFully(payload);
			return new Frame((first & 0x80) != 0, first & 0x0F, payload);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No frame within " + timeout, ex);
		}
		catch (EOFException ex) {
			throw new AssertionError("The server ended the connection without a close frame", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read frames until the server's close frame, skipping pings and other frames.
	 * @param timeout the bound for each frame
	 * @return the close code, or 1005 for a close frame without one
	 */
	int awaitCloseCode(Duration timeout) {
		while (true) {
			Frame frame = read(timeout);
			if (frame.opcode() == CLOSE) {
				return frame.closeCode();
			}
		}
	}

	/**
	 * Read on, past any data, until the connection ends, and say how.
	 * @param timeout how long to wait for each frame
	 * @return the close frame's code, or 1006 when the connection ended without one
	 */
	int closeCodeSeen(Duration timeout) {
		return endingSeen(timeout).code();
	}

	/**
	 * Read on, past any data, until the connection ends, and say how.
	 * @param timeout how long to wait for each frame
	 * @return how it ended
	 * @throws AssertionError when no frame comes within the timeout and the connection is still
	 * open
	 */
	Ending endingSeen(Duration timeout) {
		long bytes = 0;
		try {
			while (true) {
				Frame frame = read(timeout);
				if (frame.opcode() == CLOSE) {
					return new Ending(frame.closeCode(), bytes, false);
				}
				bytes += frame.payload().length;
			}
		}
		catch (AssertionError ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("No frame within")) {
				throw ex;
			}
			return new Ending(1006, bytes, false); // the stream ended without a close frame
		}
		catch (UncheckedIOException ex) {
			return new Ending(1006, bytes, true); // reset without a close frame
		}
	}

	/**
	 * Whether the server has closed the TCP connection: end of stream, or a reset.
	 * @param timeout how long to wait for it
	 * @return true once the stream ends, false when it is still open after the timeout
	 */
	boolean endsWithin(Duration timeout) {
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
			while (this.in.read() != -1) {
				// drain whatever is still coming
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true; // reset
		}
	}

	/**
	 * Drop the connection with a TCP reset instead of a FIN, as a crashed peer or a middlebox
	 * does.
	 */
	void reset() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	/**
	 * A frame as read from the wire.
	 * @param fin whether the FIN bit is set
	 * @param opcode the opcode
	 * @param payload the unmasked payload
	 */
	/**
	 * How a connection ended for this side.
	 * @param code the close frame's code, or 1006 when it ended without one
	 * @param bytes the payload bytes of the frames read before the end
	 * @param reset whether it ended with a reset (RST) rather than a close frame or an end of
	 * stream
	 */
	record Ending(int code, long bytes, boolean reset) {
	}

	record Frame(boolean fin, int opcode, byte[] payload) {

		int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

	/**
	 * The status line and headers of an HTTP answer.
	 * @param status the status code, or -1 when the server closed without answering
	 * @param headers the headers, names in lower case
	 */
	record HttpAnswer(int status, Map<String, String> headers) {

		static final HttpAnswer NONE = new HttpAnswer(-1, Map.of());

		@Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		static HttpAnswer read(InputStream in) throws IOException {
			String statusLine;
			try {
				statusLine = readLine(in);
			}
			catch (IOException ex) {
				return NONE; // reset before any answer
			}
			if (statusLine == null) {
				return NONE;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
			return new HttpAnswer(Integer.parseInt(statusLine.split(" ")[1]), headers);
		}

		private static @Nullable String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b == -1) {
					return (line.length() == 0) ? null : line.toString();
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

	}

}
