package dev.gofr.ws.bench.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three servers of the benchmark and how each is started for a scenario.
 */
enum ServerKind {

	/** The sample's setup with gofr-ws. */
	GOFR("gofr", "dev.gofr.ws.bench.gofr.GofrBenchServer"),

	/** Plain Spring WebSocket. */
	RAW("raw", "dev.gofr.ws.bench.raw.RawSpringBenchServer"),

	/** Node's ws. */
	NODE("node", "");

	/** The origin the handshake scenario sends and every server is told to allow. */
	static final String ORIGIN = "http://bench.local";

	private final String id;

	private final String mainClass;

	ServerKind(String id, String mainClass) {
		this.id = id;
		this.mainClass = mainClass;
	}

	String id() {
		return this.id;
	}

	boolean isJava() {
		return this != NODE;
	}

	static ServerKind of(String id) {
		for (ServerKind kind : values()) {
			if (kind.id.equals(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown server '" + id + "': expected gofr, raw or node");
	}

	/**
	 * The command that starts this server, without CPU pinning.
	 * @param scenario the scenario it is started for
	 * @param port its port
	 * @param java the java executable
	 * @param jvmOptions the JVM options (Java servers)
	 * @param classpath the class path (Java servers)
	 * @param benchDir the bench module's directory (Node's script)
	 */
	List<String> command(String scenario, int port, String java, List<String> jvmOptions, String classpath,
			Path benchDir) {
		List<String> command = new ArrayList<>();
		if (this == NODE) {
			command.add("node");
			command.add("--expose-gc");
			command.add(benchDir.resolve("src/main/node/server.js").toString());
			command.add("--port");
			command.add(Integer.toString(port));
			if (scenario.equals("heartbeat")) {
				command.add("--ping-interval");
				command.add("5000");
			}
			if (scenario.equals("handshakes")) {
				command.add("--origin");
				command.add(ORIGIN);
			}
			return command;
		}
		command.add(java);
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classpath);
		command.add(this.mainClass);
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		if (this == GOFR) {
			if (scenario.equals("heartbeat")) {
				command.add("--gofr.ws.heartbeat.ping-interval=5s");
				command.add("--gofr.ws.heartbeat.pong-wait=15s");
			}
			if (scenario.equals("handshakes")) {
				command.add("--gofr.ws.allowed-origins=" + ORIGIN);
			}
		}
		else {
			if (scenario.equals("heartbeat")) {
				command.add("--bench.raw.ping-interval=5s");
			}
			if (scenario.equals("handshakes")) {
				command.add("--bench.raw.allowed-origins=" + ORIGIN);
			}
		}
		return command;
	}

}
