package dev.gofr.ws.bench.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The servers of the benchmark and how each is started for a scenario: gofr-ws and plain Spring
 * WebSocket, each on Tomcat and on Jetty, Node's ws, gofr-ws with its handlers on virtual threads,
 * plain Spring WebFlux on Reactor Netty, and, for a before/after comparison, gofr-ws from an
 * earlier build. A Jetty server runs the same main class with the same properties as its Tomcat
 * twin, on a class path where Tomcat is replaced by Jetty ({@link #replacingTomcat}); the WebFlux
 * server's class path has Tomcat replaced by WebFlux and Reactor Netty the same way.
 */
enum ServerKind {

	/** The sample's setup with gofr-ws, on Tomcat. */
	GOFR("gofr", Main.GOFR, "tomcat"),

	/** The same gofr-ws server on Jetty. */
	GOFR_JETTY("gofr-jetty", Main.GOFR, "jetty"),

	/**
	 * The same gofr-ws server on Tomcat with its handlers on virtual threads
	 * ({@code gofr.ws.handler.executor=virtual}), on a JDK of Java 21 or later ({@link SecondJdk}).
	 */
	GOFR_VIRTUAL("gofr-virtual", Main.GOFR, "tomcat"),

	/** Plain Spring WebSocket, on Tomcat. */
	RAW("raw", Main.RAW, "tomcat"),

	/** Plain Spring WebSocket on Jetty. */
	RAW_JETTY("raw-jetty", Main.RAW, "jetty"),

	/** Node's ws. */
	NODE("node", "", "node"),

	/**
	 * Plain Spring WebFlux on Reactor Netty: {@code /ws/echo} and its heartbeat only, so the echo,
	 * idle and heartbeat scenarios ({@link #serves}). Not in the defaults.
	 */
	RAW_NETTY("raw-netty", Main.RAW_NETTY, "netty"),

	/**
	 * The same gofr-ws server with the same flags and properties as {@link #GOFR}, started from the
	 * class path of an earlier build ({@code --baseline-classpath}).
	 */
	GOFR_BASELINE("gofr-base", Main.GOFR, "tomcat"),

	/**
	 * The earlier build's gofr-ws server on Jetty: its class path with Tomcat replaced by this
	 * build's Jetty jars.
	 */
	GOFR_BASELINE_JETTY("gofr-base-jetty", Main.GOFR, "jetty");

	/** The main classes of the Java servers. */
	static final class Main {

		static final String GOFR = "dev.gofr.ws.bench.gofr.GofrBenchServer";

		static final String RAW = "dev.gofr.ws.bench.raw.RawSpringBenchServer";

		static final String RAW_NETTY = "dev.gofr.ws.bench.netty.RawNettyBenchServer";

		private Main() {
		}

	}

	/** The origin the handshake scenario sends and every server is told to allow. */
	static final String ORIGIN = "http://bench.local";

	/** The scenarios the WebFlux server serves: those on {@code /ws/echo} alone. */
	static final List<String> RAW_NETTY_SCENARIOS = List.of("echo", "idle", "heartbeat", "heartbeat-off",
			"heartbeat-chatty");

	/** The servers, without Node's, when no Node is installed. */
	static final List<ServerKind> DEFAULTS = List.of(GOFR, GOFR_JETTY, RAW, RAW_JETTY, NODE);

	private final String id;

	private final String mainClass;

	private final String container;

	ServerKind(String id, String mainClass, String container) {
		this.id = id;
		this.mainClass = mainClass;
		this.container = container;
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
			case GOFR_JETTY -> "gofr-ws on Jetty";
			case GOFR_VIRTUAL -> "gofr-ws, virtual threads";
			case RAW -> "raw Spring";
			case RAW_JETTY -> "raw Spring on Jetty";
			case NODE -> "Node ws";
			case RAW_NETTY -> "raw Spring WebFlux (Netty)";
			case GOFR_BASELINE -> "gofr-ws (baseline)";
			case GOFR_BASELINE_JETTY -> "gofr-ws (baseline) on Jetty";
		};
	}

	/**
	 * What the server's {@code GET /bench/health} answers when it runs where it should.
	 * @return {@code tomcat}, {@code jetty}, {@code netty} or {@code node}
	 */
	String container() {
		return this.container;
	}

	boolean isJava() {
		return this != NODE;
	}

	boolean isJetty() {
		return this.container.equals("jetty");
	}

	boolean isNetty() {
		return this.container.equals("netty");
	}

	/**
	 * Whether this is the gofr-ws server, of this build or of the baseline, on either container:
	 * all get the same properties.
	 */
	boolean isGofr() {
		return this.mainClass.equals(Main.GOFR);
	}

	/**
	 * Whether this server needs a JDK of Java 21 or later: the one with its handlers on virtual
	 * threads.
	 */
	boolean needsJava21() {
		return this == GOFR_VIRTUAL;
	}

	/**
	 * Whether this server runs from the baseline's class path.
	 */
	boolean isBaseline() {
		return this == GOFR_BASELINE || this == GOFR_BASELINE_JETTY;
	}

	/**
	 * Whether this server serves the route the scenario plays against. Every server serves every
	 * scenario but {@code echo-controller}: its {@code /ws/echo-controller} is an annotated
	 * controller, which only this build's gofr-ws servers have (plain Spring and Node have no such thing,
	 * and an earlier build of {@code gofr-base} may not have the route). The WebFlux server serves
	 * only {@code /ws/echo}: the {@link #RAW_NETTY_SCENARIOS}.
	 * @param scenario the scenario's name
	 * @return whether to run the scenario against this server
	 */
	boolean serves(String scenario) {
		if (this == RAW_NETTY) {
			return RAW_NETTY_SCENARIOS.contains(scenario);
		}
		if (isBaseline() && scenario.equals("chat")) {
			return false; // an earlier build may have no chat route; the chat row compares with raw Spring
		}
		return !scenario.equals("echo-controller") || this == GOFR || this == GOFR_JETTY || this == GOFR_VIRTUAL;
	}

	/**
	 * Whether the server pings every 5 s in this scenario: the heartbeat scenarios but
	 * {@code heartbeat-off}, its baseline; in the others each server keeps its default (gofr-ws
	 * every 30 s, raw Spring and Node never).
	 */
	static boolean pinged(String scenario) {
		return scenario.equals("heartbeat") || scenario.equals("heartbeat-chatty");
	}

	/**
	 * A class path with Tomcat replaced by another server: every entry of {@code classpath} but
	 * Tomcat's jars and Boot's Tomcat modules (a {@code dir/*} entry expanded to its jars to leave
	 * them out), then {@code lib/*}, where the build copies Jetty and Boot's Jetty module
	 * ({@code target/lib-jetty}), or WebFlux and Reactor Netty ({@code target/lib-netty}).
	 * @param classpath a Tomcat server's class path
	 * @param lib the directory of the other server's jars
	 * @return the class path for a server on the other one
	 */
	static String replacingTomcat(String classpath, Path lib) {
		List<String> entries = new ArrayList<>();
		for (String entry : classpath.split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			if (!entry.endsWith("*")) {
				if (!isTomcat(Path.of(entry))) {
					entries.add(entry);
				}
				continue;
			}
			String dir = entry.substring(0, entry.length() - 1);
			try (Stream<Path> jars = Files.list(Path.of(dir.isEmpty() ? "." : dir))) {
				jars.filter((jar) -> jar.toString().endsWith(".jar") && !isTomcat(jar))
					.sorted()
					.forEach((jar) -> entries.add(jar.toString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot list " + dir, ex);
			}
		}
		entries.add(lib.resolve("*").toString());
		return String.join(File.pathSeparator, entries);
	}

	private static boolean isTomcat(Path jar) {
		Path name = jar.getFileName();
		String file = (name != null) ? name.toString() : "";
		return file.startsWith("tomcat-embed-") || file.startsWith("spring-boot-tomcat-")
				|| file.startsWith("spring-boot-starter-tomcat-");
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
	 * @param java the java executable; of Java 21 or later where {@link #needsJava21()}
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
			if (pinged(scenario)) {
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
		if (scenario.equals("c100k")) {
			command.add("--server.tomcat.max-connections=110000"); // the benchmark's 20,000 would cap it
		}
		if (isGofr()) {
			if (pinged(scenario)) {
				command.add("--gofr.ws.heartbeat.ping-interval=5s");
				command.add("--gofr.ws.heartbeat.pong-wait=15s");
			}
			if (scenario.equals("heartbeat-off")) {
				command.add("--gofr.ws.heartbeat.enabled=false");
			}
			if (scenario.equals("handshakes")) {
				command.add("--gofr.ws.allowed-origins=" + ORIGIN);
			}
			if (this == GOFR_VIRTUAL) {
				command.add("--gofr.ws.handler.executor=virtual");
			}
		}
		else {
			if (pinged(scenario)) {
				command.add("--bench.raw.ping-interval=5s");
			}
			if (scenario.equals("handshakes")) {
				command.add("--bench.raw.allowed-origins=" + ORIGIN);
			}
		}
		return command;
	}

}
