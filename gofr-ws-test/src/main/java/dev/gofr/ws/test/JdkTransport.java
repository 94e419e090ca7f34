package dev.gofr.ws.test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;

/**
 * A {@link Transport} on the JDK's {@link HttpClient}, which answers every ping itself. Reading
 * is paced by demand, one frame at a time, so pausing stops reading at the socket.
 */
final class JdkTransport implements Transport {

	/** One HTTP client for every test client: creating one per connection costs threads. */
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final WebSocket webSocket;

	private final Listener listener;

	private JdkTransport(WebSocket webSocket, Listener listener) {
		this.webSocket = webSocket;
		this.listener = listener;
	}

	static JdkTransport connect(URI uri, Map<String, String> headers, Duration timeout, FrameRecord record) {
		Listener listener = new Listener(record);
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(timeout);
		headers.forEach(builder::header);
		try {
			WebSocket webSocket = builder.buildAsync(uri, listener).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new JdkTransport(webSocket, listener);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				throw new HandshakeFailedException(uri, refused.getResponse().statusCode(),
						refused.getResponse().headers().map(), refused);
			}
			throw new HandshakeFailedException(uri, -1, Map.of(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new HandshakeFailedException(uri, -1, Map.of(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HandshakeFailedException(uri, -1, Map.of(), ex);
		}
	}

	@Override
	public CompletableFuture<?> sendText(String text) {
		return this.webSocket.sendText(text, true);
	}

	@Override
	public CompletableFuture<?> sendBinary(ByteBuffer bytes) {
		return this.webSocket.sendBinary(bytes, true);
	}

	@Override
	public CompletableFuture<?> sendPing(ByteBuffer payload) {
		return this.webSocket.sendPing(payload);
	}

	@Override
	public CompletableFuture<?> sendPong(ByteBuffer payload) {
		return this.webSocket.sendPong(payload);
	}

	@Override
	public CompletableFuture<?> sendClose(int code, String reason) {
		return this.webSocket.sendClose(code, reason);
	}

	@Override
	public boolean isOutputClosed() {
		return this.webSocket.isOutputClosed();
	}

	@Override
	public void pauseReading() {
		this.listener.pause();
	}

	@Override
	public void resumeReading() {
		this.listener.resume(this.webSocket);
	}

	@Override
	public void abort() {
		this.webSocket.abort();
	}

	private static final class Listener implements WebSocket.Listener {

		private final FrameRecord record;

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		private boolean paused;

		private boolean demandOwed;

		/** What arrived while paused, after the one frame already asked for: recorded on resume. */
		private final List<Runnable> held = new ArrayList<>();

		Listener(FrameRecord record) {
			this.record = record;
		}

		private synchronized void request(WebSocket webSocket) {
			if (this.paused) {
				this.demandOwed = true;
			}
			else {
				webSocket.request(1);
			}
		}

		synchronized void pause() {
			this.paused = true;
		}

		synchronized void resume(WebSocket webSocket) {
			this.paused = false;
			this.held.forEach(Runnable::run);
			this.held.clear();
			if (this.demandOwed) {
				this.demandOwed = false;
				webSocket.request(1);
			}
		}

		private synchronized void record(Runnable recording) {
			if (this.paused) {
				this.held.add(recording);
			}
			else {
				recording.run();
			}
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				Frame text = new Frame.Text(this.text.toString());
				record(() -> this.record.message(text));
				this.text.setLength(0);
			}
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			this.binary.writeBytes(bytes(data));
			if (last) {
				Frame binary = new Frame.Binary(this.binary.toByteArray());
				record(() -> this.record.message(binary));
				this.binary.reset();
			}
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			byte[] payload = bytes(message);
			record(() -> this.record.ping(payload));
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			byte[] payload = bytes(message);
			record(() -> this.record.pong(payload));
			request(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			Frame.Close close = new Frame.Close(statusCode, reason);
			record(() -> this.record.ended(close));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.record.ended(new Frame.Close(1006, String.valueOf(error)));
		}

		private static byte[] bytes(ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}

	}


}
