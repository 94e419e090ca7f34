package dev.gofr.ws.bench.compression;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Drives an echo endpoint with one payload: a number of OkHttp WebSocket clients (which offer
 * permessage-deflate and, here, compress every message they send, as browsers do), each keeping a
 * fixed number of messages in flight, every echo checked against what was sent. Between the edges
 * of the measured window it counts the messages echoed, the bytes on the client's sockets and the
 * server's CPU time.
 */
public final class CompressionLoad {

	private final URI uri;

	private final int connections;

	private final int window;

	/**
	 * Create the load.
	 * @param uri the echo endpoint, such as {@code ws://127.0.0.1:9000/ws/echo}
	 * @param connections how many clients
	 * @param window messages each client keeps in flight
	 */
	public CompressionLoad(URI uri, int connections, int window) {
		this.uri = uri;
		this.connections = connections;
		this.window = window;
	}

	/**
	 * Run one payload.
	 * @param payload what to send
	 * @param warmup how long to run before measuring
	 * @param measure how long to measure
	 * @param serverCpu the server's CPU time so far, in nanoseconds
	 * @return the figures of the measured window
	 * @throws Exception when the clients cannot connect or an echo differs from what was sent
	 */
	public CompressionResult run(CompressionPayload payload, Duration warmup, Duration measure, LongSupplier serverCpu)
			throws Exception {
		List<Object> messages = payload.messages();
		CountingSocketFactory sockets = new CountingSocketFactory();
		OkHttpClient http = new OkHttpClient.Builder().socketFactory(sockets)
			.minWebSocketMessageToCompress(0)
			.readTimeout(Duration.ZERO)
			.build();
		List<Client> clients = new ArrayList<>();
		try {
			for (int i = 0; i < this.connections; i++) {
				Client client = new Client(messages, i * 7);
				client.webSocket = http.newWebSocket(new Request.Builder().url(this.uri.toString()).build(), client);
				clients.add(client);
			}
			String extensions = "";
			for (Client client : clients) {
				extensions = client.opened.get(10, TimeUnit.SECONDS);
			}
			for (Client client : clients) {
				for (int i = 0; i < this.window; i++) {
					client.sendNext();
				}
			}
			Thread.sleep(warmup.toMillis()); // a benchmark's clock, not synchronisation
			Snapshot start = snapshot(clients, sockets, serverCpu);
			Thread.sleep(measure.toMillis());
			Snapshot end = snapshot(clients, sockets, serverCpu);
			for (Client client : clients) {
				client.running = false;
				if (client.failure != null) {
					throw new IllegalStateException("A client failed: " + client.failure, client.failure);
				}
				if (client.mismatches.get() > 0) {
					throw new IllegalStateException(client.mismatches.get() + " echoes differed from what was sent");
				}
			}
			long echoed = end.echoed - start.echoed;
			if (echoed == 0) {
				throw new IllegalStateException("Nothing was echoed in the measured window");
			}
			double seconds = (end.nanos - start.nanos) / 1e9;
			return new CompressionResult(payload, extensions.contains("permessage-deflate"), echoed, echoed / seconds,
					(end.serverCpu - start.serverCpu) / 1e3 / echoed, (end.clientCpu - start.clientCpu) / 1e9 / seconds,
					(double) (end.written - start.written) / echoed, (double) (end.read - start.read) / echoed,
					averageSize(messages));
		}
		finally {
			for (Client client : clients) {
				client.running = false;
				if (client.webSocket != null) {
					client.webSocket.cancel();
				}
			}
			http.dispatcher().executorService().shutdown();
			http.connectionPool().evictAll();
		}
	}

	private static Snapshot snapshot(List<Client> clients, CountingSocketFactory sockets, LongSupplier serverCpu) {
		long echoed = clients.stream().mapToLong((client) -> client.echoed.get()).sum();
		return new Snapshot(System.nanoTime(), echoed, sockets.written(), sockets.read(), serverCpu.getAsLong(),
				ownCpuNanos());
	}

	private static long ownCpuNanos() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		return (os instanceof com.sun.management.OperatingSystemMXBean sun) ? sun.getProcessCpuTime() : -1;
	}

	private static double averageSize(List<Object> messages) {
		return messages.stream()
			.mapToInt((message) -> (message instanceof byte[] bytes) ? bytes.length
					: ((String) message).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
			.average()
			.orElse(0);
	}

	private record Snapshot(long nanos, long echoed, long written, long read, long serverCpu, long clientCpu) {
	}

	/**
	 * One connection: sends the pool's messages in turn and, for each echo, checks it and sends
	 * the next.
	 */
	private static final class Client extends WebSocketListener {

		final CompletableFuture<String> opened = new CompletableFuture<>();

		final AtomicLong echoed = new AtomicLong();

		final AtomicLong mismatches = new AtomicLong();

		private final List<Object> messages;

		private final Queue<Integer> inFlight = new ConcurrentLinkedQueue<>();

		private int next;

		volatile boolean running = true;

		volatile @Nullable Throwable failure;

		@Nullable WebSocket webSocket;

		Client(List<Object> messages, int first) {
			this.messages = messages;
			this.next = first;
		}

		synchronized void sendNext() {
			WebSocket socket = this.webSocket;
			if (!this.running || socket == null) {
				return;
			}
			int index = this.next++ % this.messages.size();
			this.inFlight.add(index);
			Object message = this.messages.get(index);
			if (message instanceof byte[] bytes) {
				socket.send(ByteString.of(bytes));
			}
			else {
				socket.send((String) message);
			}
		}

		private void echoed(Object received) {
			Integer index = this.inFlight.poll();
			Object sent = (index != null) ? this.messages.get(index) : null;
			boolean same = (sent instanceof byte[] bytes) ? received instanceof byte[] got && Arrays.equals(bytes, got)
					: received.equals(sent);
			if (!same) {
				this.mismatches.incrementAndGet();
			}
			this.echoed.incrementAndGet();
			sendNext();
		}

		@Override
		public void onOpen(WebSocket webSocket, Response response) {
			String extensions = response.header("Sec-WebSocket-Extensions");
			this.opened.complete((extensions != null) ? extensions : "");
		}

		@Override
		public void onMessage(WebSocket webSocket, String text) {
			echoed(text);
		}

		@Override
		public void onMessage(WebSocket webSocket, ByteString bytes) {
			echoed(bytes.toByteArray());
		}

		@Override
		public void onFailure(WebSocket webSocket, Throwable failure, @Nullable Response response) {
			if (this.running) {
				this.failure = failure;
			}
			this.opened.completeExceptionally(failure);
		}

	}

}
