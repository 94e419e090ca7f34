package dev.gofr.ws.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A port that speaks just enough HTTP to refuse handshakes, for the client's failure tests: it
 * counts the TCP connections it accepts, and answers each with a fixed response, or closes it at
 * once.
 */
final class RawServer implements AutoCloseable {

	/** 503, as a node that is full answers. */
	static final String UNAVAILABLE = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

	final AtomicInteger accepted = new AtomicInteger();

	private final ServerSocket socket;

	/**
	 * @param response what each connection gets, or {@code null} to close it as soon as it is accepted
	 * @param readFirst whether the request is read before the response goes out (a server that
	 * answers at once may close before the client has sent its request)
	 */
	RawServer(@Nullable String response, boolean readFirst) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					this.accepted.incrementAndGet();
					if (response != null) {
						if (readFirst) {
							readRequest(connection.getInputStream());
						}
						connection.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
					}
				}
				catch (IOException ex) {
					// closed
				}
			}
		}, "raw-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	URI url() {
		return URI.create("ws://127.0.0.1:" + this.socket.getLocalPort() + "/");
	}

	private static void readRequest(InputStream in) throws IOException {
		byte[] end = { '\r', '\n', '\r', '\n' };
		int matched = 0;
		int b;
		while (matched < end.length && (b = in.read()) >= 0) {
			matched = (b == end[matched]) ? matched + 1 : (b == '\r') ? 1 : 0;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
