package dev.gofr.ws.sample.conformance;

import java.net.InetAddress;

import dev.gofr.ws.sample.SampleApplication;

import org.springframework.boot.SpringApplication;

/**
 * The sample, started for the Autobahn|Testsuite fuzzing client of the {@code conformance}
 * profile: its echo route at {@code /}, where the client connects, with the starter's stack on
 * (heartbeat, meters, message observations, a message rate limit in the chain) and message and
 * send-buffer limits raised to what the suite sends (its 9.* cases echo messages of up to 16 MiB).
 */
public final class AutobahnServer {

	private AutobahnServer() {
	}

	/**
	 * Start the sample for the suite.
	 * @param args the port, as the suite's Maven plugin passes it
	 * @throws Exception when the local address cannot be found
	 */
	public static void main(String[] args) throws Exception {
		// Runs inside Maven's JVM, whose logging Boot's own would clash with.
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		// The suite connects to the address the local host name resolves to.
		String address = InetAddress.getLocalHost().getHostAddress();
		SpringApplication.run(SampleApplication.class, "--server.port=" + args[0], "--server.address=" + address,
				"--gofr.ws.endpoints.echo.path=/", "--gofr.ws.endpoints.echo.limits.message-rate=100000",
				"--gofr.ws.observation.messages=true", "--gofr.ws.max-text-message-size=20MB",
				"--gofr.ws.max-binary-message-size=20MB", "--gofr.ws.send.buffer-limit=64MB",
				"--server.shutdown=immediate");
	}

}
