package dev.gofr.ws.autoconfigure.integration;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the test JVM (server and clients together) holds at one moment: heap in use after a full
 * collection, live threads, and open file descriptors (sockets among them). Taken before and
 * after a chaos or soak run, the difference is what the run leaked.
 * @param heapBytes heap in use after {@link System#gc()}, in bytes
 * @param threads live threads
 * @param fileDescriptors entries of {@code /proc/self/fd}, or -1 where there is no such folder
 * @param descriptorKinds how many descriptors of each kind (socket, pipe, a file's extension), for
 * the failure message
 */
record Footprint(long heapBytes, int threads, int fileDescriptors, Map<String, Integer> descriptorKinds) {

	private static final long MB = 1024 * 1024;

	static Footprint now() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) { // a second and third collection catch what finalizers and cleaners let go
			System.gc();
		}
		String[] fds = new File("/proc/self/fd").list();
		Map<String, Integer> kinds = new TreeMap<>();
		for (String fd : (fds != null) ? fds : new String[0]) {
			kinds.merge(kind(Path.of("/proc/self/fd", fd)), 1, Integer::sum);
		}
		return new Footprint(memory.getHeapMemoryUsage().getUsed(), ManagementFactory.getThreadMXBean().getThreadCount(),
				(fds != null) ? fds.length : -1, kinds);
	}

	private static String kind(Path fd) {
		try {
			String target = Files.readSymbolicLink(fd).toString();
			int colon = target.indexOf(':');
			if (colon > 0) {
				return target.substring(0, colon); // socket, pipe, anon_inode
			}
			int dot = target.lastIndexOf('.');
			return (dot > target.lastIndexOf('/')) ? target.substring(dot) : "other";
		}
		catch (IOException ex) {
			return "gone"; // closed while listed, such as the listing's own descriptor
		}
	}

	long heapMegabytes() {
		return this.heapBytes / MB;
	}

	/**
	 * Wait until the footprint is back within the given tolerances of a baseline: what is let go
	 * at the end of a run (sockets, idle pool threads) may take a moment.
	 * @param baseline the footprint before the run
	 * @param heapMegabytes heap growth allowed, in MB
	 * @param threads thread growth allowed
	 * @param fileDescriptors descriptor growth allowed
	 * @param timeout how long to wait
	 * @return the footprint that was within the tolerances
	 */
	static Footprint awaitWithin(Footprint baseline, long heapMegabytes, int threads, int fileDescriptors,
			Duration timeout) {
		AtomicReference<Footprint> last = new AtomicReference<>();
		await().atMost(timeout).untilAsserted(() -> {
			Footprint now = now();
			last.set(now);
			assertThat(now.heapBytes - baseline.heapBytes).as("heap growth after GC in bytes, from %s to %s", baseline, now)
				.isLessThanOrEqualTo(heapMegabytes * MB);
			assertThat(now.threads - baseline.threads).as("thread growth, from %s to %s", baseline, now)
				.isLessThanOrEqualTo(threads);
			assertThat(now.fileDescriptors - baseline.fileDescriptors).as("file descriptor growth, from %s to %s", baseline, now)
				.isLessThanOrEqualTo(fileDescriptors);
		});
		return last.get();
	}

	@Override
	public String toString() {
		return heapMegabytes() + " MB heap after GC, " + this.threads + " threads, " + this.fileDescriptors
				+ " file descriptors " + this.descriptorKinds;
	}

}
