package dev.gofr.ws.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Checks for what some tests need from outside the JVM, such as a browser, a Redis server or a
 * second JDK. A missing program skips those tests loudly, with a message that says how to get it;
 * when the environment variable {@value #REQUIRE_EXTERNAL} is {@code true} (as in CI) it fails them
 * instead, so that a machine without the program cannot pass unnoticed.
 *
 * <pre class="code">
 * &#64;BeforeAll
 * static void redis() {
 *     ExternalPrograms.requireListening("Redis", 6379, "apt-get install -y redis-server");
 * }
 * </pre>
 */
public final class ExternalPrograms {

	/** The environment variable that turns a missing program from a skip into a failure. */
	public static final String REQUIRE_EXTERNAL = "GOFR_WS_REQUIRE_EXTERNAL";

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private ExternalPrograms() {
	}

	/**
	 * Require an executable file.
	 * @param path the absolute path of the program
	 * @param installHint the command that installs it, such as
	 * {@code apt-get install -y chromium chromium-driver}
	 */
	public static void requireExecutable(String path, String installHint) {
		if (!Files.isExecutable(Path.of(path))) {
			missing(path + " is missing, so these tests cannot run. Install it with: " + installHint);
		}
	}

	/**
	 * Require a server that listens on a port of this machine.
	 * @param what the server, such as {@code Redis}
	 * @param port the port it listens on, on {@code 127.0.0.1}
	 * @param installHint the command that installs and starts it, such as
	 * {@code apt-get install -y redis-server && redis-server --daemonize yes}
	 */
	public static void requireListening(String what, int port, String installHint) {
		if (!isListening(port)) {
			missing(what + " is not running on localhost:" + port
					+ ", so these tests cannot run. Install and start it with: " + installHint);
		}
	}

	/**
	 * Whether a server accepts connections on a port of this machine, within 500 milliseconds.
	 * @param port the port, on {@code 127.0.0.1}
	 * @return {@code true} if a connection was accepted
	 */
	public static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Report something missing that no {@code require} method checks: skip the test loudly, or
	 * fail it when {@value #REQUIRE_EXTERNAL} is {@code true}.
	 * @param message what is missing, what does not run, and how to get it
	 */
	public static void missing(String message) {
		missing(message, Boolean.parseBoolean(System.getenv(REQUIRE_EXTERNAL)));
	}

	static void missing(String message, boolean required) {
		if (required) {
			throw new AssertionError(message + " (" + REQUIRE_EXTERNAL + "=true makes this a failure)");
		}
		System.err.println();
		System.err.println("*** SKIPPED: " + message);
		System.err.println("*** (set " + REQUIRE_EXTERNAL + "=true to fail instead of skipping)");
		System.err.println();
		Assumptions.abort(message);
	}

}
