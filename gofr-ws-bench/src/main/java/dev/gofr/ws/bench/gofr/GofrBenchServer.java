package dev.gofr.ws.bench.gofr;

import java.util.Map;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.BenchProbes;
import dev.gofr.ws.bench.PacedBroadcast;
import dev.gofr.ws.broadcast.BroadcastResult;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.ControllerHandler;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.sample.ChatController;
import jakarta.validation.Validator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gofr-ws server under test, set up like the sample (Actuator with Prometheus, heartbeat and
 * metrics on, the defaults otherwise): {@code /ws/echo} sends every message back,
 * {@code /ws/fanout} only receives broadcasts, and {@code POST /bench/fanout} broadcasts to it;
 * {@code /ws/chat} is the sample's chat, its own {@link ChatController}. Configured by
 * {@code gofr-bench.properties}, not by the sample's {@code application.yml}, which is on the class
 * path too; the sample's package is outside this class's, so none of its beans are scanned.
 */
@SpringBootApplication
@Import(BenchProbes.class)
public class GofrBenchServer {

	/**
	 * {@code /ws/echo}: every message back in its own type.
	 * @return the route
	 */
	@Bean
	WsRoute echoRoute() {
		return WsRoute.of("/ws/echo", (connection, message) -> message.payload()).withName("echo");
	}

	/**
	 * {@code /ws/fanout}: receives broadcasts; answers only {@code fill <bytes>}, with which the
	 * stalled clients of the benchmark fill their own socket buffers.
	 * @return the route
	 */
	@Bean
	WsRoute fanoutRoute() {
		return WsRoute.of("/ws/fanout", (connection, message) -> BenchPayload.fill(message.text())).withName("fanout");
	}

	/**
	 * {@code /ws/chat}: the sample's {@link ChatController}, as the sample serves it (text
	 * messages only, each command validated), under the same name. The controller is not a bean
	 * here (the sample's package is not scanned), so its route is declared as a {@link WsRoute}
	 * bean, its commands validated by the application's {@link Validator} as in the sample.
	 * @param broadcaster the broadcaster its {@code say} sends through
	 * @param validator the application's Bean Validation validator
	 * @return the route
	 */
	@Bean
	WsRoute chatRoute(Broadcaster broadcaster, Validator validator) {
		return ControllerHandler.of(new ChatController(broadcaster), validator).route().withName("chat");
	}

	/**
	 * Start the server.
	 * @param args Spring Boot arguments, such as {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(GofrBenchServer.class);
		application.setDefaultProperties(Map.of("spring.config.name", "gofr-bench"));
		application.run(args);
	}

	/**
	 * The broadcast the load generator drives; {@link BenchProbes} has the probes.
	 */
	@RestController
	static class BenchController {

		private final Broadcaster broadcaster;

		private final ConnectionRegistry registry;

		BenchController(Broadcaster broadcaster, ConnectionRegistry registry) {
			this.broadcaster = broadcaster;
			this.registry = registry;
		}

		/**
		 * Broadcast {@code count} messages of {@code size} bytes to every {@code /ws/fanout}
		 * connection, each stamped with the time it is handed to the broadcaster; or, with
		 * {@code intervalMs}, one every {@code intervalMs} milliseconds from a scheduler thread,
		 * each stamped with the time it was due (see {@link PacedBroadcast}).
		 * @return once every broadcast is queued: the deliveries queued and refused; when paced,
		 * at once: the broadcasts scheduled
		 */
		@PostMapping("/bench/fanout")
		Map<String, Object> fanout(@RequestParam int count, @RequestParam int size,
				@RequestParam(defaultValue = "0") int intervalMs) {
			if (intervalMs > 0) {
				PacedBroadcast.start(count, intervalMs, (due) -> broadcast(due, size));
				return Map.of("scheduled", count, "intervalMs", intervalMs);
			}
			long queued = 0;
			long refused = 0;
			for (int i = 0; i < count; i++) {
				BroadcastResult result = broadcast(System.nanoTime(), size);
				queued += result.queued();
				refused += result.dropped() + result.closed();
			}
			return Map.of("queued", queued, "refused", refused);
		}

		/**
		 * The connections the node holds: a client knows it is connected once it has the 101,
		 * which can be before the node has registered its connection.
		 * @return the count
		 */
		@GetMapping("/bench/connections")
		Map<String, Object> connections() {
			return Map.of("open", this.registry.connections().size());
		}

		/**
		 * Close every connection of the node with 1001 (going away), as a node going down
		 * for a deploy does: the reconnect storm's trigger.
		 * @return the connections closed
		 */
		@PostMapping("/bench/drop")
		Map<String, Object> drop() {
			int closed = 0;
			for (WsConnection connection : this.registry.connections()) {
				connection.close(CloseCodes.GOING_AWAY, "restart");
				closed++;
			}
			return Map.of("closed", closed);
		}

		private BroadcastResult broadcast(long stamp, int size) {
			return this.broadcaster.toRoute("fanout").send(BenchPayload.stamped(stamp, size));
		}

	}

}
