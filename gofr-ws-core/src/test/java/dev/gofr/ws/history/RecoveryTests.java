package dev.gofr.ws.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.RoomLimits;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import dev.gofr.ws.time.ManualTicker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery on one node, with {@link InMemoryHistory}: rooms, a broadcaster and connections of a
 * {@link TestNode}, as a client that drops and comes back sees them.
 */
class RecoveryTests {

	private static final Pattern STAMP = Pattern.compile("\"offset\":(\\d+),\"epoch\":\"(\\w+)\"}$");

	private final ManualTicker ticker = new ManualTicker();

	private final InMemoryHistory history = new InMemoryHistory(
			HistoryRules.of(new HistorySettings(List.of("lobby", "kept-*"), 5_000, Duration.ofMinutes(5))), this.ticker);

	private final Rooms rooms = new Rooms(RoomLimits.DEFAULTS, this.history);

	private final ConnectionRegistry registry = new ConnectionRegistry();

	private final TestNode node = new TestNode(this.registry, this.rooms);

	private final Broadcaster broadcaster = new Broadcaster(this.registry, this.rooms, new JacksonPayloadCodec(),
			List.of());

	@Test
	void aClientThatComesBackGetsWhatItMissedInOrderThenLiveMessagesNothingTwice() {
		TestSocket bob = member("bob", "lobby");
		TestSocket alice = member("alice", "lobby");
		say("lobby", 3);
		StreamPosition last = position(alice.texts().get(2));
		assertThat(last.offset()).isEqualTo(3);
		alice.closeFromPeer(CloseStatus.GOING_AWAY);
		say("lobby", 50);

		TestSocket back = this.node.open("alice-again", "chat");
		Recovery recovery = back.connection().join("lobby", last, (outcome) -> new Joined(outcome.recovered()));
		say("lobby", 1);

		assertThat(recovery).isEqualTo(new Recovery(true, 50, new StreamPosition(53, last.epoch()), 2));
		List<String> texts = back.texts();
		assertThat(texts).hasSize(52);
		assertThat(texts.get(0)).isEqualTo("{\"type\":\"joined\",\"recovered\":true}");
		for (int i = 1; i <= 51; i++) {
			assertThat(position(texts.get(i))).isEqualTo(new StreamPosition(3 + i, last.epoch()));
		}
		assertThat(bob.texts()).hasSize(54);
	}

	@Test
	void anOffsetTheHistoryNoLongerReachesIsNotRecoveredAndTheClientJoinsAllTheSame() {
		InMemoryHistory small = new InMemoryHistory(HistoryRules.of(new HistorySettings(List.of("*"), 10, Duration.ofMinutes(5))),
				this.ticker);
		Rooms rooms = new Rooms(RoomLimits.DEFAULTS, small);
		ConnectionRegistry registry = new ConnectionRegistry();
		TestNode node = new TestNode(registry, rooms);
		Broadcaster broadcaster = new Broadcaster(registry, rooms, new JacksonPayloadCodec(), List.of());
		TestSocket first = node.open("first", "chat");
		first.connection().join("lobby");
		broadcaster.toRoom("lobby").send(Map.of("n", 1));
		StreamPosition seen = position(first.texts().get(0));
		for (int i = 0; i < 11; i++) { // offsets 2 to 12: 3 to 12 kept, 2 pushed out
			broadcaster.toRoom("lobby").send(Map.of("n", i));
		}
		TestSocket back = node.open("back", "chat");
		Recovery tooOld = back.connection().join("lobby", seen, (outcome) -> null);
		assertThat(tooOld.recovered()).isFalse();
		assertThat(tooOld.replayed()).isZero();
		assertThat(back.texts()).isEmpty();
		assertThat(back.connection().rooms()).containsExactly("lobby");
		// a client that saw offset 2 missed only what is kept
		Recovery justInTime = node.open("in-time", "chat")
			.connection()
			.join("lobby", new StreamPosition(2, seen.epoch()), (outcome) -> null);
		assertThat(justInTime.recovered()).isTrue();
		assertThat(justInTime.replayed()).isEqualTo(10);
	}

	@Test
	void anotherEpochOrAnOffsetAheadOfTheRoomIsNotRecovered() {
		member("bob", "lobby");
		say("lobby", 5);
		String epoch = this.history.position("lobby").epoch();
		assertThat(join("a", "lobby", new StreamPosition(2, "other")).recovered()).isFalse();
		assertThat(join("b", "lobby", new StreamPosition(6, epoch)).recovered()).isFalse();
		assertThat(join("c", "lobby", new StreamPosition(5, epoch))).isEqualTo(
				new Recovery(true, 0, new StreamPosition(5, epoch), 4));
	}

	@Test
	void aRoomWithoutHistoryIsNeitherStampedNorRecovered() {
		TestSocket bob = member("bob", "plain");
		say("plain", 2);
		assertThat(bob.texts()).containsExactly("{\"n\":0}", "{\"n\":1}");
		assertThat(join("a", "plain", new StreamPosition(0, "x"))).isEqualTo(new Recovery(false, 0, null, 2));
	}

	@Test
	void messagesOlderThanTheTtlAreNotRecoverableAndAnExpiredStreamStartsOverWithANewEpoch() {
		member("bob", "lobby");
		say("lobby", 3);
		StreamPosition before = this.history.position("lobby");
		this.ticker.advance(Duration.ofMinutes(4));
		say("lobby", 1);
		this.ticker.advance(Duration.ofMinutes(2)); // the first three are past their ttl, the fourth is not
		assertThat(join("a", "lobby", new StreamPosition(0, before.epoch())).recovered()).isFalse();
		assertThat(join("b", "lobby", new StreamPosition(3, before.epoch())).replayed()).isEqualTo(1);
		this.ticker.advance(Duration.ofMinutes(6));
		say("kept-other", 1); // publishing sweeps the streams whose messages have all expired
		assertThat(this.history.position("lobby")).isNull();
		say("lobby", 1);
		StreamPosition after = this.history.position("lobby");
		assertThat(after.epoch()).isNotEqualTo(before.epoch());
		assertThat(after.offset()).isEqualTo(1);
		assertThat(join("c", "lobby", new StreamPosition(4, before.epoch())).recovered()).isFalse();
	}

	@Test
	void aBroadcastToSeveralRoomsReachesAMemberOfAKeptAndAPlainRoomOnceStamped() {
		TestSocket both = member("both", "lobby");
		both.connection().join("plain");
		TestSocket plainOnly = member("plain-only", "plain");
		this.broadcaster.toRooms(List.of("lobby", "plain")).send(Map.of("n", 1));
		assertThat(both.texts()).hasSize(1);
		assertThat(position(both.texts().get(0)).offset()).isEqualTo(1);
		assertThat(plainOnly.texts()).containsExactly("{\"n\":1}");
	}

	@Test
	void aFilteredBroadcastIsNeitherStampedNorKept() {
		TestSocket bob = member("bob", "lobby");
		this.broadcaster.toRoom("lobby").filter((connection) -> true).send(Map.of("secret", 1));
		this.broadcaster.toRoom("lobby").whereMetadata("role", "admin").send(Map.of("secret", 2));
		assertThat(bob.texts()).containsExactly("{\"secret\":1}");
		assertThat(this.history.position("lobby")).isNull();
	}

	@Test
	void recoveringJoinsRacingABroadcastBurstNeitherSkipNorRepeat() throws Exception {
		member("bob", "lobby");
		say("lobby", 1);
		StreamPosition start = this.history.position("lobby");
		int messages = 3_000; // all kept: however late a join runs, it recovers
		int joiners = 40;
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<TestSocket> sockets = new ArrayList<>();
		List<Future<?>> joins = new ArrayList<>();
		try {
			Future<?> publishing = pool.submit(() -> say("lobby", messages));
			for (int i = 0; i < joiners; i++) {
				TestSocket socket = this.node.open("j" + i, "chat");
				sockets.add(socket);
				joins.add(pool.submit(() -> socket.connection().join("lobby", start, (outcome) -> null)));
			}
			publishing.get(60, TimeUnit.SECONDS);
			for (Future<?> join : joins) {
				join.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		for (TestSocket socket : sockets) {
			List<String> texts = socket.texts();
			assertThat(texts).hasSize(messages);
			for (int i = 0; i < messages; i++) {
				assertThat(position(texts.get(i)).offset()).isEqualTo(start.offset() + 1 + i);
			}
		}
	}

	record Joined(String type, boolean recovered) {

		Joined(boolean recovered) {
			this("joined", recovered);
		}

	}

	@Test
	void eachRoomKeepsWhatTheFirstRuleThatMatchesItSays() {
		InMemoryHistory history = new InMemoryHistory(HistoryRules.of(
				new HistorySettings(List.of("ticks-*"), 3, Duration.ofSeconds(30)),
				new HistorySettings(List.of("*"), 100, Duration.ofMinutes(5))), this.ticker);
		Rooms rooms = new Rooms(RoomLimits.DEFAULTS, history);
		ConnectionRegistry registry = new ConnectionRegistry();
		TestNode node = new TestNode(registry, rooms);
		Broadcaster broadcaster = new Broadcaster(registry, rooms, new JacksonPayloadCodec(), List.of());
		node.open("watcher", "chat").connection().join("ticks-eur");
		for (int i = 0; i < 5; i++) {
			broadcaster.toRoom("ticks-eur").send(Map.of("n", i));
			broadcaster.toRoom("chat").send(Map.of("n", i));
		}
		String ticks = history.position("ticks-eur").epoch();
		String chat = history.position("chat").epoch();
		assertThat(node.open("a", "chat").connection().join("ticks-eur", new StreamPosition(1, ticks), (outcome) -> null)
			.recovered()).as("3 kept, offset 2 pushed out").isFalse();
		assertThat(node.open("b", "chat").connection().join("ticks-eur", new StreamPosition(2, ticks), (outcome) -> null)
			.replayed()).isEqualTo(3);
		assertThat(node.open("c", "chat").connection().join("chat", new StreamPosition(0, chat), (outcome) -> null)
			.replayed()).isEqualTo(5);
		this.ticker.advance(Duration.ofMinutes(1));
		assertThat(node.open("d", "chat").connection().join("ticks-eur", new StreamPosition(4, ticks), (outcome) -> null)
			.recovered()).as("past the ticks' ttl").isFalse();
		assertThat(node.open("e", "chat").connection().join("chat", new StreamPosition(4, chat), (outcome) -> null)
			.replayed()).isEqualTo(1);
	}

	private TestSocket member(String id, String room) {
		TestSocket socket = this.node.open(id, "chat");
		socket.connection().join(room);
		return socket;
	}

	private void say(String room, int count) {
		for (int i = 0; i < count; i++) {
			this.broadcaster.toRoom(room).send(Map.of("n", i));
		}
	}

	private Recovery join(String id, String room, @Nullable StreamPosition since) {
		return this.node.open(id, "chat").connection().join(room, since, (outcome) -> null);
	}

	private static StreamPosition position(String text) {
		Matcher stamp = STAMP.matcher(text);
		assertThat(stamp.find()).as(text).isTrue();
		return new StreamPosition(Long.parseLong(stamp.group(1)), stamp.group(2));
	}

}
