package dev.gofr.ws.autoconfigure.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.gofr.ws.test.ExternalPrograms;

import static org.awaitility.Awaitility.await;

/**
 * The Redis servers the cluster tests need: the machine's own on localhost:6379, private
 * {@code redis-server} processes on free ports that a test may stop and start again, and a private
 * Redis Cluster of three masters. Without
 * them the tests are skipped with a loud message, unless the environment variable
 * {@value ExternalPrograms#REQUIRE_EXTERNAL} is {@code true} (as in CI): then they fail, so a machine without
 * Redis cannot pass unnoticed.
 */
final class RedisForTests {

	/** Where the machine's Redis listens: 6379, or the system property {@code gofr.ws.test.redis-port}. */
	static final int SHARED_PORT = Integer.getInteger("gofr.ws.test.redis-port", 6379);

	private static final String REDIS_SERVER = "/usr/bin/redis-server";

	private static final String REDIS_CLI = "/usr/bin/redis-cli";

	private static final Duration CLUSTER_WAIT = Duration.ofSeconds(30);

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

	/**
	 * Start a private Redis Cluster of three masters, without replicas, on free ports: its nodes
	 * keep their cluster configuration in a temporary folder and nothing else on disk.
	 * @return the cluster, once every node says {@code cluster_state:ok}
	 */
	static PrivateRedisCluster startCluster() {
		ExternalPrograms.requireExecutable(REDIS_SERVER, "apt-get install -y redis-server");
		ExternalPrograms.requireExecutable(REDIS_CLI, "apt-get install -y redis-tools");
		PrivateRedisCluster cluster = new PrivateRedisCluster();
		try {
			cluster.start(3);
		}
		catch (RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
		return cluster;
	}

	private static Process run(List<String> command) {
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + command.get(0), ex);
		}
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
			this.process = run(List.of(REDIS_SERVER, "--port", String.valueOf(this.port), "--bind", "127.0.0.1", "--save",
					"", "--appendonly", "no"));
			await("redis-server on port " + this.port).atMost(Duration.ofSeconds(10))
				.until(() -> ExternalPrograms.isListening(this.port));
		}

		/**
		 * Run a command on this Redis with {@code redis-cli}.
		 * @param command the command and its arguments
		 * @return what {@code redis-cli} printed
		 */
		String command(String... command) {
			List<String> line = new ArrayList<>(List.of(REDIS_CLI, "-p", String.valueOf(this.port)));
			line.addAll(List.of(command));
			return PrivateRedisCluster.output(line);
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

	/**
	 * A Redis Cluster of this test alone: {@code redis-server} processes in cluster mode, joined by
	 * {@code redis-cli --cluster create}.
	 */
	static final class PrivateRedisCluster implements AutoCloseable {

		private final List<Integer> ports = new ArrayList<>();

		private final List<Process> processes = new ArrayList<>();

		private Path directory;

		void start(int masters) {
			try {
				this.directory = Files.createTempDirectory("gofr-ws-redis-cluster-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			for (int i = 0; i < masters; i++) {
				int port = freePort();
				this.ports.add(port);
				this.processes.add(run(List.of(REDIS_SERVER, "--port", String.valueOf(port), "--bind", "127.0.0.1",
						"--cluster-enabled", "yes", "--cluster-config-file",
						this.directory.resolve("nodes-" + port + ".conf").toString(), "--save", "", "--appendonly", "no",
						"--dir", this.directory.toString())));
			}
			await("the Redis Cluster's nodes listen").atMost(CLUSTER_WAIT)
				.until(() -> this.ports.stream().allMatch(ExternalPrograms::isListening));
			List<String> create = new ArrayList<>(List.of(REDIS_CLI, "--cluster", "create"));
			this.ports.forEach((port) -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			String created = output(create);
			if (!created.contains("[OK] All 16384 slots covered")) {
				throw new IllegalStateException("redis-cli could not create the Redis Cluster:\n" + created);
			}
			await("every node of the Redis Cluster says cluster_state:ok").atMost(CLUSTER_WAIT)
				.until(() -> this.ports.stream().allMatch((port) -> command(port, "CLUSTER", "INFO").contains("cluster_state:ok")));
		}

		/**
		 * The nodes, as {@code spring.data.redis.cluster.nodes} takes them.
		 * @return {@code 127.0.0.1:port} of each node, separated by commas
		 */
		String nodes() {
			return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
		}

		List<Integer> ports() {
			return this.ports;
		}

		/**
		 * Run a command on one node with {@code redis-cli}.
		 * @param port the node's port
		 * @param args the command and its arguments
		 * @return what {@code redis-cli} printed, one reply element a line
		 */
		String command(int port, String... args) {
			List<String> command = new ArrayList<>(List.of(REDIS_CLI, "-p", String.valueOf(port)));
			command.addAll(List.of(args));
			return output(command);
		}

		/**
		 * Move a slot to another node as a resharding does: the node imports it, its owner
		 * migrates it with its keys, then every node is told its new owner (the new one first).
		 * @param slot the slot
		 * @param port the port of the node that takes it
		 */
		void moveSlot(int slot, int port) {
			int from = ownerOf(slot);
			String taker = command(port, "CLUSTER", "MYID").strip();
			ok(port, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", command(from, "CLUSTER", "MYID").strip());
			ok(from, "CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", taker);
			command(from, "CLUSTER", "GETKEYSINSLOT", String.valueOf(slot), "1000").lines()
				.filter((key) -> !key.isBlank())
				.forEach((key) -> ok(from, "MIGRATE", "127.0.0.1", String.valueOf(port), key, "0", "5000"));
			ok(port, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", taker);
			this.ports.stream()
				.filter((other) -> other != port)
				.forEach((other) -> ok(other, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", taker));
		}

		/**
		 * The node that owns a slot, as the first node sees it.
		 * @param slot the slot
		 * @return the node's port
		 */
		int ownerOf(int slot) {
			for (String node : command(this.ports.get(0), "CLUSTER", "NODES").split("\n")) {
				String[] fields = node.strip().split(" ");
				for (int i = 8; i < fields.length; i++) {
					String[] range = fields[i].split("-");
					if (!range[0].startsWith("[") && slot >= Integer.parseInt(range[0])
							&& slot <= Integer.parseInt(range[range.length - 1])) {
						return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
					}
				}
			}
			throw new IllegalStateException("No node owns slot " + slot);
		}

		private void ok(int port, String... args) {
			String reply = command(port, args).strip();
			if (!reply.equals("OK")) {
				throw new IllegalStateException(String.join(" ", args) + " on port " + port + ": " + reply);
			}
		}

		private static String output(List<String> command) {
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				byte[] output = process.getInputStream().readAllBytes();
				if (!process.waitFor(CLUSTER_WAIT.toSeconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(command + " did not end within " + CLUSTER_WAIT);
				}
				return new String(output, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			for (Process process : this.processes) {
				process.destroyForcibly();
			}
			for (Process process : this.processes) {
				try {
					process.waitFor();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.directory != null) {
				try (Stream<Path> files = Files.walk(this.directory)) {
					files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
				}
				catch (IOException ex) {
					// a temporary folder left behind
				}
			}
		}

	}

}
