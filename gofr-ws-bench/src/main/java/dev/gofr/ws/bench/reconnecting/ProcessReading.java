package dev.gofr.ws.bench.reconnecting;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.gofr.ws.bench.CompilerActivity;
import dev.gofr.ws.bench.client.ServerProbe;

/**
 * What this JVM has used so far, read at both edges of a measured window: CPU time of the whole
 * process (every thread, the JIT compiler's and the garbage collector's too), split into user and
 * kernel time from {@code /proc}, read and write system calls, bytes allocated, collections and
 * compiling, each Java thread's CPU time and allocation, and the CPU time of the JVM's own threads
 * that compile and collect, which are no Java threads.
 * @param nanos when it was read, {@link System#nanoTime()}
 * @param cpuNanos the process's CPU time, user and kernel, every thread
 * @param systemNanos of it in the kernel, at the resolution of the clock tick (10 ms at 100 Hz)
 * @param readCalls read system calls of every kind ({@code syscr} of {@code /proc/self/io})
 * @param writeCalls write system calls of every kind ({@code syscw})
 * @param collections garbage collections, young and old
 * @param collectionMillis the time the collections took
 * @param compileMillis the time the JIT compiler worked
 * @param threads each live Java thread by id
 * @param compilerNanos the CPU time of the JIT compiler's threads, from
 * {@code /proc/self/task/<tid>/schedstat} (nanoseconds)
 * @param collectorNanos the CPU time of the garbage collector's threads and the VM thread
 */
public record ProcessReading(long nanos, long cpuNanos, long systemNanos, long readCalls, long writeCalls,
		long collections, long collectionMillis, long compileMillis, Map<Long, ThreadReading> threads,
		long compilerNanos, long collectorNanos) {

	/** The kernel's names of HotSpot's compiler threads, cut to 15 characters, start so. */
	private static final String[] COMPILER_THREADS = { "C1 CompilerThre", "C2 CompilerThre" };

	/** ...and of its collector's threads (G1's, the parallel and serial collectors') and the VM thread. */
	private static final String[] COLLECTOR_THREADS = { "GC Thread", "G1 ", "VM Thread" };

	/**
	 * Read it now.
	 * @return the reading
	 */
	public static ProcessReading now() {
		long pid = ProcessHandle.current().pid();
		long[] syscalls = ServerProbe.syscalls(pid);
		long collections = 0;
		long collectionMillis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			collections += Math.max(0, collector.getCollectionCount());
			collectionMillis += Math.max(0, collector.getCollectionTime());
		}
		long cpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
		long[] jvm = jvmThreadNanos();
		return new ProcessReading(System.nanoTime(), cpu, ServerProbe.cpuSplitNanos(pid)[1], syscalls[0], syscalls[1],
				collections, collectionMillis, CompilerActivity.millis(), readThreads(), jvm[0], jvm[1]);
	}

	/**
	 * The CPU time of the JVM's compiler threads and of its collector's, from the first field of
	 * each thread's {@code schedstat}: its time on a CPU in nanoseconds.
	 */
	private static long[] jvmThreadNanos() {
		long[] nanos = new long[2];
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			tasks.forEach((task) -> {
				try {
					String name = Files.readString(task.resolve("comm")).trim();
					int group = startsWithAny(name, COMPILER_THREADS) ? 0 : startsWithAny(name, COLLECTOR_THREADS) ? 1 : -1;
					if (group >= 0) {
						nanos[group] += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
					}
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			});
		}
		catch (IOException ex) {
			return new long[] { -1, -1 };
		}
		return nanos;
	}

	private static boolean startsWithAny(String name, String[] prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static Map<Long, ThreadReading> readThreads() {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long[] ids = threads.getAllThreadIds();
		ThreadInfo[] infos = threads.getThreadInfo(ids);
		long[] cpu = threads.getThreadCpuTime(ids);
		long[] allocated = threads.getThreadAllocatedBytes(ids);
		Map<Long, ThreadReading> readings = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && cpu[i] >= 0) {
				readings.put(ids[i], new ThreadReading(infos[i].getThreadName(), cpu[i], Math.max(0, allocated[i])));
			}
		}
		return readings;
	}

	/**
	 * The bytes allocated since an earlier reading, by the threads alive now (a thread that ended
	 * in between took its count with it).
	 * @param before the earlier reading
	 * @return bytes
	 */
	public long allocatedSince(ProcessReading before) {
		long bytes = 0;
		for (Map.Entry<Long, ThreadReading> thread : this.threads.entrySet()) {
			ThreadReading earlier = before.threads.get(thread.getKey());
			bytes += thread.getValue().allocatedBytes() - ((earlier != null) ? earlier.allocatedBytes() : 0);
		}
		return bytes;
	}

	/**
	 * The CPU time of the threads since an earlier reading, grouped by name with every run of
	 * digits as {@code *}, so that a pool's threads are one group ({@code HttpClient-*-Worker-*}).
	 * The JVM's own threads (the JIT compiler's, the collector's) are not Java threads and are not
	 * among them; the process's CPU time has them.
	 * @param before the earlier reading
	 * @return nanoseconds by group, the busiest first
	 */
	public Map<String, Long> threadCpuSince(ProcessReading before) {
		Map<String, Long> groups = new HashMap<>();
		this.threads.forEach((id, thread) -> {
			ThreadReading earlier = before.threads.get(id);
			long used = thread.cpuNanos() - ((earlier != null) ? earlier.cpuNanos() : 0);
			if (used > 0) {
				groups.merge(thread.name().replaceAll("\\d+", "*"), used, Long::sum);
			}
		});
		Map<String, Long> busiest = new LinkedHashMap<>();
		groups.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((group) -> busiest.put(group.getKey(), group.getValue()));
		return busiest;
	}

	/**
	 * One thread as read.
	 * @param name its name
	 * @param cpuNanos its CPU time so far, user and kernel
	 * @param allocatedBytes the bytes it allocated so far
	 */
	public record ThreadReading(String name, long cpuNanos, long allocatedBytes) {
	}

}
