package dev.gofr.ws.bench.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples of a JFR recording ({@code jdk.ExecutionSample}, plus
 * {@code jdk.NativeMethodSample} for threads in a system call): samples per thread, the top
 * frames by self samples, and the methods of chosen packages by inclusive samples. A recording
 * comes from {@code BenchRunner --jfr}.
 * <p>
 * {@code java dev.gofr.ws.bench.runner.JfrTopFrames target/jfr/fanout-gofr-1.jfr [top] [package
 * prefixes, comma-separated] [last seconds]}: the last argument keeps only the samples of the
 * recording's last seconds (a run's measured window ends when the server is stopped), leaving
 * out the start-up and the connecting.
 */
public final class JfrTopFrames {

	private JfrTopFrames() {
	}

	/**
	 * Print the summary.
	 * @param args the recording, optionally how many lines per table and the package prefixes
	 * @throws IOException when the recording cannot be read
	 */
	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		int top = (args.length > 1) ? Integer.parseInt(args[1]) : 25;
		List<String> packages = List.of(((args.length > 2) ? args[2]
				: "dev.gofr.,org.apache.tomcat.,org.apache.coyote.,org.springframework.,sun.nio.,io.micrometer.")
			.split(","));
		long lastSeconds = (args.length > 3) ? Long.parseLong(args[3]) : 0;
		List<RecordedEvent> events = RecordingFile.readAllEvents(file);
		java.time.Instant end = events.stream().map(RecordedEvent::getStartTime).max(java.time.Instant::compareTo)
			.orElse(java.time.Instant.MAX);
		java.time.Instant from = (lastSeconds > 0) ? end.minusSeconds(lastSeconds) : java.time.Instant.MIN;
		Map<String, Integer> threads = new HashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		int total = 0;
		int inNative = 0;
		for (RecordedEvent event : events) {
			if (event.getStartTime().isBefore(from)) {
				continue;
			}
			String type = event.getEventType().getName();
			boolean isNative = type.equals("jdk.NativeMethodSample");
			if (!type.equals("jdk.ExecutionSample") && !isNative) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			String thread = event.getThread("sampledThread") != null ? event.getThread("sampledThread").getJavaName()
					: "?";
			if (isNative && isIdle(stack)) {
				continue; // waiting in epoll or a queue, not working
			}
			total++;
			inNative += isNative ? 1 : 0;
			threads.merge(threadGroup(thread), 1, Integer::sum);
			self.merge(name(stack.getFrames().get(0)) + (isNative ? " [native]" : ""), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : stack.getFrames()) {
				String name = name(frame);
				if (packages.stream().anyMatch(name::startsWith) && seen.add(name)) {
					inclusive.merge(name, 1, Integer::sum);
				}
			}
		}
		System.out.printf("%s%s: %d CPU samples (%d in native code, idle waits left out)%n%n", file.getFileName(),
				(lastSeconds > 0) ? ", last " + lastSeconds + " s" : "", total, inNative);
		print("Samples by thread", threads, total, top);
		print("Top frames (self)", self, total, top);
		print("Methods of " + packages + " (inclusive)", inclusive, total, top);
	}

	private static boolean isIdle(RecordedStackTrace stack) {
		String top = name(stack.getFrames().get(0));
		return top.contains("EPoll.wait") || top.contains("Unsafe.park") || top.contains("Object.wait")
				|| top.contains("Net.accept") || top.contains("Net.poll") || top.contains("Thread.sleep");
	}

	private static String threadGroup(String thread) {
		return thread.replaceAll("-\\d+$", "-N").replaceAll("exec-\\d+", "exec-N");
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static void print(String title, Map<String, Integer> counts, int total, int top) {
		System.out.println(title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach((entry) -> System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * entry.getValue() / total,
					entry.getValue(), entry.getKey()));
		System.out.println();
	}

}
