package dev.gofr.ws.autoconfigure.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import dev.gofr.ws.test.ExternalPrograms;

import static org.awaitility.Awaitility.await;

/**
 * The Redis servers the cluster tests need: the machine's own on localhost:6379, and private
 * {@code redis-server} processes on free ports that a test may stop and start again. Without
 * them the tests are skipped with a loud message, unless the environment variable
 * {@value ExternalPrograms#REQUIRE_EXTERNAL} is {@code true} (as in CI): then they fail, so a machine without
 * Redis cannot pass unnoticed.
 */
final class RedisForTests {

	/** Where the machine's Redis listens: 6379, or the system property {@code gofr.ws.test.redis-port}. */
	static final int SHARED_PORT = Integer.getInteger("gofr.ws.test.redis-port", 6379);

	private static final String REDIS_SERVER = "/usr/bin/redis-server";

	private RedisForTests() {
	}

	/**
	 * Require the machine's Redis on localhost:6379.
	 */
	static void requireShared() {
		ExternalPrograms.requireListening("Redis", SHARED_PORT,
				"apt-get install -y redis-server && redis-server --daemonize yes");
	}

	/**
	 * Start a private Redis on a free port.
	 * @return the running server
	 */
	static PrivateRedis startPrivate() {
		ExternalPrograms.requireExecutable(REDIS_SERVER, "apt-get install -y redis-server");
		PrivateRedis redis = new PrivateRedis(freePort());
		redis.start();
		return redis;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A {@code redis-server} of this test alone, keeping nothing on disk, that can be stopped and
	 * started again on the same port.
	 */
	static final class PrivateRedis implements AutoCloseable {

		private final int port;

		private Process process;

		PrivateRedis(int port) {
			this.port = port;
		}

		int port() {
			return this.port;
		}

		void start() {
			try {
				this.process = new ProcessBuilder(List.of(REDIS_SERVER, "--port", String.valueOf(this.port), "--bind",
						"127.0.0.1", "--save", "", "--appendonly", "no"))
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start " + REDIS_SERVER, ex);
			}
			await("redis-server on port " + this.port).atMost(Duration.ofSeconds(10))
				.until(() -> ExternalPrograms.isListening(this.port));
		}

		void stop() {
			if (this.process != null) {
				this.process.destroyForcibly();
				try {
					this.process.waitFor();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.process = null;
			}
		}

		@Override
		public void close() {
			stop();
		}

	}

}
