package dev.gofr.ws.send;

import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the completion of a write on the thread that wrote. A container that completes an
 * asynchronous write on the writing thread may still hand the completion to another thread, to
 * keep a completion that starts the next write from recursing (Tomcat does this for every write).
 * Inside a {@linkplain #enter() write scope}, such a completion is {@linkplain #defer deferred}
 * instead and runs on this thread once the outermost scope is left: no hand-off, no recursion,
 * because completions that the deferred ones cause join the same loop.
 * <p>
 * Only gofr-ws's own threads open a scope (the fan-out writers and the connection sweeper), and
 * only around writes that never wait for a completion on the same thread.
 */
public final class WriteCompletions {

	private static final Logger logger = LoggerFactory.getLogger(WriteCompletions.class);

	private static final ThreadLocal<Scope> SCOPE = ThreadLocal.withInitial(Scope::new);

	private WriteCompletions() {
	}

	/**
	 * Enter a write scope on this thread; every call must be followed by {@link #exit()}.
	 */
	public static void enter() {
		SCOPE.get().depth++;
	}

	/**
	 * Leave a write scope; leaving the outermost one runs the completions deferred meanwhile, and
	 * those they defer in turn, until none is left.
	 */
	public static void exit() {
		Scope scope = SCOPE.get();
		if (--scope.depth > 0 || scope.running) {
			return;
		}
		scope.running = true;
		try {
			Runnable completion;
			while ((completion = scope.deferred.poll()) != null) {
				try {
					completion.run();
				}
				catch (RuntimeException | Error ex) { // one connection's failure must not strand the others'
					logger.warn("A write completion failed", ex);
				}
			}
		}
		finally {
			scope.running = false;
		}
	}

	/**
	 * Defer a completion to the end of this thread's write scope, if it is in one.
	 * @param completion the completion
	 * @return {@code true} if deferred; {@code false} when this thread is in no write scope and
	 * the caller must run the completion as it would have
	 */
	public static boolean defer(Runnable completion) {
		Scope scope = SCOPE.get();
		if (scope.depth == 0 && !scope.running) {
			return false;
		}
		scope.deferred.add(completion);
		return true;
	}

	/** One thread's scope. */
	private static final class Scope {

		private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();

		private int depth;

		private boolean running;

	}

}
