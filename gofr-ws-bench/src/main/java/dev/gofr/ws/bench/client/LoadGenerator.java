package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator: plays one scenario against one running server and prints one JSON object
 * of results on standard output (progress goes to standard error). The runner starts it in its
 * own process, pinned to a CPU of its own; it measures the server's CPU time itself, from
 * {@code /proc}, over exactly the window it measures.
 * <p>
 * {@code java dev.gofr.ws.bench.client.LoadGenerator --scenario echo --port 9000 --server-pid 1234
 * --server-kind gofr [--quick] [--origin http://bench.local]}
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	/**
	 * Play a scenario and print its results as one JSON line.
	 * @param args {@code --scenario}, {@code --port}, {@code --server-pid}, {@code --server-kind},
	 * optionally {@code --quick}, {@code --size} (bytes of each echoed or broadcast message), {@code --origin}
	 * and {@code --stall-fill-kb}
	 * @throws Exception when the scenario cannot run
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String scenario = required(options, "scenario");
		int port = Integer.parseInt(required(options, "port"));
		String kind = required(options, "server-kind");
		long pid = Long.parseLong(required(options, "server-pid"));
		ScenarioSettings settings = ScenarioSettings.of(options.containsKey("quick"));
		if (options.containsKey("size")) {
			settings = settings.withSize(Integer.parseInt(options.get("size")));
		}
		ServerProbe probe = new ServerProbe(pid, kind, URI.create("http://127.0.0.1:" + port));
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
		long fillBytes = options.containsKey("stall-fill-kb") ? Long.parseLong(options.get("stall-fill-kb")) * 1024
				: FanoutScenario.FILL_BYTES;
		Scenario play = switch (scenario) {
			case "echo" -> new EchoScenario(settings, address, probe, "/ws/echo");
			case "echo-controller" -> new EchoScenario(settings, address, probe, "/ws/echo-controller");
			case "fanout" -> new FanoutScenario(settings, address, probe, false, fillBytes);
			case "fanout-stalled" -> new FanoutScenario(settings, address, probe, true, fillBytes);
			case "fanout-paced" -> new PacedFanoutScenario(settings, address, probe);
			case "idle" -> new IdleScenario(settings, address, probe);
			case "heartbeat", "heartbeat-off" -> new HeartbeatScenario(settings, address, probe, false);
			case "heartbeat-chatty" -> new HeartbeatScenario(settings, address, probe, true);
			case "handshakes" -> new HandshakeScenario(settings, address, probe, options.get("origin"));
			case "chat" -> new ChatScenario(settings, address, probe);
			case "c100k" -> new ManyIdleScenario(settings, address, probe);
			default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
		};
		Map<String, Object> result = play.run();
		System.out.println(JsonMapper.builder().build().writeValueAsString(result));
		System.out.flush();
		System.exit(0);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + args[i]);
			}
			String name = args[i].substring(2);
			if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				options.put(name, args[++i]);
			}
			else {
				options.put(name, "true");
			}
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

}
