package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;

import static dev.gofr.ws.bench.client.Figures.round;

/**
 * {@code heartbeat}, {@code heartbeat-off} and {@code heartbeat-chatty}: idle connections on
 * {@code /ws/echo} while the server pings them (or not: the server of {@code heartbeat-off} runs
 * without its heartbeat); with {@code chatty}, every connection sends one small message a second,
 * spread evenly, and gets it back. Server CPU, per thread too, and the pings the clients received
 * over the window.
 */
final class HeartbeatScenario extends Scenario {

	private final boolean chatty;

	/**
	 * @param chatty whether every connection sends a message a second
	 */
	HeartbeatScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe, boolean chatty) {
		super(settings, address, probe);
		this.chatty = chatty;
	}

	@Override
	Map<String, Object> run() throws Exception {
		int count = this.settings.heartbeatConnections();
		CountingListener listener = new CountingListener();
		Counter pings = listener.pings;
		Counter closes = listener.closes;
		Counter echoes = listener.messages;
		ScheduledExecutorService chatter = Executors.newSingleThreadScheduledExecutor();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/echo", count, (n) -> 0, listener);
			if (this.chatty) {
				chat(client, connections, chatter);
			}
			log("heartbeat: %d connections open%s; settling %d s", connections.size(),
					this.chatty ? ", each sending a message a second" : "", this.settings.settleSeconds());
			sleep(this.settings.settleSeconds());
			Map<Long, Long> threadsBefore = this.probe.threadCpuNanos();
			long[] pingedBefore = client.call(() -> pingsByConnection(connections)).join();
			MeasuredWindow window = MeasuredWindow.start(client, this.probe, () -> pings.value);
			long echoesBefore = echoes.value;
			sleep(this.settings.heartbeatSeconds());
			long echoed = echoes.value - echoesBefore;
			window.end(client, this.probe, () -> pings.value);
			Map<Long, Long> threadsAfter = this.probe.threadCpuNanos();
			long[] pingedAfter = client.call(() -> pingsByConnection(connections)).join();
			chatter.shutdownNow();
			int pinged = 0;
			for (int i = 0; i < pingedAfter.length; i++) {
				pinged += (pingedAfter[i] > pingedBefore[i]) ? 1 : 0;
			}
			double minutes = window.seconds() / 60;
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", connections.size());
			result.put("chatty", this.chatty);
			result.put("seconds", round(window.seconds(), 2));
			result.put("pings", window.count());
			result.put("pingsPerSec", Math.round(window.count() / window.seconds()));
			result.put("pingsPerConnPerMin", round(window.count() / (double) connections.size() / minutes, 2));
			result.put("connectionsPinged", pinged);
			result.put("echoesPerSec", Math.round(echoed / window.seconds()));
			result.put("serverCpuPctOfCore", round(100.0 * window.serverCpuSeconds() / window.seconds(), 2));
			result.put("serverCpuKernelShare", round(window.serverSystemShare(), 3));
			result.put("serverContextSwitchesPerSec", Math.round(window.switches() / window.seconds()));
			result.put("serverWriteSyscallsPerSec", Math.round(window.writeSyscalls() / window.seconds()));
			result.put("serverThreadsCpuPctOfCore", ServerProbe.busiestThreads(threadsBefore, threadsAfter,
					this.probe.threadNames(), window.seconds(), 8));
			result.put("closedDuringRun", closes.value);
			window.putGenerator(result);
			return result;
		}
		finally {
			chatter.shutdownNow();
		}
	}

	/**
	 * Every connection sends a 32 B text message once a second: a tenth of them every 100 ms,
	 * so that the load is even.
	 */
	private static void chat(WsLoadClient client, List<Connection> connections, ScheduledExecutorService chatter) {
		byte[] message = new byte[32];
		long[] tick = new long[1];
		chatter.scheduleAtFixedRate(() -> client.execute(() -> {
			int slice = (int) (tick[0]++ % 10);
			for (int i = slice; i < connections.size(); i += 10) {
				Connection connection = connections.get(i);
				if (connection.state() == WsLoadClient.State.OPEN) {
					BenchPayload.writeStamped(System.nanoTime(), message.length, message, 0);
					connection.sendText(message, 0, message.length);
				}
			}
		}), 100, 100, TimeUnit.MILLISECONDS);
	}

	private static long[] pingsByConnection(List<Connection> connections) {
		long[] pings = new long[connections.size()];
		for (int i = 0; i < pings.length; i++) {
			pings[i] = connections.get(i).pingsReceived();
		}
		return pings;
	}

}
