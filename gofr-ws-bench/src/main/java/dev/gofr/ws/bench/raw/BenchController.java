package dev.gofr.ws.bench.raw;

import java.io.IOException;
import java.util.Map;

import dev.gofr.ws.bench.BenchPayload;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The endpoints the load generator drives and probes.
 */
@RestController
class BenchController {

	private final FanoutHandler fanout;

	BenchController(FanoutHandler fanout) {
		this.fanout = fanout;
	}

	/**
	 * Broadcast {@code count} messages of {@code size} bytes to every {@code /ws/fanout}
	 * session, each stamped with the time its loop starts: the naive loop, one send after the
	 * other on this thread, a failing session skipped.
	 * @return once the loop is done: the sends that returned and those that failed
	 */
	@PostMapping("/bench/fanout")
	Map<String, Object> fanout(@RequestParam int count, @RequestParam int size) {
		long queued = 0;
		long refused = 0;
		for (int i = 0; i < count; i++) {
			String text = BenchPayload.stamped(System.nanoTime(), size);
			for (WebSocketSession session : this.fanout.sessions().all()) {
				try {
					session.sendMessage(new TextMessage(text));
					queued++;
				}
				catch (IOException | RuntimeException ex) {
					// closed meanwhile, or over the decorator's limits (which closes it)
					refused++;
				}
			}
		}
		return Map.of("queued", queued, "refused", refused);
	}

	@GetMapping("/bench/clock")
	String clock() {
		return Long.toString(System.nanoTime());
	}

	@GetMapping("/bench/health")
	String health() {
		return "ok";
	}

}
