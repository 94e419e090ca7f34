package dev.gofr.ws.client;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.jspecify.annotations.Nullable;

/**
 * The Jetty WebSocket client and the scheduler that every {@link ReconnectingClient} shares unless
 * its builder is given its own: one selector and a few I/O threads for any number of clients, and
 * one timer thread. Created on first use; their threads are daemons.
 * <p>
 * Jetty's client is set for links that must behave as their settings say: it follows no
 * redirect, asks for no compressed HTTP body, opens one TCP connection per attempt
 * ({@link AttemptConnector}), and leaves the connect time to each attempt's timeout.
 */
final class SharedClientResources {

	/** The most I/O threads of one Jetty client; idle ones end after a minute. */
	private static final int MAX_THREADS = 16;

	/** How long the connection pool of an attempt outlives its last connection. */
	private static final long DESTINATION_IDLE_MILLIS = 10_000;

	private SharedClientResources() {
	}

	static WebSocketCoreClient webSocketClient() {
		return Shared.CLIENT;
	}

	static ScheduledExecutorService scheduler() {
		return Timer.SCHEDULER;
	}

	/**
	 * Where header suppliers run: threads of their own, made as needed and ended after a minute
	 * idle, so that a supplier that waits (for a token endpoint, say) holds neither the scheduler
	 * nor a thread of Jetty's I/O.
	 * @return the executor
	 */
	static Executor headerExecutor() {
		return Headers.EXECUTOR;
	}

	/**
	 * A Jetty client of its own, for a client with a TLS setup of its own; not started.
	 * @param sslContext the TLS setup, or {@code null} for the JVM's default
	 * @return the client
	 */
	static WebSocketCoreClient newWebSocketClient(@Nullable SSLContext sslContext) {
		ClientConnector connector = new AttemptConnector();
		connector.setSelectors(1);
		connector.setConnectTimeout(Duration.ofMinutes(5)); // each attempt has its own, shorter timeout
		SslContextFactory.Client tls = new SslContextFactory.Client();
		if (sslContext != null) {
			tls.setSslContext(sslContext);
		}
		connector.setSslContextFactory(tls);
		QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 1);
		threads.setName("gofr-ws-client-io");
		threads.setDaemon(true);
		threads.setReservedThreads(0);
		HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
		http.setExecutor(threads);
		http.setScheduler(new ScheduledExecutorScheduler("gofr-ws-client-io-timer", true));
		http.setFollowRedirects(false);
		http.setDestinationIdleTimeout(DESTINATION_IDLE_MILLIS); // each attempt has a destination of its own
		http.getContentDecoderFactories().clear();
		return new WebSocketCoreClient(http, null); // it starts and stops its HTTP client with it
	}

	static void start(WebSocketCoreClient client) {
		if (client.isStarted() || client.isStarting()) {
			return;
		}
		try {
			client.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the WebSocket client's Jetty client", ex);
		}
	}

	static void stop(WebSocketCoreClient client) {
		try {
			client.stop();
		}
		catch (Exception ex) {
			// stopping threads that end anyway: nothing to tell
		}
	}

	private static final class Shared {

		static final WebSocketCoreClient CLIENT = create();

		private static WebSocketCoreClient create() {
			WebSocketCoreClient client = newWebSocketClient(null);
			start(client);
			return client;
		}

	}

	private static final class Headers {

		static final Executor EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES,
				new SynchronousQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable, "gofr-ws-client-headers");
					thread.setDaemon(true);
					return thread;
				});

	}

	private static final class Timer {

		static final ScheduledExecutorService SCHEDULER = create();

		private static ScheduledExecutorService create() {
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "gofr-ws-client");
				thread.setDaemon(true);
				return thread;
			});
			scheduler.setRemoveOnCancelPolicy(true);
			return scheduler;
		}

	}

}
