package dev.gofr.ws.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The JIT compiler's work in this JVM. A benchmark that runs in the JVM it measures starts once
 * the compiler is done with what starting and warming up gave it: until then the compiler takes
 * a CPU from what is measured.
 */
public final class CompilerActivity {

	/** Compiling less than this in a second counts as quiet: 50 ms, a twentieth of a core. */
	private static final long QUIET_MILLIS_PER_SECOND = 50;

	private CompilerActivity() {
	}

	/**
	 * The time the JIT compiler has worked so far, all its threads together.
	 * @return milliseconds; 0 when the JVM does not tell
	 */
	public static long millis() {
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		return (jit != null && jit.isCompilationTimeMonitoringSupported()) ? jit.getTotalCompilationTime() : 0;
	}

	/**
	 * Wait until the JIT compiler works less than 50 ms in a second, sampled every second.
	 * @param bound the longest wait
	 * @return whether it got quiet within the bound
	 */
	public static boolean awaitQuiet(Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		long before = millis();
		do {
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // sampling the compiler's clock
			long now = millis();
			if (now - before < QUIET_MILLIS_PER_SECOND) {
				return true;
			}
			before = now;
		}
		while (System.nanoTime() < deadline);
		return false;
	}

}
