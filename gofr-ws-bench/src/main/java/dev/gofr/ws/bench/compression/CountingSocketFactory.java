package dev.gofr.ws.bench.compression;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.LongAdder;

import javax.net.SocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * Sockets that count the bytes that cross them, in both directions: what the client's WebSocket
 * frames cost on the wire, handshakes and frame headers included.
 */
final class CountingSocketFactory extends SocketFactory {

	private final LongAdder read = new LongAdder();

	private final LongAdder written = new LongAdder();

	/**
	 * Bytes read from every socket so far.
	 * @return bytes, server to client
	 */
	long read() {
		return this.read.sum();
	}

	/**
	 * Bytes written to every socket so far.
	 * @return bytes, client to server
	 */
	long written() {
		return this.written.sum();
	}

	@Override
	public Socket createSocket() {
		return new CountingSocket();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new InetSocketAddress(address, port));
	}

	private Socket connected(InetSocketAddress address) throws IOException {
		Socket socket = new CountingSocket();
		socket.connect(address);
		return socket;
	}

	private final class CountingSocket extends Socket {

		private @Nullable InputStream in;

		private @Nullable OutputStream out;

		CountingSocket() {
			try {
				// as browsers do: without it, a frame written in two parts waits for the peer's delayed ACK
				setTcpNoDelay(true);
			}
			catch (java.net.SocketException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (this.in == null) {
				this.in = new FilterInputStream(super.getInputStream()) {

					@Override
					public int read() throws IOException {
						int b = super.read();
						if (b >= 0) {
							CountingSocketFactory.this.read.increment();
						}
						return b;
					}

					@Override
					public int read(byte[] bytes, int offset, int length) throws IOException {
						int n = this.in.read(bytes, offset, length);
						if (n > 0) {
							CountingSocketFactory.this.read.add(n);
						}
						return n;
					}

				};
			}
			return this.in;
		}

		@Override
		public synchronized OutputStream getOutputStream() throws IOException {
			if (this.out == null) {
				this.out = new FilterOutputStream(super.getOutputStream()) {

					@Override
					public void write(int b) throws IOException {
						this.out.write(b);
						CountingSocketFactory.this.written.increment();
					}

					@Override
					public void write(byte[] bytes, int offset, int length) throws IOException {
						this.out.write(bytes, offset, length); // FilterOutputStream's own writes byte by byte
						CountingSocketFactory.this.written.add(length);
					}

				};
			}
			return this.out;
		}

	}

}
