package dev.gofr.ws.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Checks for programs outside the JVM that some tests drive, such as a browser or Redis. A missing
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
		missing(path + " is missing, so these tests cannot run. Install it with: " + installHint);
	}

	/**
	 * Require a server that listens on a port of this machine.
	 * @param what the server, such as {@code Redis}
	 * @param port the port it listens on
	 * @param installHint the command that installs and starts it, such as
	 * {@code apt-get install -y redis-server && redis-server --daemonize yes}
	 */
	static void requireListening(String what, int port, String installHint) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
		}
		catch (IOException ex) {
			missing(what + " is not running on localhost:" + port
					+ ", so these tests cannot run. Install and start it with: " + installHint);
		}
	}

	private static void missing(String message) {
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
