package dev.gofr.ws.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Checks for programs outside the JVM that some tests drive, such as a browser. A missing
 * program skips those tests with a message that says how to install it; when the environment
 * variable {@value #REQUIRE_EXTERNAL} is {@code true} (as in CI) it fails them instead, so that
 * a machine without the program cannot pass unnoticed.
 */
final class ExternalPrograms {

	/** The environment variable that turns a missing program from a skip into a failure. */
	static final String REQUIRE_EXTERNAL = "GOFR_WS_REQUIRE_EXTERNAL";

	private ExternalPrograms() {
	}

	/**
	 * Require an executable file.
	 * @param path the absolute path of the program
	 * @param installHint the command that installs it, such as
	 * {@code apt-get install -y chromium chromium-driver}
	 */
	static void requireExecutable(String path, String installHint) {
		if (Files.isExecutable(Path.of(path))) {
			return;
		}
		String message = path + " is missing, so these tests cannot run. Install it with: " + installHint;
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
