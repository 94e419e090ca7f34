package dev.gofr.ws.autoconfigure;

import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need from outside the build, such as a Redis server or a second JDK. A missing
 * prerequisite skips those tests with a message that says how to get it; when the environment
 * variable {@value #REQUIRE_EXTERNAL} is {@code true} (as in CI) it fails them instead, so that a
 * machine without it cannot pass unnoticed.
 */
public final class Prerequisites {

	/** The environment variable that turns a missing prerequisite from a skip into a failure. */
	public static final String REQUIRE_EXTERNAL = "GOFR_WS_REQUIRE_EXTERNAL";

	private Prerequisites() {
	}

	/**
	 * Skip the test loudly, or fail it under {@value #REQUIRE_EXTERNAL}.
	 * @param message what is missing, what did not run, and how to get it
	 */
	public static void missing(String message) {
		if (Boolean.parseBoolean(System.getenv(REQUIRE_EXTERNAL))) {
			throw new AssertionError(message + " (" + REQUIRE_EXTERNAL + "=true makes this a failure)");
		}
		System.err.println();
		System.err.println("*** SKIPPED: " + message);
		System.err.println("*** (set " + REQUIRE_EXTERNAL + "=true to fail instead of skipping)");
		System.err.println();
		Assumptions.abort(message);
	}

}
