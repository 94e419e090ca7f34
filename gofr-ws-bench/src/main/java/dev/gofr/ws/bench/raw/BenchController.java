package dev.gofr.ws.bench.raw;

import java.io.IOException;
import java.util.Map;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.PacedBroadcast;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The broadcast the load generator drives; {@link dev.gofr.ws.bench.BenchProbes} has the probes.
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
	 * other on this thread, a failing session skipped. With {@code intervalMs}, one such loop
	 * every {@code intervalMs} milliseconds from a scheduler thread, each stamped with the time
	 * it was due (see {@link PacedBroadcast}).
	 * @return once the loop is done: the sends that returned and those that failed; when paced,
	 * at once: the broadcasts scheduled
	 */
	@PostMapping("/bench/fanout")
	Map<String, Object> fanout(@RequestParam int count, @RequestParam int size,
			@RequestParam(defaultValue = "0") int intervalMs) {
		if (intervalMs > 0) {
			PacedBroadcast.start(count, intervalMs, (due) -> broadcast(due, size, new long[2]));
			return Map.of("scheduled", count, "intervalMs", intervalMs);
		}
		long[] sent = new long[2];
		for (int i = 0; i < count; i++) {
			broadcast(System.nanoTime(), size, sent);
		}
		return Map.of("queued", sent[0], "refused", sent[1]);
	}

	/**
	 * One message to every session, one send after the other.
	 * @param sent where to count the sends that returned (index 0) and failed (index 1)
	 */
	private void broadcast(long stamp, int size, long[] sent) {
		String text = BenchPayload.stamped(stamp, size);
		for (WebSocketSession session : this.fanout.sessions().all()) {
			try {
				session.sendMessage(new TextMessage(text));
				sent[0]++;
			}
			catch (IOException | RuntimeException ex) {
				// closed meanwhile, or over the decorator's limits (which closes it)
				sent[1]++;
			}
		}
	}

}
