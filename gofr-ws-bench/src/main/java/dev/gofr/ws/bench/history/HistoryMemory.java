package dev.gofr.ws.bench.history;

import java.time.Duration;
import java.util.List;

import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.history.HistorySettings;
import dev.gofr.ws.history.InMemoryHistory;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.time.Ticker;

/**
 * What an in-memory history holds on the heap: fills {@code rooms} rooms with {@code size}
 * JSON messages of {@code bytes} bytes each (stamped as the history stamps them) and prints the
 * heap in use after a full GC, before and after, per kept message. Run with
 * {@code java -XX:+UseSerialGC -cp "gofr-ws-bench/target/classes:gofr-ws-bench/target/lib/*"
 * dev.gofr.ws.bench.history.HistoryMemory 1000 100 200}.
 */
public final class HistoryMemory {

	private HistoryMemory() {
	}

	/**
	 * Measure and print.
	 * @param args rooms, messages kept per room, bytes per message (at least 40)
	 * @throws InterruptedException if interrupted while the collector runs
	 */
	public static void main(String[] args) throws InterruptedException {
		int rooms = Integer.parseInt(args[0]);
		int size = Integer.parseInt(args[1]);
		int bytes = Integer.parseInt(args[2]);
		String json = "{\"type\":\"message\",\"text\":\"" + "x".repeat(Math.max(0, bytes - 28)) + "\"}";
		long before = usedAfterGc();
		InMemoryHistory history = new InMemoryHistory(
				HistoryRules.of(new HistorySettings(List.of("*"), size, Duration.ofMinutes(5))), Ticker.system());
		for (int message = 0; message < size; message++) {
			for (int room = 0; room < rooms; room++) {
				history.publish("room-" + room, null, OutboundFrame.text(json), (stamped) -> {
				});
			}
		}
		long after = usedAfterGc();
		System.out.printf("%d rooms x %d messages of %d bytes: %.1f MB, %.0f bytes per kept message (%d streams)%n",
				rooms, size, json.length(), (after - before) / 1e6, (after - before) / (double) ((long) rooms * size),
				history.streams());
	}

	private static long usedAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200); // lets a concurrent collector finish; SerialGC is done at once
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
