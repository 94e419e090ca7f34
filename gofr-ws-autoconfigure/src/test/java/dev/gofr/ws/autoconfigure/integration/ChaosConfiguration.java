package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsRoute;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.CloseStatus;

/**
 * What the chaos and soak tests add to {@link TestApplication}: a room route, a route whose
 * handler blocks or fails on request, a record of how each connection ended, and meters.
 * Imported (or given as a source) where wanted, and deliberately not a {@code @Configuration}:
 * contexts started with {@code SpringApplicationBuilder} scan this package without Boot's test
 * filter, and would otherwise pick it up.
 */
class ChaosConfiguration {

	/**
	 * {@code join <room>}, {@code leave <room>}, {@code say <room> <text>} (to the room's members)
	 * and {@code all <text>} (to every connection of the route); replies to join and leave.
	 */
	@Bean
	WsRoute roomRoute(Broadcaster broadcaster) {
		return WsRoute.of("/ws/room", (connection, message) -> {
			String[] words = message.text().split(" ", 3);
			return switch (words[0]) {
				case "join" -> {
					connection.join(words[1]);
					yield "joined " + words[1];
				}
				case "leave" -> {
					connection.leave(words[1]);
					yield "left " + words[1];
				}
				case "say" -> {
					broadcaster.toRoom(words[1]).send(words[2]);
					yield null;
				}
				case "all" -> {
					broadcaster.toRoute(connection.endpoint()).send(message.text().substring(4));
					yield null;
				}
				default -> message.payload();
			};
		}).withName("room");
	}

	/**
	 * {@code block}: holds the container's thread until the {@link Blocker} releases it;
	 * {@code overflow}: recurses until the stack overflows; anything else is echoed.
	 */
	@Bean
	WsRoute blockingRoute(Blocker blocker) {
		return WsRoute.of("/ws/blocking", (connection, message) -> switch (message.text()) {
			case "block" -> blocker.block();
			case "overflow" -> depth(0);
			default -> message.payload();
		}).withName("blocking");
	}

	private static int depth(int depth) {
		return depth(depth + 1) + 1;
	}

	@Bean
	Blocker blocker() {
		return new Blocker();
	}

	@Bean
	Endings endings() {
		return new Endings();
	}

	@Bean
	@ConditionalOnMissingBean(MeterRegistry.class) // a scanned test configuration may bring one already
	SimpleMeterRegistry chaosMeterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * Holds a handler until released.
	 */
	static final class Blocker {

		private volatile CountDownLatch entered = new CountDownLatch(1);

		private volatile CountDownLatch release = new CountDownLatch(1);

		String block() {
			this.entered.countDown();
			try {
				// bounded, so that a failed test cannot hold a container thread for ever
				return this.release.await(60, TimeUnit.SECONDS) ? "released" : "gave up";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

		boolean awaitEntered(Duration timeout) throws InterruptedException {
			return this.entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		void release() {
			this.release.countDown();
		}

		void reset() {
			this.entered = new CountDownLatch(1);
			this.release = new CountDownLatch(1);
		}

	}

	/**
	 * The close code each connection ended with, by connection id, as the server reports it.
	 */
	static final class Endings implements ConnectionListener {

		private final Map<String, Integer> codes = new ConcurrentHashMap<>();

		private final Map<String, CloseStatus> statuses = new ConcurrentHashMap<>();

		@Override
		public void closed(WsConnection connection, CloseStatus status) {
			this.codes.put(connection.id(), status.getCode());
			this.statuses.put(connection.id(), status);
		}

		Map<String, Integer> codes() {
			return this.codes;
		}

		Map<String, CloseStatus> statuses() {
			return this.statuses;
		}

		void clear() {
			this.codes.clear();
			this.statuses.clear();
		}

	}

}
