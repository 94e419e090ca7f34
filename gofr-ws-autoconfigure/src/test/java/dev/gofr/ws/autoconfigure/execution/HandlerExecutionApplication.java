package dev.gofr.ws.autoconfigure.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.gofr.ws.observation.MessageObservationContext;
import dev.gofr.ws.route.WsRoute;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The application of the handler execution tests: routes whose handlers block, take their time or
 * tell where they run, and a pool that a test may name as their executor. Where they run is the
 * test's properties' choice.
 */
@SpringBootApplication
public class HandlerExecutionApplication {

	/** The messages the {@code slow} route has handled. */
	static final AtomicInteger SLOW_HANDLED = new AtomicInteger();

	/**
	 * The most messages of a {@code slow} connection received but not yet handled, as its handler
	 * saw on starting a message: received, counted by the connection, less those handled before.
	 */
	static final AtomicLong SLOW_MOST_WAITING = new AtomicLong();

	/** The threads on which the observations of messages started, by the message's text. */
	static final Map<String, String> OBSERVED_ON = new ConcurrentHashMap<>();

	static void resetSlow() {
		SLOW_HANDLED.set(0);
		SLOW_MOST_WAITING.set(0);
	}

	/**
	 * A pool of 8 threads named {@code handler-pool-}, for the tests that name an executor bean.
	 * @return the pool
	 */
	@Bean
	ThreadPoolTaskExecutor handlerPool() {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setCorePoolSize(8);
		pool.setMaxPoolSize(8);
		pool.setThreadNamePrefix("handler-pool-");
		return pool;
	}

	/**
	 * Observations of messages (with {@code gofr.ws.observation.messages=true}): where each started.
	 * @return the registry
	 */
	@Bean
	ObservationRegistry observationRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<MessageObservationContext>() {

			@Override
			public void onStart(MessageObservationContext context) {
				OBSERVED_ON.put(context.message().text(), Thread.currentThread().getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof MessageObservationContext;
			}

		});
		return registry;
	}

	@Bean
	WsRoute echoRoute() {
		return WsRoute.of("/ws/echo", (connection, message) -> message.payload()).withName("echo");
	}

	/** Answers with the name of the thread the handler runs on. */
	@Bean
	WsRoute threadRoute() {
		return WsRoute.of("/ws/thread", (connection, message) -> Thread.currentThread().getName()).withName("thread");
	}

	/** Blocks for a second, as a handler waiting for a database might, then answers. */
	@Bean
	WsRoute blockingRoute() {
		return WsRoute.of("/ws/blocking", (connection, message) -> {
			TimeUnit.SECONDS.sleep(1);
			return "done " + message.text();
		}).withName("blocking");
	}

	/**
	 * Takes from 0 to 4 milliseconds per message, and answers {@code overlap} when it finds another
	 * message of the same connection in its hands.
	 */
	@Bean
	WsRoute orderedRoute() {
		return WsRoute.of("/ws/ordered", (connection, message) -> {
			AtomicBoolean busy = (AtomicBoolean) connection.get("busy");
			if (busy == null) {
				busy = new AtomicBoolean();
				connection.set("busy", busy);
			}
			if (!busy.compareAndSet(false, true)) {
				return "overlap";
			}
			try {
				TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(5));
				return message.text();
			}
			finally {
				busy.set(false);
			}
		}).withName("ordered");
	}

	/** Takes 10 milliseconds per message and answers nothing; see {@link #SLOW_MOST_WAITING}. */
	@Bean
	WsRoute slowRoute() {
		return WsRoute.of("/ws/slow", (connection, message) -> {
			long waiting = connection.info().messagesReceived() - SLOW_HANDLED.get();
			SLOW_MOST_WAITING.accumulateAndGet(waiting, Math::max);
			TimeUnit.MILLISECONDS.sleep(10);
			SLOW_HANDLED.incrementAndGet();
			return null;
		}).withName("slow");
	}

}
