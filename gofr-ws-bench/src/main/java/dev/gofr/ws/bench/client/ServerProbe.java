package dev.gofr.ws.bench.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the load generator learns about the server process from outside: its CPU time and
 * resident memory from {@code /proc}, its heap after a forced collection ({@code jcmd} for a JVM,
 * {@code GET /bench/memory} for Node), and its clock.
 */
public final class ServerProbe {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	/** A line of {@code jcmd GC.class_histogram}: rank, instances, bytes, class name (and module). */
	private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)",
			Pattern.MULTILINE);

	private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	/** A thread's line in {@code jcmd Thread.print}: its name in quotes and, later, its native id. */
	private static final Pattern JAVA_THREAD = Pattern.compile("^\"(.*?)\" .*nid=(0x[0-9a-f]+|\\d+)",
			Pattern.MULTILINE);

	private static final long CLOCK_TICKS = clockTicks();

	private final long pid;

	private final String kind;

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Probe a server.
	 * @param pid its process id
	 * @param kind {@code gofr}, {@code raw} or {@code node}
	 * @param base its HTTP address, such as {@code http://127.0.0.1:9000}
	 */
	public ServerProbe(long pid, String kind, URI base) {
		this.pid = pid;
		this.kind = kind;
		this.base = base;
	}

	/**
	 * Whether the server is a JVM.
	 * @return {@code true} for the Spring servers
	 */
	public boolean isJava() {
		return !this.kind.equals("node");
	}

	/**
	 * The CPU time the server process has used, every thread, user and system.
	 * @return nanoseconds, at the resolution of the clock tick (10 ms at 100 Hz)
	 */
	public long cpuNanos() {
		long[] split = cpuSplitNanos(this.pid);
		return split[0] + split[1];
	}

	/**
	 * The CPU time the server process has used, every thread, split into user and system time.
	 * @return nanoseconds in user mode, then in the kernel
	 */
	public long[] cpuSplitNanos() {
		return cpuSplitNanos(this.pid);
	}

	/**
	 * The CPU time a process has used, every thread, split into user and system time.
	 * @param pid the process
	 * @return nanoseconds in user mode, then in the kernel
	 */
	public static long[] cpuSplitNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// fields after the command, which is in parentheses and may hold spaces
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long user = Long.parseLong(fields[11]); // utime
			long system = Long.parseLong(fields[12]); // stime
			return new long[] { user * 1_000_000_000L / CLOCK_TICKS, system * 1_000_000_000L / CLOCK_TICKS };
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the CPU time of process " + pid, ex);
		}
	}

	/**
	 * The context switches of every thread of the server so far, voluntary (a thread that waits
	 * or hands work to another) and not.
	 * @return the count
	 */
	public long contextSwitches() {
		List<Path> tasks = tasks();
		if (tasks.isEmpty()) {
			return -1;
		}
		long total = 0;
		for (Path task : tasks) {
			try {
				for (String line : Files.readAllLines(task.resolve("status"))) {
					if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
						total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
					}
				}
			}
			catch (IOException ex) {
				// the thread ended meanwhile
			}
		}
		return total;
	}

	/**
	 * The CPU time of each thread of the server so far, user and system, from
	 * {@code /proc/<pid>/task/<tid>/stat}.
	 * @return nanoseconds by thread id; a thread that ended meanwhile is missing
	 */
	public Map<Long, Long> threadCpuNanos() {
		Map<Long, Long> cpu = new HashMap<>();
		for (Path task : tasks()) {
			try {
				String stat = Files.readString(task.resolve("stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				cpu.put(Long.parseLong(task.getFileName().toString()), ticks * 1_000_000_000L / CLOCK_TICKS);
			}
			catch (IOException | RuntimeException ex) {
				// the thread ended meanwhile
			}
		}
		return cpu;
	}

	/**
	 * The name of each thread of the server: for a JVM its Java name, from {@code jcmd
	 * Thread.print} ({@code nid} is the thread id), else the kernel's, cut to 15 characters, from
	 * {@code /proc/<pid>/task/<tid>/comm}.
	 * @return names by thread id
	 */
	public Map<Long, String> threadNames() {
		Map<Long, String> names = new HashMap<>();
		for (Path task : tasks()) {
			try {
				names.put(Long.parseLong(task.getFileName().toString()), Files.readString(task.resolve("comm")).trim());
			}
			catch (IOException | RuntimeException ex) {
				// the thread ended meanwhile
			}
		}
		if (isJava()) {
			Matcher matcher = JAVA_THREAD.matcher(jcmd("Thread.print"));
			while (matcher.find()) {
				String nid = matcher.group(2); // hexadecimal up to Java 18, decimal since
				names.put(nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid),
						matcher.group(1));
			}
		}
		return names;
	}

	/**
	 * The threads that used the most CPU between two readings, grouped by name with every run of
	 * digits (and dots between them) as {@code *}, so that a pool's threads are one group:
	 * {@code http-nio-127.0.0.1-8080-exec-7} is {@code http-nio-*-*-exec-*}.
	 * @param before {@link #threadCpuNanos()} at the start
	 * @param after {@link #threadCpuNanos()} at the end
	 * @param names {@link #threadNames()}
	 * @param seconds the wall time between the readings
	 * @param top how many groups to keep
	 * @return per group, its share of one core in percent, the busiest first
	 */
	public static Map<String, Double> busiestThreads(Map<Long, Long> before, Map<Long, Long> after,
			Map<Long, String> names, double seconds, int top) {
		Map<String, Long> groups = new HashMap<>();
		after.forEach((tid, nanos) -> {
			long used = nanos - before.getOrDefault(tid, 0L);
			if (used > 0) {
				groups.merge(threadGroup(names.getOrDefault(tid, "?")), used, Long::sum);
			}
		});
		Map<String, Double> busiest = new LinkedHashMap<>();
		groups.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.forEach((group) -> busiest.put(group.getKey(),
					Math.round(group.getValue() / 1e9 / seconds * 100 * 100) / 100.0));
		return busiest;
	}

	/**
	 * The directories of the server's threads, {@code /proc/<pid>/task/<tid>}.
	 * @return them, or none when the process has ended
	 */
	private List<Path> tasks() {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(this.pid), "task"))) {
			return tasks.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	static String threadGroup(String name) {
		return name.replaceAll("\\d[\\d.]*", "*");
	}

	/**
	 * The read and write system calls of the server process so far, every thread, from
	 * {@code syscr} and {@code syscw} of {@code /proc/<pid>/io}: every {@code read}, {@code write},
	 * {@code readv}, {@code writev}, {@code sendmsg}, {@code recvmsg} and their kin, on sockets and
	 * files alike.
	 * @return the reads, then the writes; {@code -1} for both when they cannot be read
	 */
	public long[] syscalls() {
		return syscalls(this.pid);
	}

	/**
	 * The read and write system calls of a process so far, every thread, as {@link #syscalls()}.
	 * @param pid the process
	 * @return the reads, then the writes; {@code -1} for both when they cannot be read
	 */
	public static long[] syscalls(long pid) {
		long reads = -1;
		long writes = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
				if (line.startsWith("syscr:")) {
					reads = Long.parseLong(line.substring(6).trim());
				}
				else if (line.startsWith("syscw:")) {
					writes = Long.parseLong(line.substring(6).trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { -1, -1 };
		}
		return new long[] { reads, writes };
	}

	/**
	 * The server's resident set.
	 * @return bytes
	 */
	public long rssBytes() {
		try {
			Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(this.pid), "status")));
			return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the memory of process " + this.pid, ex);
		}
	}

	/**
	 * The heap in use after a full collection: for a JVM, {@code jcmd GC.run} twice then
	 * {@code GC.heap_info}; for Node, {@code global.gc()} twice then {@code heapUsed + external}
	 * (the buffers {@code ws} keeps live outside the V8 heap).
	 * @return bytes
	 */
	public long heapAfterGcBytes() {
		if (isJava()) {
			jcmd("GC.run");
			jcmd("GC.run");
			Matcher matcher = HEAP_USED.matcher(jcmd("GC.heap_info"));
			if (!matcher.find()) {
				throw new IllegalStateException("No heap figure from jcmd " + this.pid);
			}
			return Long.parseLong(matcher.group(1)) * 1024;
		}
		JsonNode memory = this.json.readTree(get("/bench/memory"));
		return memory.get("heapUsed").asLong() + memory.get("external").asLong();
	}

	/**
	 * The server's live objects by class, after a full collection ({@code jcmd GC.class_histogram},
	 * which collects first); empty for a server that is not a JVM.
	 * @return instances and bytes by class name
	 */
	public Map<String, long[]> classHistogram() {
		Map<String, long[]> classes = new HashMap<>();
		if (!isJava()) {
			return classes;
		}
		Matcher matcher = HISTOGRAM_LINE.matcher(jcmd("GC.class_histogram"));
		while (matcher.find()) {
			classes.merge(matcher.group(3), new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) },
					(a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
		}
		return classes;
	}

	/**
	 * How far the server's monotonic clock is ahead of this process's {@link System#nanoTime()}:
	 * the smallest-round-trip sample of a few, or 0 when that is within the round trip (the same
	 * clock, as expected on Linux).
	 * @return nanoseconds to subtract from the server's stamps
	 */
	public long clockOffsetNanos() {
		long best = Long.MAX_VALUE;
		long offset = 0;
		for (int i = 0; i < 20; i++) {
			long before = System.nanoTime();
			long server = Long.parseLong(get("/bench/clock").trim());
			long after = System.nanoTime();
			if (after - before < best) {
				best = after - before;
				offset = server - (before + (after - before) / 2);
			}
		}
		return (Math.abs(offset) <= best) ? 0 : offset;
	}

	/**
	 * Ask the server to broadcast.
	 * @param count the number of messages
	 * @param size the size of each in bytes
	 * @param timeout how long to wait for the answer
	 * @return the answer's body
	 */
	public String fanout(int count, int size, Duration timeout) {
		return send(fanoutRequest(count, size, 0, timeout));
	}

	/**
	 * Ask the server to broadcast, without waiting for its answer.
	 * @param count the number of messages
	 * @param size the size of each in bytes
	 * @param timeout how long the request may take
	 * @return the answer's body, when it comes
	 */
	public java.util.concurrent.CompletableFuture<String> fanoutAsync(int count, int size, Duration timeout) {
		return this.http.sendAsync(fanoutRequest(count, size, 0, timeout), HttpResponse.BodyHandlers.ofString())
			.thenApply(HttpResponse::body);
	}

	/**
	 * Ask the server to broadcast one message every {@code intervalMs} milliseconds, from now
	 * on; it answers at once.
	 * @param count the number of messages
	 * @param size the size of each in bytes
	 * @param intervalMs the time between two broadcasts, in milliseconds
	 * @return the answer's body
	 */
	public String fanoutPaced(int count, int size, int intervalMs) {
		return send(fanoutRequest(count, size, intervalMs, Duration.ofSeconds(30)));
	}

	private HttpRequest fanoutRequest(int count, int size, int intervalMs, Duration timeout) {
		String query = "/bench/fanout?count=" + count + "&size=" + size
				+ ((intervalMs > 0) ? "&intervalMs=" + intervalMs : "");
		return HttpRequest.newBuilder(this.base.resolve(query))
			.timeout(timeout)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
	}

	String get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	private String send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String jcmd(String command) {
		try {
			Process process = new ProcessBuilder("jcmd", Long.toString(this.pid), command).redirectErrorStream(true)
				.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("jcmd " + this.pid + " " + command + " failed: "
						+ new String(output, StandardCharsets.UTF_8));
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run jcmd", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long clockTicks() {
		try {
			Process process = new ProcessBuilder("getconf", "CLK_TCK").start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
			process.waitFor();
			return Long.parseLong(out);
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
