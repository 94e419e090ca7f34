package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.bench.BenchPayload;
import dev.gofr.ws.bench.client.Deliveries.Rounds;
import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;

import static dev.gofr.ws.bench.client.Figures.round;

/**
 * {@code chat}, the chat fan-out: {@code chatMembers} connections on {@code /ws/chat} each name
 * themselves and join one room; once every {@code joined} answer is in, {@code chatSenders} of
 * them send {@code chatSays} {@code say} commands in turn, all in one pass of the selector (a
 * burst, as the fan-out's), and every member, senders included, should get every message: a
 * warm-up round, then a measured one, each waited for until every member has every message. The
 * chat events carry no server stamp: each {@code say}'s text starts with the generator's
 * {@link System#nanoTime()} as it is queued, which the event brings back, so the latency is from
 * the generator's send to a member's read, on one clock.
 */
final class ChatScenario extends Scenario {

	private static final String ROOM = "lobby";

	ChatScenario(ScenarioSettings settings, InetSocketAddress address, ServerProbe probe) {
		super(settings, address, probe);
	}

	@Override
	Map<String, Object> run() throws Exception {
		Deliveries deliveries = new Deliveries();
		Counter joined = new Counter();
		Counter others = new Counter();
		int members = this.settings.chatMembers();
		Listener listener = new Listener() {

			@Override
			public void opened(Connection connection) {
				sendJson(connection, "{\"type\":\"name\",\"name\":\"member-" + connection.id() + "\"}");
				sendJson(connection, "{\"type\":\"join\",\"room\":\"" + ROOM + "\"}");
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
				if (deliveries.measuring && stamp > 0) {
					Figures.record(deliveries.latency, now - stamp);
				}
				deliveries.lastDelivery = now;
				deliveries.delivered.increment();
			}

			@Override
			public void closed(Connection connection, int code) {
				deliveries.healthyCloses.merge(code, 1, Integer::sum);
			}

		};
		try (WsLoadClient client = new WsLoadClient("ws-load")) {
			List<Connection> connections = connect(client, "/ws/chat", members, (n) -> 0, listener);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.settings.roundTimeoutSeconds());
			while (joined.value < members && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			if (joined.value < members) {
				throw new IllegalStateException("Only " + joined.value + " of " + members + " members joined in "
						+ this.settings.roundTimeoutSeconds() + " s (" + others.value + " other answers)");
			}
			List<Connection> senders = connections.subList(0, Math.min(this.settings.chatSenders(), members));
			long perRound = (long) this.settings.chatSays() * members;
			log("chat: %d members in room %s, %d senders, %d warm-up rounds of %d says of %d B text", members, ROOM,
					senders.size(), this.settings.warmupRounds(), this.settings.chatSays(), this.settings.chatText());
			Rounds rounds = deliveries.rounds(client, this.probe, this.settings, perRound,
					(expected) -> playRound(client, senders, deliveries, expected));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("connections", connections.size());
			result.put("members", members);
			result.put("senders", senders.size());
			result.put("says", this.settings.chatSays());
			result.put("rounds", this.settings.rounds());
			result.put("textSize", this.settings.chatText());
			result.put("incompleteRounds", rounds.incomplete());
			deliveries.put(result, client, rounds.window(), rounds.expected());
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
	private boolean playRound(WsLoadClient client, List<Connection> senders, Deliveries deliveries, long expected)
			throws InterruptedException {
		byte[] prefix = ("{\"type\":\"say\",\"room\":\"" + ROOM + "\",\"text\":\"").getBytes(StandardCharsets.US_ASCII);
		int size = prefix.length + this.settings.chatText() + 2;
		client.call(() -> {
			byte[] say = new byte[size];
			System.arraycopy(prefix, 0, say, 0, prefix.length);
			say[size - 2] = '"';
			say[size - 1] = '}';
			for (int i = 0; i < this.settings.chatSays(); i++) {
				BenchPayload.writeStamped(System.nanoTime(), this.settings.chatText(), say, prefix.length);
				senders.get(i % senders.size()).sendText(say, 0, size);
			}
			return null;
		}).join();
		boolean complete = deliveries.await(expected, this.settings.roundTimeoutSeconds());
		if (!complete) {
			log("chat: round not delivered within %d s: %d deliveries missing", this.settings.roundTimeoutSeconds(),
					expected - deliveries.delivered.value);
		}
		return complete;
	}

	private static void sendJson(Connection connection, String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		connection.sendText(bytes, 0, bytes.length);
	}

}
