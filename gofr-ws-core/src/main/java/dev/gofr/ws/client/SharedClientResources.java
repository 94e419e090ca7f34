package dev.gofr.ws.client;

import java.net.http.HttpClient;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The HTTP client and the scheduler that every {@link ReconnectingClient} shares unless its
 * builder is given its own: one selector thread and one timer thread for any number of clients.
 * Created on first use; their threads are daemons.
 */
final class SharedClientResources {

	private SharedClientResources() {
	}

	static HttpClient httpClient() {
		return Http.CLIENT;
	}

	static ScheduledExecutorService scheduler() {
		return Timer.SCHEDULER;
	}

	private static final class Http {

		static final HttpClient CLIENT = HttpClient.newHttpClient();

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
