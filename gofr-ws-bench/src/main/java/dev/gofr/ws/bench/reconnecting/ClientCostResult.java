package dev.gofr.ws.bench.reconnecting;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One measured window of the reconnecting clients' echo: round trips, this process's costs per
 * message, and the server's CPU per message for the other side.
 * @param clients the clients
 * @param messages the round trips, every client together
 * @param seconds the window's wall time
 * @param clientCpuNanos this process's CPU time in the window, every thread
 * @param clientSystemNanos of it in the kernel
 * @param clientReadCalls this process's read system calls in the window
 * @param clientWriteCalls this process's write system calls in the window
 * @param allocatedBytes the bytes this process's threads allocated in the window
 * @param collections garbage collections in the window
 * @param collectionMillis their time
 * @param compileMillis the JIT compiler's time in the window, as the JVM tells it
 * @param compilerCpuNanos the CPU time of the JIT compiler's threads in the window
 * @param collectorCpuNanos the CPU time of the garbage collector's threads and the VM thread
 * @param serverCpuNanos the server process's CPU time in the window
 * @param p50Nanos the median round trip
 * @param p99Nanos the 99th percentile round trip
 * @param threadCpuNanos this process's Java threads' CPU time in the window, by group, busiest first
 */
public record ClientCostResult(int clients, long messages, double seconds, long clientCpuNanos,
		long clientSystemNanos, long clientReadCalls, long clientWriteCalls, long allocatedBytes, long collections,
		long collectionMillis, long compileMillis, long compilerCpuNanos, long collectorCpuNanos, long serverCpuNanos,
		long p50Nanos, long p99Nanos, Map<String, Long> threadCpuNanos) {

	/**
	 * The figures of a window from the readings at its edges.
	 * @param clients the clients
	 * @param messages the round trips, every client together
	 * @param before this process at the start
	 * @param after this process at the end
	 * @param serverCpuNanos the server's CPU time in the window
	 * @param latency the round trips, in nanoseconds
	 * @return the result
	 */
	public static ClientCostResult of(int clients, long messages, ProcessReading before, ProcessReading after,
			long serverCpuNanos, Histogram latency) {
		return new ClientCostResult(clients, messages, (after.nanos() - before.nanos()) / 1e9,
				after.cpuNanos() - before.cpuNanos(), after.systemNanos() - before.systemNanos(),
				after.readCalls() - before.readCalls(), after.writeCalls() - before.writeCalls(),
				after.allocatedSince(before), after.collections() - before.collections(),
				after.collectionMillis() - before.collectionMillis(), after.compileMillis() - before.compileMillis(),
				after.compilerNanos() - before.compilerNanos(), after.collectorNanos() - before.collectorNanos(),
				serverCpuNanos, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
				after.threadCpuSince(before));
	}

	/**
	 * Round trips per second.
	 * @return messages echoed per second, every client together
	 */
	public double messagesPerSecond() {
		return this.messages / this.seconds;
	}

	/**
	 * This process's CPU time per round trip: one send and one receive.
	 * @return microseconds
	 */
	public double clientCpuMicrosPerMessage() {
		return perMessage(this.clientCpuNanos) / 1000;
	}

	/**
	 * This process's CPU time per round trip without the JIT compiler's: what the client and the
	 * harness cost once compiled, the figure that compares two builds even when the compiler
	 * happened to recompile something during one of them.
	 * @return microseconds
	 */
	public double clientCpuMicrosPerMessageWithoutCompiler() {
		return perMessage(this.clientCpuNanos - Math.max(0, this.compilerCpuNanos)) / 1000;
	}

	/**
	 * The JIT compiler's CPU time per round trip.
	 * @return microseconds
	 */
	public double compilerCpuMicrosPerMessage() {
		return perMessage(this.compilerCpuNanos) / 1000;
	}

	/**
	 * The CPU time of the garbage collector's threads and the VM thread per round trip.
	 * @return microseconds
	 */
	public double collectorCpuMicrosPerMessage() {
		return perMessage(this.collectorCpuNanos) / 1000;
	}

	/**
	 * How busy this process was: near 100 % on its one CPU, the client bounds the round trips;
	 * below, the server does, and the client also pays for waking up more often.
	 * @return its CPU time over the window's wall time, in percent of one core
	 */
	public double clientCpuPercent() {
		return this.clientCpuNanos / this.seconds / 1e7;
	}

	/**
	 * How busy the server process was.
	 * @return its CPU time over the window's wall time, in percent of one core
	 */
	public double serverCpuPercent() {
		return this.serverCpuNanos / this.seconds / 1e7;
	}

	/**
	 * The share of this process's CPU time spent in the kernel.
	 * @return a fraction from 0 to 1
	 */
	public double clientSystemShare() {
		return (this.clientCpuNanos > 0) ? Math.min(1, (double) this.clientSystemNanos / this.clientCpuNanos) : 0;
	}

	/**
	 * This process's read system calls per round trip.
	 * @return calls
	 */
	public double readCallsPerMessage() {
		return perMessage(this.clientReadCalls);
	}

	/**
	 * This process's write system calls per round trip.
	 * @return calls
	 */
	public double writeCallsPerMessage() {
		return perMessage(this.clientWriteCalls);
	}

	/**
	 * The bytes this process allocated per round trip.
	 * @return bytes
	 */
	public double allocatedBytesPerMessage() {
		return perMessage(this.allocatedBytes);
	}

	/**
	 * The server's CPU time per round trip.
	 * @return microseconds
	 */
	public double serverCpuMicrosPerMessage() {
		return perMessage(this.serverCpuNanos) / 1000;
	}

	/**
	 * The CPU time per round trip of this process's Java threads, by group.
	 * @return microseconds by group, busiest first
	 */
	public Map<String, Double> threadCpuMicrosPerMessage() {
		Map<String, Double> perMessage = new LinkedHashMap<>();
		this.threadCpuNanos.forEach((group, nanos) -> perMessage.put(group, perMessage(nanos) / 1000));
		return perMessage;
	}

	private double perMessage(long total) {
		return (this.messages > 0) ? (double) total / this.messages : 0;
	}

}
