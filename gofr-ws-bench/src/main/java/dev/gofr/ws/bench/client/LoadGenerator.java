package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
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

	/** A generator thread busier than this share of the wall time is the limit of the run. */
	static final double SATURATED = 0.90;

	private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(600);

	/** The size of each message a stalled client asks for to fill its socket buffers, in bytes. */
	static final int FILL_MESSAGE = 64 * 1024;

	private final Settings settings;

	private final InetSocketAddress address;

	private final ServerProbe probe;

	private final @Nullable String origin;

	private final byte[] message;

	private long fillBytes = 4L * 1024 * 1024;

	LoadGenerator(Settings settings, int port, ServerProbe probe, @Nullable String origin) {
		this.settings = settings;
		this.address = new InetSocketAddress("127.0.0.1", port);
		this.probe = probe;
		this.origin = origin;
		this.message = new byte[Math.max(settings.size, 32)];
	}

	/**
	 * Play a scenario and print its results as one JSON line.
	 * @param args {@code --scenario}, {@code --port}, {@code --server-pid}, {@code --server-kind},
	 * optionally {@code --quick} and {@code --origin}
	 * @throws Exception when the scenario cannot run
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String scenario = required(options, "scenario");
		int port = Integer.parseInt(required(options, "port"));
		String kind = required(options, "server-kind");
		long pid = Long.parseLong(required(options, "server-pid"));
		Settings settings = Settings.of(options.containsKey("quick"));
		ServerProbe probe = new ServerProbe(pid, kind, URI.create("http://127.0.0.1:" + port));
		LoadGenerator generator = new LoadGenerator(settings, port, probe, options.get("origin"));
		if (options.containsKey("stall-fill-kb")) {
			generator.fillBytes = Long.parseLong(options.get("stall-fill-kb")) * 1024;
		}
		Map<String, Object> result = switch (scenario) {
			case "echo" -> generator.echo();
			case "fanout" -> generator.fanout(false);
			case "fanout-stalled" -> generator.fanout(true);
			case "fanout-paced" -> generator.fanoutPaced();
			case "idle" -> generator.idle();
			case "heartbeat", "heartbeat-off" -> generator.heartbeat(false);
			case "heartbeat-chatty" -> generator.heartbeat(true);
			case "handshakes" -> generator.handshakes();
			case "chat" -> generator.chat();
			default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
		};
		System.out.println(JsonMapper.builder().build().writeValueAsString(result));
		System.out.flush();
		System.exit(0);
	}

	// echo

	Map<String, Object> echo() throws Exception {
		Histogram rtt = histogram();
		Counter received = new Counter();
		Listener listener = new Listener() {

			@Override
			public void opened(Connection connection) {
				for (int i = 0; i < LoadGenerator.this.settings.inFlight; i++) {
					send(connection, System.nanoTime());
				}
			}

			@Override
			public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
				long stamp = BenchPayload.stamp(payload);
				if (received.measuring && stamp > 0) {
					record(rtt, now - stamp);
				}
				received.increment();
				send(connection, now);
			}

		};
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/echo", this.settings.echoConnections, (n) -> 0,
					listener);
			log("echo: %d connections x %d in flight, %d s warm-up", connections.size(), this.settings.inFlight,
					this.settings.warmupSeconds);
			sleep(this.settings.warmupSeconds);
			Window window = Window.start(client, this.probe, () -> {
				received.measuring = true;
				return received.value;
			});
			sleep(this.settings.durationSeconds);
			window.end(client, this.probe, () -> {
				received.measuring = false;
				return received.value;
			});
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", connections.size());
			result.put("inFlight", this.settings.inFlight);
			result.put("size", this.settings.size);
			result.put("seconds", round(window.seconds(), 2));
			result.put("messages", window.count());
			result.put("msgsPerSec", Math.round(window.count() / window.seconds()));
			result.putAll(percentiles("rtt", client.call(rtt::copy).join()));
			window.putCpu(result, "serverCpuUsPerMsg", window.count());
			window.putFramesPerWrite(result, window.count());
			result.put("closedDuringRun", client.call(() -> count(connections, WsLoadClient.State.CLOSED)).join());
			return result;
		}
	}

	private void send(Connection connection, long now) {
		BenchPayload.writeStamped(now, this.settings.size, this.message, 0);
		connection.sendText(this.message, 0, this.settings.size);
	}

	// fan-out

	Map<String, Object> fanout(boolean stall) throws Exception {
		Histogram latency = histogram();
		FanoutState state = new FanoutState();
		int total = this.settings.fanoutConnections;
		int stalledEvery = 100; // 1%
		Listener listener = fanoutListener(state, latency);
		// A stalled client that reads nothing with a small receive window: its socket fills after a
		// few kilobytes, so the server has to hold or drop what follows.
		int stalledBuffer = 4096;
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/fanout", total,
					(n) -> (stall && n % stalledEvery == 0) ? stalledBuffer : 0, listener);
			state.clockOffset = this.probe.clockOffsetNanos();
			List<Connection> stalled = new ArrayList<>();
			if (stall) {
				client.call(() -> {
					for (int i = 0; i < connections.size(); i += stalledEvery) {
						Connection connection = connections.get(i);
						connection.attachment = Boolean.TRUE;
						stalled.add(connection);
					}
					return null;
				}).join();
			}
			int healthy = connections.size() - stalled.size();
			long perRound = (long) this.settings.broadcasts * healthy;
			long stallStart = System.nanoTime();
			log("fan-out: %d connections (%d stalled), clock offset %d ns, %d warm-up rounds of %d x %d B",
					connections.size(), stalled.size(), state.clockOffset, this.settings.warmupRounds,
					this.settings.broadcasts, this.settings.size);
			if (stall) {
				fill(client, stalled);
			}
			Rounds rounds = rounds(client, state, perRound, (expected) -> round(state, expected));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", connections.size());
			result.put("stalled", stalled.size());
			result.put("broadcasts", this.settings.broadcasts);
			result.put("rounds", this.settings.rounds);
			result.put("size", this.settings.size);
			result.put("clockOffsetNs", state.clockOffset);
			result.put("incompleteRounds", rounds.incomplete());
			putDeliveries(result, client, state, rounds.window(), rounds.expected(), latency);
			result.put("heapAfterGcMB", round(this.probe.heapAfterGcBytes() / 1048576.0, 1));
			if (stall) {
				stalledOutcome(client, state, stalled, stallStart, result);
			}
			return result;
		}
	}

	/**
	 * The clients of a fan-out: each counts and times what it receives against the server's
	 * stamp; a stalled one (attachment {@code TRUE}) only counts.
	 */
	private static Listener fanoutListener(FanoutState state, Histogram latency) {
		return new Listener() {

			@Override
			public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
				long stamp = BenchPayload.stamp(payload);
				if (connection.attachment == Boolean.TRUE) {
					state.stalledReceived++;
					return;
				}
				if (state.measuring && stamp > 0) {
					record(latency, now - (stamp - state.clockOffset));
				}
				state.lastDelivery = now;
				state.delivered.increment();
			}

			@Override
			public void closed(Connection connection, int code) {
				if (connection.attachment == Boolean.TRUE) {
					state.stalledCloses.merge(code, 1, Integer::sum);
				}
				else {
					state.healthyCloses.merge(code, 1, Integer::sum);
				}
			}

		};
	}

	/**
	 * The rounds of a burst fan-out: the warm-up rounds, then the measured ones in a window that
	 * ends at the last delivery when every round was delivered in time. Targets are cumulative:
	 * what a round that timed out still delivers counts for it.
	 * @param perRound the deliveries of one round
	 * @param round plays one round and says whether the deliveries so far reached its target
	 */
	private Rounds rounds(WsLoadClient client, FanoutState state, long perRound, Round round) throws Exception {
		long expected = 0;
		for (int i = 0; i < this.settings.warmupRounds; i++) {
			expected += perRound;
			round.play(expected);
		}
		Window window = Window.start(client, this.probe, () -> {
			state.measuring = true;
			return state.delivered.value;
		});
		int incomplete = 0;
		for (int i = 0; i < this.settings.rounds; i++) {
			expected += perRound;
			incomplete += round.play(expected) ? 0 : 1;
		}
		window.end(client, this.probe, () -> {
			state.measuring = false;
			return state.delivered.value;
		});
		if (incomplete == 0) {
			window.endAt(state.lastDelivery);
		}
		return new Rounds(window, expected, incomplete);
	}

	/** One round of a burst fan-out. */
	@FunctionalInterface
	private interface Round {

		/**
		 * @param expected the deliveries expected once this round is delivered, from the first round on
		 * @return whether they were there in time
		 */
		boolean play(long expected) throws Exception;

	}

	/**
	 * The measured rounds: their window, the deliveries expected by their end, and how many were
	 * not delivered in time.
	 */
	private record Rounds(Window window, long expected, int incomplete) {
	}

	// paced fan-out

	/**
	 * The server broadcasts one message every {@code pacedIntervalMs} to every connection, from
	 * its own scheduler, first for a warm-up, then for the measured window, which ends at the last
	 * delivery; latency is from the time each broadcast was due.
	 */
	Map<String, Object> fanoutPaced() throws Exception {
		Histogram latency = histogram();
		FanoutState state = new FanoutState();
		int interval = this.settings.pacedIntervalMs;
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/fanout", this.settings.fanoutConnections, (n) -> 0,
					fanoutListener(state, latency));
			state.clockOffset = this.probe.clockOffsetNanos();
			int n = connections.size();
			log("paced fan-out: %d connections, one %d B message every %d ms; %d warm-up, %d measured",
					n, this.settings.size, interval, this.settings.pacedWarmupMessages, this.settings.pacedMessages);
			long expected = (long) this.settings.pacedWarmupMessages * n;
			this.probe.fanoutPaced(this.settings.pacedWarmupMessages, this.settings.size, interval);
			awaitDeliveries(state, expected, pacedTimeout(this.settings.pacedWarmupMessages));
			Window window = Window.start(client, this.probe, () -> {
				state.measuring = true;
				return state.delivered.value;
			});
			expected += (long) this.settings.pacedMessages * n;
			this.probe.fanoutPaced(this.settings.pacedMessages, this.settings.size, interval);
			boolean complete = awaitDeliveries(state, expected, pacedTimeout(this.settings.pacedMessages));
			window.end(client, this.probe, () -> {
				state.measuring = false;
				return state.delivered.value;
			});
			if (complete) {
				window.endAt(state.lastDelivery);
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", n);
			result.put("intervalMs", interval);
			result.put("messages", this.settings.pacedMessages);
			result.put("size", this.settings.size);
			result.put("clockOffsetNs", state.clockOffset);
			result.put("pacedDeliveriesPerSec", Math.round(n * 1000.0 / interval));
			putDeliveries(result, client, state, window, expected, latency);
			return result;
		}
	}

	/**
	 * The figures of a fan-out's measured window: after waiting for stragglers, the deliveries,
	 * late and lost ones, their rate and latency, and the server's CPU and system calls per
	 * delivery.
	 */
	private void putDeliveries(Map<String, Object> result, WsLoadClient client, FanoutState state, Window window,
			long expected, Histogram latency) throws InterruptedException {
		long delivered = window.count();
		long late = awaitStragglers(state, expected);
		result.put("seconds", round(window.seconds(), 3));
		result.put("deliveries", delivered);
		result.put("deliveredLate", late);
		result.put("losses", Math.max(0, expected - state.delivered.value));
		result.put("deliveriesPerSec", Math.round(delivered / window.seconds()));
		result.putAll(percentiles("latency", client.call(latency::copy).join()));
		window.putCpu(result, "serverCpuUsPerDelivery", delivered);
		window.putFramesPerWrite(result, delivered);
		result.put("healthyCloses", client.call(() -> new TreeMap<>(state.healthyCloses)).join());
	}

	/** How long a paced fan-out of so many messages may take to arrive, in seconds. */
	private int pacedTimeout(int messages) {
		return (int) (messages * (long) this.settings.pacedIntervalMs / 1000) + this.settings.roundTimeoutSeconds;
	}

	/**
	 * Let the server's send timeout pass, then read what the stalled clients were sent: how many
	 * messages reached each, and how it ended.
	 */
	private void stalledOutcome(WsLoadClient client, FanoutState state, List<Connection> stalled, long stallStart,
			Map<String, Object> result) throws Exception {
		long waitUntil = stallStart + TimeUnit.SECONDS.toNanos(this.settings.cutOffWaitSeconds);
		long left = waitUntil - System.nanoTime();
		if (left > 0) {
			log("fan-out: waiting %d ms for the server to cut the stalled clients off",
					TimeUnit.NANOSECONDS.toMillis(left));
			Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
		}
		long stalledBefore = client.call(() -> state.stalledReceived).join();
		client.call(() -> {
			stalled.forEach((connection) -> connection.reading(true));
			return null;
		}).join();
		// read until every stalled client has ended or nothing has come for a second
		long quietSince = System.nanoTime();
		long last = stalledBefore;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			Thread.sleep(100);
			long[] now = client.call(() -> new long[] { state.stalledReceived,
					count(stalled, WsLoadClient.State.CLOSED) }).join();
			if (now[1] == stalled.size()) {
				break;
			}
			if (now[0] != last) {
				last = now[0];
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(1)) {
				break;
			}
		}
		Map<String, Object> outcome = client.call(() -> {
			Map<String, Object> map = new LinkedHashMap<>();
			long min = Long.MAX_VALUE;
			long max = 0;
			long bytes = 0;
			for (Connection connection : stalled) {
				min = Math.min(min, connection.messagesReceived());
				max = Math.max(max, connection.messagesReceived());
				bytes = Math.max(bytes, connection.bytesReceived());
			}
			map.put("stalledStillOpen", stalled.size() - count(stalled, WsLoadClient.State.CLOSED));
			map.put("stalledCloses", new TreeMap<>(state.stalledCloses));
			map.put("stalledMessagesMin", stalled.isEmpty() ? 0 : min);
			map.put("stalledMessagesMax", max);
			map.put("stalledKBMax", bytes / 1024);
			return map;
		}).join();
		int cutOff = 0;
		@SuppressWarnings("unchecked")
		Map<Integer, Integer> closes = (Map<Integer, Integer>) outcome.get("stalledCloses");
		for (Map.Entry<Integer, Integer> entry : closes.entrySet()) {
			cutOff += entry.getValue();
		}
		result.put("stalledCutOff", cutOff);
		result.put("stalledCutOff1013", closes.getOrDefault(1013, 0));
		result.putAll(outcome);
		result.put("stalledFillKB", this.fillBytes / 1024);
	}

	/**
	 * Make the stalled clients stalled: each asks for {@link #fillBytes} bytes on its own connection
	 * and stops reading, so that its socket buffers (megabytes on loopback, where TCP segments are
	 * 64 KB) are full before the broadcasts start, as for a peer that stopped reading long ago,
	 * without sending the healthy clients anything.
	 */
	private void fill(WsLoadClient client, List<Connection> stalled) throws InterruptedException {
		byte[] request = ("fill " + FILL_MESSAGE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		int messages = (int) (this.fillBytes / FILL_MESSAGE);
		client.call(() -> {
			for (Connection connection : stalled) {
				connection.reading(false);
				for (int i = 0; i < messages; i++) {
					connection.sendText(request, 0, request.length);
				}
			}
			return null;
		}).join();
		log("fan-out: %d stalled clients asked for %d x %d B each and stopped reading", stalled.size(), messages,
				FILL_MESSAGE);
		Thread.sleep(2000); // for the servers to push it
	}

	/**
	 * One round: ask for the broadcasts and wait until every healthy client has every message
	 * so far, or the round timeout.
	 * @return whether the round was delivered in time
	 */
	private boolean round(FanoutState state, long expected) throws Exception {
		long start = System.nanoTime();
		CompletableFuture<String> answer = this.probe.fanoutAsync(this.settings.broadcasts, this.settings.size,
				Duration.ofSeconds(300));
		boolean complete = awaitDeliveries(state, expected, this.settings.roundTimeoutSeconds);
		if (!complete) {
			log("fan-out: round not delivered within %d s: %d deliveries missing",
					this.settings.roundTimeoutSeconds, expected - state.delivered.value);
		}
		if (answer.isCompletedExceptionally()) {
			log("fan-out: broadcast request failed: %s", answer.handle((ok, ex) -> String.valueOf(ex)).join());
		}
		return complete;
	}

	private static boolean awaitDeliveries(FanoutState state, long expected, int timeoutSeconds)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (state.delivered.value < expected && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		return state.delivered.value >= expected;
	}

	/**
	 * After the measured window, wait for deliveries still on their way: until all are there,
	 * nothing has arrived for two seconds, or 20 seconds have passed.
	 * @return the deliveries that arrived meanwhile
	 */
	private long awaitStragglers(FanoutState state, long expected) throws InterruptedException {
		long before = state.delivered.value;
		long last = before;
		long quietSince = System.nanoTime();
		long deadline = quietSince + TimeUnit.SECONDS.toNanos(20);
		while (state.delivered.value < expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
			long now = state.delivered.value;
			if (now != last) {
				last = now;
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
				break;
			}
		}
		return state.delivered.value - before;
	}

	// chat

	/**
	 * The chat fan-out: {@code chatMembers} connections on {@code /ws/chat} each name themselves
	 * and join one room; once every {@code joined} answer is in, {@code chatSenders} of them send
	 * {@code chatSays} {@code say} commands in turn, all in one pass of the selector (a burst, as
	 * the fan-out's), and every member, senders included, should get every message: a warm-up
	 * round, then a measured one, each waited for until every member has every message. The chat
	 * events carry no server stamp: each {@code say}'s text starts with the generator's
	 * {@link System#nanoTime()} as it is queued, which the event brings back, so the latency is
	 * from the generator's send to a member's read, on one clock.
	 */
	Map<String, Object> chat() throws Exception {
		Histogram latency = histogram();
		FanoutState state = new FanoutState();
		Counter joined = new Counter();
		Counter others = new Counter();
		int members = this.settings.chatMembers;
		String room = "lobby";
		Listener listener = new Listener() {

			@Override
			public void opened(Connection connection) {
				sendJson(connection, "{\"type\":\"name\",\"name\":\"member-" + connection.id() + "\"}");
				sendJson(connection, "{\"type\":\"join\",\"room\":\"" + room + "\"}");
			}

			@Override
			public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
				int at = ChatText.textStart(payload);
				if (at < 0) {
					if (ChatText.contains(payload, ChatText.JOINED)) {
						joined.increment();
					}
					else {
						others.increment(); // an error frame, or anything unexpected
					}
					return;
				}
				long stamp = ChatText.stamp(payload, at);
				if (state.measuring && stamp > 0) {
					record(latency, now - stamp);
				}
				state.lastDelivery = now;
				state.delivered.increment();
			}

			@Override
			public void closed(Connection connection, int code) {
				state.healthyCloses.merge(code, 1, Integer::sum);
			}

		};
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/chat", members, (n) -> 0, listener);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.settings.roundTimeoutSeconds);
			while (joined.value < members && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			if (joined.value < members) {
				throw new IllegalStateException("Only " + joined.value + " of " + members + " members joined in "
						+ this.settings.roundTimeoutSeconds + " s (" + others.value + " other answers)");
			}
			List<Connection> senders = connections.subList(0, Math.min(this.settings.chatSenders, members));
			long perRound = (long) this.settings.chatSays * members;
			log("chat: %d members in room %s, %d senders, %d warm-up rounds of %d says of %d B text",
					members, room, senders.size(), this.settings.warmupRounds, this.settings.chatSays,
					this.settings.chatText);
			Rounds rounds = rounds(client, state, perRound,
					(expected) -> chatRound(client, senders, room, state, expected));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", connections.size());
			result.put("members", members);
			result.put("senders", senders.size());
			result.put("says", this.settings.chatSays);
			result.put("rounds", this.settings.rounds);
			result.put("textSize", this.settings.chatText);
			result.put("incompleteRounds", rounds.incomplete());
			putDeliveries(result, client, state, rounds.window(), rounds.expected(), latency);
			result.put("otherMessages", others.value);
			result.put("heapAfterGcMB", round(this.probe.heapAfterGcBytes() / 1048576.0, 1));
			return result;
		}
	}

	/**
	 * One chat round: the senders' {@code say} commands, in turn, queued in one task of the
	 * selector thread so that they go out in its next pass, each stamped as it is queued; then
	 * wait until every member has every message so far, or the round timeout.
	 * @return whether the round was delivered in time
	 */
	private boolean chatRound(WsLoadClient client, List<Connection> senders, String room, FanoutState state,
			long expected) throws InterruptedException {
		byte[] prefix = ("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"")
			.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		int size = prefix.length + this.settings.chatText + 2;
		client.call(() -> {
			byte[] say = new byte[size];
			System.arraycopy(prefix, 0, say, 0, prefix.length);
			say[size - 2] = '"';
			say[size - 1] = '}';
			for (int i = 0; i < this.settings.chatSays; i++) {
				BenchPayload.writeStamped(System.nanoTime(), this.settings.chatText, say, prefix.length);
				senders.get(i % senders.size()).sendText(say, 0, size);
			}
			return null;
		}).join();
		boolean complete = awaitDeliveries(state, expected, this.settings.roundTimeoutSeconds);
		if (!complete) {
			log("chat: round not delivered within %d s: %d deliveries missing", this.settings.roundTimeoutSeconds,
					expected - state.delivered.value);
		}
		return complete;
	}

	private static void sendJson(Connection connection, String json) {
		byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		connection.sendText(bytes, 0, bytes.length);
	}

	// idle

	Map<String, Object> idle() throws Exception {
		int count = this.settings.idleConnections;
		long heapBefore = this.probe.heapAfterGcBytes();
		long rssBefore = this.probe.rssBytes();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/echo", count, (n) -> 0, new Listener() {
			});
			log("idle: %d connections open", connections.size());
			Thread.sleep(2000);
			long heapAfter = this.probe.heapAfterGcBytes();
			long rssAfter = this.probe.rssBytes();
			int open = connections.size() - client.call(() -> count(connections, WsLoadClient.State.CLOSED)).join();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", open);
			result.put("heapBeforeMB", round(heapBefore / 1048576.0, 1));
			result.put("heapAfterMB", round(heapAfter / 1048576.0, 1));
			result.put("heapPerConnKB", round((heapAfter - heapBefore) / 1024.0 / open, 2));
			result.put("rssBeforeMB", round(rssBefore / 1048576.0, 1));
			result.put("rssAfterMB", round(rssAfter / 1048576.0, 1));
			result.put("rssPerConnKB", round((rssAfter - rssBefore) / 1024.0 / open, 2));
			return result;
		}
	}

	// heartbeat

	/**
	 * Idle connections on {@code /ws/echo} while the server pings them (or not: the server of
	 * {@code heartbeat-off} runs without its heartbeat); with {@code chatty}, every connection
	 * sends one small message a second, spread evenly, and gets it back. Server CPU, per thread
	 * too, and the pings the clients received over the window.
	 */
	Map<String, Object> heartbeat(boolean chatty) throws Exception {
		int count = this.settings.heartbeatConnections;
		Counter pings = new Counter();
		Counter closes = new Counter();
		Counter echoes = new Counter();
		Listener listener = new Listener() {

			@Override
			public void pinged(Connection connection, long now) {
				pings.increment();
			}

			@Override
			public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
				echoes.increment();
			}

			@Override
			public void closed(Connection connection, int code) {
				closes.increment();
			}

		};
		java.util.concurrent.ScheduledExecutorService chatter = java.util.concurrent.Executors
			.newSingleThreadScheduledExecutor();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/echo", count, (n) -> 0, listener);
			if (chatty) {
				chat(client, connections, chatter);
			}
			log("heartbeat: %d connections open%s; settling %d s", connections.size(),
					chatty ? ", each sending a message a second" : "", this.settings.settleSeconds);
			sleep(this.settings.settleSeconds);
			Map<Long, Long> threadsBefore = this.probe.threadCpuNanos();
			long[] pingedBefore = client.call(() -> pingsByConnection(connections)).join();
			Window window = Window.start(client, this.probe, () -> pings.value);
			long echoesBefore = echoes.value;
			sleep(this.settings.heartbeatSeconds);
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
			result.put("chatty", chatty);
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
	private static void chat(WsLoadClient client, List<Connection> connections,
			java.util.concurrent.ScheduledExecutorService chatter) {
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

	// handshakes

	Map<String, Object> handshakes() throws Exception {
		Histogram latency = histogram();
		HandshakeState state = new HandshakeState();
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			Listener listener = new Listener() {

				@Override
				public void opened(Connection connection) {
					if (state.measuring) {
						record(latency, connection.handshakeNanos());
					}
					connection.close(1000);
				}

				@Override
				public void failed(Connection connection, String reason) {
					state.failures.merge(reason, 1, Integer::sum);
					state.done(client, this);
				}

				@Override
				public void closed(Connection connection, int code) {
					if (code != 1000) {
						state.failures.merge("closed with " + code, 1, Integer::sum);
					}
					state.completed++;
					state.done(client, this);
				}

			};
			state.address = this.address;
			state.origin = this.origin;
			state.concurrency = this.settings.handshakeConcurrency;
			log("handshakes: %d warm-up, then %d measured, %d at a time%s", this.settings.handshakeWarmup,
					this.settings.handshakes, state.concurrency,
					(this.origin != null) ? ", origin " + this.origin : "");
			state.run(client, listener, this.settings.handshakeWarmup).get(120, TimeUnit.SECONDS);
			Window window = Window.start(client, this.probe, () -> {
				state.measuring = true;
				state.completed = 0;
				state.failures.clear();
				return 0L;
			});
			state.run(client, listener, this.settings.handshakes).get(300, TimeUnit.SECONDS);
			window.end(client, this.probe, () -> {
				state.measuring = false;
				return (long) state.completed;
			});
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("handshakes", window.count());
			result.put("concurrency", state.concurrency);
			result.put("originChecked", this.origin != null);
			result.put("seconds", round(window.seconds(), 3));
			result.put("handshakesPerSec", Math.round(window.count() / window.seconds()));
			result.putAll(percentiles("handshake", client.call(latency::copy).join()));
			result.put("failures", client.call(() -> new TreeMap<>(state.failures)).join());
			window.putCpu(result, "serverCpuUsPerHandshake", window.count());
			return result;
		}
	}

	// helpers

	private List<Connection> connect(WsLoadClient client, String path, int count,
			java.util.function.IntUnaryOperator receiveBuffer, Listener listener) {
		Connector connector = new Connector(client, this.address, path, null, count, 64, receiveBuffer, listener);
		long start = System.nanoTime();
		List<Connection> connections = connector.open(Math.max(60, count / 50));
		log("%d connections to %s in %d ms (%d failed)", connections.size(), path,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), connector.failedCount());
		if (connections.size() < count) {
			throw new IllegalStateException("Only " + connections.size() + " of " + count
					+ " connections opened: " + connector.failures());
		}
		return connections;
	}

	static int count(List<Connection> connections, WsLoadClient.State state) {
		int n = 0;
		for (Connection connection : connections) {
			if (connection.state() == state) {
				n++;
			}
		}
		return n;
	}

	static Histogram histogram() {
		return new Histogram(MAX_LATENCY, 3);
	}

	static void record(Histogram histogram, long nanos) {
		histogram.recordValue(Math.max(1, Math.min(nanos, MAX_LATENCY)));
	}

	static Map<String, Object> percentiles(String name, Histogram histogram) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put(name + "Samples", histogram.getTotalCount());
		result.put(name + "P50Us", micros(histogram.getValueAtPercentile(50)));
		result.put(name + "P99Us", micros(histogram.getValueAtPercentile(99)));
		result.put(name + "P999Us", micros(histogram.getValueAtPercentile(99.9)));
		result.put(name + "MaxUs", micros(histogram.getMaxValue()));
		return result;
	}

	private static double micros(long nanos) {
		return round(nanos / 1000.0, 1);
	}

	static double round(double value, int decimals) {
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

	private static void sleep(int seconds) throws InterruptedException {
		Thread.sleep(seconds * 1000L);
	}

	static void log(String format, Object... args) {
		System.err.println("[generator] " + String.format(format, args));
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

	/**
	 * The sizes of the scenarios: the figures, or small ones for a smoke run of seconds.
	 */
	record Settings(int size, int echoConnections, int inFlight, int warmupSeconds, int durationSeconds,
			int fanoutConnections, int broadcasts, int warmupRounds, int rounds, int roundTimeoutSeconds,
			int cutOffWaitSeconds, int pacedIntervalMs, int pacedWarmupMessages, int pacedMessages,
			int idleConnections, int heartbeatConnections, int settleSeconds, int heartbeatSeconds, int handshakeWarmup, int handshakes, int handshakeConcurrency,
			int chatMembers, int chatSenders, int chatSays, int chatText) {

		static Settings of(boolean quick) {
			if (quick) {
				return new Settings(64, 10, 10, 1, 2, 200, 50, 1, 1, 10, 0, 10, 50, 100, 300, 500, 1, 3, 50, 200,
						16, 100, 4, 20, 32);
			}
			// cut-off wait: gofr-ws's and the decorator's 10 s send timeout, plus a sweep and a margin
			// paced: one broadcast every 10 ms, 2 s of warm-up, 10 s measured
			// chat: 1,000 members of one room, 4 senders, 200 says of 32 B text a round (200,000 deliveries)
			return new Settings(64, 50, 10, 5, 15, 2000, 200, 1, 1, 30, 13, 10, 200, 1000, 5000, 10_000, 5, 20,
					500, 4000, 32, 1000, 4, 200, 32);
		}

	}

	/** A count written by the selector thread and read by others. */
	static final class Counter {

		volatile long value;

		volatile boolean measuring;

		void increment() {
			this.value++; // one writer: the selector thread
		}

	}

	static final class FanoutState {

		final Counter delivered = new Counter();

		volatile boolean measuring;

		volatile long lastDelivery;

		long clockOffset;

		long stalledReceived;

		final Map<Integer, Integer> stalledCloses = new HashMap<>();

		final Map<Integer, Integer> healthyCloses = new HashMap<>();

	}

	/**
	 * Opens connections one after the other, a bounded number at a time, each closing as soon as
	 * it is open; touched on the selector thread only, except the flags.
	 */
	static final class HandshakeState {

		volatile boolean measuring;

		int completed;

		final Map<String, Integer> failures = new HashMap<>();

		InetSocketAddress address;

		@Nullable String origin;

		int concurrency;

		private int toStart;

		private int inProgress;

		private @Nullable CompletableFuture<Void> finished;

		CompletableFuture<Void> run(WsLoadClient client, Listener listener, int count) {
			CompletableFuture<Void> future = new CompletableFuture<>();
			client.execute(() -> {
				this.finished = future;
				this.toStart = count;
				startMore(client, listener);
			});
			return future;
		}

		void done(WsLoadClient client, Listener listener) {
			this.inProgress--;
			startMore(client, listener);
		}

		private void startMore(WsLoadClient client, Listener listener) {
			while (this.inProgress < this.concurrency && this.toStart > 0) {
				this.toStart--;
				this.inProgress++;
				client.connect(this.address, "/ws/echo", this.origin, 0, listener);
			}
			CompletableFuture<Void> future = this.finished;
			if (this.inProgress == 0 && this.toStart == 0 && future != null) {
				this.finished = null;
				future.complete(null);
			}
		}

	}

	/**
	 * A measured window: wall time, the server's CPU time, the generator thread's CPU time, and a
	 * count taken on the selector thread at both ends.
	 */
	static final class Window {

		private long wallStart;

		private long wallEnd;

		private long[] serverCpuStart = new long[2];

		private long[] serverCpuEnd = new long[2];

		private long generatorCpuStart;

		private long generatorCpuEnd;

		private long generatorWallEnd;

		private long switchesStart;

		private long switchesEnd;

		private long[] syscallsStart = { -1, -1 };

		private long[] syscallsEnd = { -1, -1 };

		private long countStart;

		private long countEnd;

		static Window start(WsLoadClient client, ServerProbe probe, java.util.function.LongSupplier count) {
			Window window = new Window();
			window.switchesStart = probe.contextSwitches();
			window.syscallsStart = probe.syscalls();
			window.serverCpuStart = probe.cpuSplitNanos();
			window.generatorCpuStart = client.threadCpuNanos();
			window.countStart = client.call(count::getAsLong).join();
			window.wallStart = System.nanoTime();
			return window;
		}

		void end(WsLoadClient client, ServerProbe probe, java.util.function.LongSupplier count) {
			this.countEnd = client.call(count::getAsLong).join();
			this.wallEnd = System.nanoTime();
			this.generatorWallEnd = this.wallEnd;
			this.generatorCpuEnd = client.threadCpuNanos();
			this.serverCpuEnd = probe.cpuSplitNanos();
			this.switchesEnd = probe.contextSwitches();
			this.syscallsEnd = probe.syscalls();
		}

		/**
		 * End the window earlier than now: at the last delivery of a fan-out.
		 */
		void endAt(long wallEnd) {
			this.wallEnd = wallEnd;
		}

		double seconds() {
			return (this.wallEnd - this.wallStart) / 1e9;
		}

		long count() {
			return this.countEnd - this.countStart;
		}

		double serverCpuSeconds() {
			return (this.serverCpuEnd[0] - this.serverCpuStart[0] + this.serverCpuEnd[1] - this.serverCpuStart[1]) / 1e9;
		}

		long switches() {
			return this.switchesEnd - this.switchesStart;
		}

		double serverSystemShare() {
			double total = serverCpuSeconds();
			return (total > 0) ? (this.serverCpuEnd[1] - this.serverCpuStart[1]) / 1e9 / total : 0;
		}

		double generatorBusy() {
			return (this.generatorCpuEnd - this.generatorCpuStart) / (double) (this.generatorWallEnd - this.wallStart);
		}

		void putCpu(Map<String, Object> result, String name, long units) {
			result.put("serverCpuSeconds", round(serverCpuSeconds(), 2));
			result.put("serverCpuPctOfCore", round(100.0 * serverCpuSeconds() / seconds(), 1));
			result.put("serverCpuKernelShare", round(serverSystemShare(), 3));
			result.put(name, (units > 0) ? round(serverCpuSeconds() * 1e6 / units, 3) : null);
			result.put("serverContextSwitchesPerUnit",
					(units > 0) ? round((this.switchesEnd - this.switchesStart) / (double) units, 3) : null);
			putSyscalls(result, units);
			putGenerator(result);
		}

		/**
		 * The server's read and write system calls in the window, per unit: for a fan-out a
		 * delivery, for echo a message (each an incoming and an outgoing frame).
		 */
		void putSyscalls(Map<String, Object> result, long units) {
			long writes = writeSyscalls();
			long reads = (this.syscallsStart[0] < 0 || this.syscallsEnd[0] < 0) ? -1
					: this.syscallsEnd[0] - this.syscallsStart[0];
			result.put("serverWriteSyscalls", (writes >= 0) ? writes : null);
			result.put("serverReadSyscalls", (reads >= 0) ? reads : null);
			result.put("serverWriteSyscallsPerUnit", (writes >= 0 && units > 0) ? round(writes / (double) units, 4) : null);
			result.put("serverReadSyscallsPerUnit", (reads >= 0 && units > 0) ? round(reads / (double) units, 4) : null);
		}

		/**
		 * Frames the server wrote per write system call: the units (deliveries, echoes) over the
		 * writes of the window, which also hold the few of HTTP, logging and the JVM.
		 */
		void putFramesPerWrite(Map<String, Object> result, long frames) {
			long writes = writeSyscalls();
			result.put("framesPerWrite", (writes > 0) ? round(frames / (double) writes, 3) : null);
		}

		long writeSyscalls() {
			return (this.syscallsStart[1] < 0 || this.syscallsEnd[1] < 0) ? -1
					: this.syscallsEnd[1] - this.syscallsStart[1];
		}

		void putGenerator(Map<String, Object> result) {
			result.put("generatorThreadBusy", round(generatorBusy(), 3));
			result.put("generatorSaturated", generatorBusy() >= SATURATED);
		}

	}

}
