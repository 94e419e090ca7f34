package dev.gofr.ws.bench.client;

import java.util.Map;
import java.util.function.LongSupplier;

import static dev.gofr.ws.bench.client.Figures.round;

/**
 * A measured window: wall time, the server's CPU time, the generator thread's CPU time, and a
 * count taken on the selector thread at both ends.
 */
final class MeasuredWindow {

	/** A generator thread busier than this share of the wall time is the limit of the run. */
	static final double SATURATED = 0.90;

	private long wallStart;

	private long wallEnd;

	private long[] serverCpuStart = new long[2];

	private long[] serverCpuEnd = new long[2];

	private long generatorCpuStart;

	private long generatorCpuEnd;

	private long generatorWallEnd;

	private long switchesStart;

	private long switchesEnd;

	private long[] syscallsStart = { -1, -1 };

	private long[] syscallsEnd = { -1, -1 };

	private long countStart;

	private long countEnd;

	static MeasuredWindow start(WsLoadClient client, ServerProbe probe, LongSupplier count) {
		MeasuredWindow window = new MeasuredWindow();
		window.switchesStart = probe.contextSwitches();
		window.syscallsStart = probe.syscalls();
		window.serverCpuStart = probe.cpuSplitNanos();
		window.generatorCpuStart = client.threadCpuNanos();
		window.countStart = client.call(count::getAsLong).join();
		window.wallStart = System.nanoTime();
		return window;
	}

	void end(WsLoadClient client, ServerProbe probe, LongSupplier count) {
		this.countEnd = client.call(count::getAsLong).join();
		this.wallEnd = System.nanoTime();
		this.generatorWallEnd = this.wallEnd;
		this.generatorCpuEnd = client.threadCpuNanos();
		this.serverCpuEnd = probe.cpuSplitNanos();
		this.switchesEnd = probe.contextSwitches();
		this.syscallsEnd = probe.syscalls();
	}

	/**
	 * End the window earlier than now: at the last delivery of a fan-out.
	 */
	void endAt(long wallEnd) {
		this.wallEnd = wallEnd;
	}

	double seconds() {
		return (this.wallEnd - this.wallStart) / 1e9;
	}

	long count() {
		return this.countEnd - this.countStart;
	}

	double serverCpuSeconds() {
		return (this.serverCpuEnd[0] - this.serverCpuStart[0] + this.serverCpuEnd[1] - this.serverCpuStart[1]) / 1e9;
	}

	long switches() {
		return this.switchesEnd - this.switchesStart;
	}

	double serverSystemShare() {
		double total = serverCpuSeconds();
		return (total > 0) ? (this.serverCpuEnd[1] - this.serverCpuStart[1]) / 1e9 / total : 0;
	}

	double generatorBusy() {
		return (this.generatorCpuEnd - this.generatorCpuStart) / (double) (this.generatorWallEnd - this.wallStart);
	}

	void putCpu(Map<String, Object> result, String name, long units) {
		result.put("serverCpuSeconds", round(serverCpuSeconds(), 2));
		result.put("serverCpuPctOfCore", round(100.0 * serverCpuSeconds() / seconds(), 1));
		result.put("serverCpuKernelShare", round(serverSystemShare(), 3));
		result.put(name, (units > 0) ? round(serverCpuSeconds() * 1e6 / units, 3) : null);
		result.put("serverContextSwitchesPerUnit",
				(units > 0) ? round((this.switchesEnd - this.switchesStart) / (double) units, 3) : null);
		putSyscalls(result, units);
		putGenerator(result);
	}

	/**
	 * The server's read and write system calls in the window, per unit: for a fan-out a
	 * delivery, for echo a message (each an incoming and an outgoing frame).
	 */
	void putSyscalls(Map<String, Object> result, long units) {
		long writes = writeSyscalls();
		long reads = (this.syscallsStart[0] < 0 || this.syscallsEnd[0] < 0) ? -1
				: this.syscallsEnd[0] - this.syscallsStart[0];
		result.put("serverWriteSyscalls", (writes >= 0) ? writes : null);
		result.put("serverReadSyscalls", (reads >= 0) ? reads : null);
		result.put("serverWriteSyscallsPerUnit", (writes >= 0 && units > 0) ? round(writes / (double) units, 4) : null);
		result.put("serverReadSyscallsPerUnit", (reads >= 0 && units > 0) ? round(reads / (double) units, 4) : null);
	}

	/**
	 * Frames the server wrote per write system call: the units (deliveries, echoes) over the
	 * writes of the window, which also hold the few of HTTP, logging and the JVM.
	 */
	void putFramesPerWrite(Map<String, Object> result, long frames) {
		long writes = writeSyscalls();
		result.put("framesPerWrite", (writes > 0) ? round(frames / (double) writes, 3) : null);
	}

	long writeSyscalls() {
		return (this.syscallsStart[1] < 0 || this.syscallsEnd[1] < 0) ? -1
				: this.syscallsEnd[1] - this.syscallsStart[1];
	}

	void putGenerator(Map<String, Object> result) {
		result.put("generatorThreadBusy", round(generatorBusy(), 3));
		result.put("generatorSaturated", generatorBusy() >= SATURATED);
	}

}
