package dev.gofr.ws.bench.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The servers of the benchmark and how each is started for a scenario: gofr-ws, plain Spring
 * WebSocket and Node's ws, and, for a before/after comparison, gofr-ws from an earlier build.
 */
enum ServerKind {

	/** The sample's setup with gofr-ws. */
	GOFR("gofr", "dev.gofr.ws.bench.gofr.GofrBenchServer"),

	/** Plain Spring WebSocket. */
	RAW("raw", "dev.gofr.ws.bench.raw.RawSpringBenchServer"),

	/** Node's ws. */
	NODE("node", ""),

	/**
	 * The same gofr-ws server with the same flags and properties as {@link #GOFR}, started from the
	 * class path of an earlier build ({@code --baseline-classpath}).
	 */
	GOFR_BASELINE("gofr-base", "dev.gofr.ws.bench.gofr.GofrBenchServer");

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

	/**
	 * The column heading of this server in the report.
	 */
	String label() {
		return switch (this) {
			case GOFR -> "gofr-ws";
			case RAW -> "raw Spring";
			case NODE -> "Node ws";
			case GOFR_BASELINE -> "gofr-ws (baseline)";
		};
	}

	boolean isJava() {
		return this != NODE;
	}

	/**
	 * Whether this is the gofr-ws server, of this build or of the baseline: both get the same
	 * properties.
	 */
	boolean isGofr() {
		return this == GOFR || this == GOFR_BASELINE;
	}

	static ServerKind of(String id) {
		for (ServerKind kind : values()) {
			if (kind.id.equals(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown server '" + id + "': expected one of " + ids());
	}

	static List<String> ids() {
		return Arrays.stream(values()).map(ServerKind::id).toList();
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
		if (isGofr()) {
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
