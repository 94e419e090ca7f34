package dev.gofr.ws.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Rooms}, with connections of a {@link TestNode} over the rooms under test.
 */
class RoomsTests {

	private final Rooms rooms = new Rooms();

	private final TestNode node = new TestNode(new ConnectionRegistry(), this.rooms);

	@Test
	void aRoomExistsWhileItHasMembers() {
		WsConnection alice = connection("a");
		WsConnection bob = connection("b");
		assertThat(this.rooms.join(alice, "lobby")).isTrue();
		assertThat(this.rooms.join(bob, "lobby")).isTrue();
		assertThat(this.rooms.count("lobby")).isEqualTo(2);
		assertThat(this.rooms.names()).containsExactly("lobby");
		assertThat(this.rooms.leave(alice, "lobby")).isTrue();
		assertThat(this.rooms.members("lobby")).containsExactly(bob);
		assertThat(this.rooms.leave(bob, "lobby")).isTrue();
		assertThat(this.rooms.names()).isEmpty();
		assertThat(this.rooms.size()).isZero();
		assertThat(this.rooms.members("lobby")).isEmpty();
	}

	@Test
	void joiningTwiceAndLeavingARoomNotJoinedChangeNothing() {
		WsConnection alice = connection("a");
		assertThat(this.rooms.join(alice, "lobby")).isTrue();
		assertThat(this.rooms.join(alice, "lobby")).isFalse();
		assertThat(this.rooms.count("lobby")).isEqualTo(1);
		assertThat(this.rooms.leave(alice, "other")).isFalse();
		assertThat(this.rooms.roomsOf(alice)).containsExactly("lobby");
	}

	@Test
	void aConnectionIsInAnyNumberOfRoomsAndLeavesThemAllOnce() {
		WsConnection alice = connection("a");
		for (int i = 0; i < 10; i++) {
			this.rooms.join(alice, "room-" + i);
		}
		assertThat(alice.rooms()).hasSize(10);
		assertThat(this.rooms.isMember(alice, "room-3")).isTrue();
		assertThat(this.rooms.leaveAll(alice)).isEqualTo(10);
		assertThat(this.rooms.leaveAll(alice)).isZero();
		assertThat(this.rooms.size()).isZero();
		assertThat(alice.rooms()).isEmpty();
	}

	@Test
	void aConnectionThatIsNotOpenCannotJoin() {
		TestSocket socket = this.node.open("a", "chat").holdClose();
		WsConnection closed = socket.connection();
		closed.close(); // closing: the peer has not answered yet
		assertThat(this.rooms.join(closed, "lobby")).isFalse();
		assertThat(this.rooms.size()).isZero();
	}

	@Test
	void roomNamesAreBounded() {
		WsConnection alice = connection("a");
		assertThatIllegalArgumentException().isThrownBy(() -> this.rooms.join(alice, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> this.rooms.join(alice, "x".repeat(257)));
		assertThat(this.rooms.join(alice, "x".repeat(256))).isTrue();
	}

	@Test
	void countsAreSortedByName() {
		this.rooms.join(connection("a"), "b-room");
		this.rooms.join(connection("b"), "a-room");
		this.rooms.join(connection("c"), "a-room");
		assertThat(this.rooms.counts()).containsExactly(java.util.Map.entry("a-room", 2), java.util.Map.entry("b-room", 1));
	}

	@Test
	void concurrentJoinsLeavesAndClosesLeaveNoTrace() throws Exception {
		int threads = 8;
		int rounds = 2_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					for (int i = 0; i < rounds; i++) {
						WsConnection connection = connection(thread + "-" + i);
						for (int r = 0; r < 3; r++) {
							this.rooms.join(connection, "room-" + random.nextInt(5));
						}
						if (random.nextBoolean()) {
							this.rooms.leave(connection, "room-" + random.nextInt(5));
						}
						connection.close(); // ends at once: its rooms are left
						this.rooms.leaveAll(connection);
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.rooms.size()).isZero();
		assertThat(this.rooms.counts()).isEmpty();
	}

	@Test
	void aJoinRacingTheConnectionsEndLeavesNoMembership() throws Exception {
		for (int i = 0; i < 2_000; i++) {
			WsConnection connection = connection("c-" + i);
			Thread joiner = new Thread(() -> this.rooms.join(connection, "lobby"));
			joiner.start();
			connection.close();
			this.rooms.leaveAll(connection);
			joiner.join(10_000);
		}
		assertThat(this.rooms.count("lobby")).isZero();
	}

	@Test
	void aConnectionJoinsAtMost128RoomsByDefaultAndStaysInThem() {
		WsConnection alice = connection("a");
		for (int i = 0; i < 128; i++) {
			assertThat(this.rooms.join(alice, "room-" + i)).isTrue();
		}
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> this.rooms.join(alice, "room-128"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.LIMIT_EXCEEDED))
			.withMessageContaining("gofr.ws.limits.max-rooms-per-connection");
		assertThat(this.rooms.join(alice, "room-5")).isFalse(); // already in: no error
		assertThat(alice.rooms()).hasSize(128).doesNotContain("room-128");
		assertThat(this.rooms.names()).doesNotContain("room-128");
		assertThat(this.rooms.refusedJoins()).isEqualTo(1);
		this.rooms.leave(alice, "room-0");
		assertThat(this.rooms.join(alice, "room-128")).isTrue();
	}

	@Test
	void theNodeHoldsAtMostMaxRoomsWhileExistingRoomsStayOpenToJoin() {
		Rooms limited = new Rooms(new RoomLimits(0, 2));
		TestNode node = new TestNode(new ConnectionRegistry(), limited);
		WsConnection alice = node.open("a", "chat").connection();
		WsConnection bob = node.open("b", "chat").connection();
		limited.join(alice, "one");
		limited.join(alice, "two");
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> limited.join(bob, "three"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.LIMIT_EXCEEDED))
			.withMessageContaining("gofr.ws.limits.max-rooms");
		assertThat(bob.rooms()).isEmpty();
		assertThat(limited.join(bob, "two")).isTrue();
		limited.leave(alice, "one");
		assertThat(limited.join(bob, "three")).isTrue();
		assertThat(limited.names()).containsExactlyInAnyOrder("two", "three");
	}

	@Test
	void concurrentJoinsNeverGoPastEitherLimit() throws Exception {
		Rooms limited = new Rooms(new RoomLimits(3, 10));
		TestNode node = new TestNode(new ConnectionRegistry(), limited);
		List<WsConnection> connections = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			connections.add(node.open("c-" + i, "chat").connection());
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				futures.add(pool.submit(() -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					for (int i = 0; i < 5_000; i++) {
						WsConnection connection = connections.get(random.nextInt(connections.size()));
						String room = "room-" + random.nextInt(20);
						try {
							limited.join(connection, room);
						}
						catch (WsException ex) {
							// a limit: expected
						}
						if (random.nextInt(3) == 0) {
							limited.leave(connection, "room-" + random.nextInt(20));
						}
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(limited.refusedJoins()).isPositive();
		assertThat(limited.size()).isLessThanOrEqualTo(10);
		for (WsConnection connection : connections) {
			Set<String> joined = limited.roomsOf(connection);
			assertThat(joined).hasSizeLessThanOrEqualTo(3);
			for (String room : limited.names()) {
				assertThat(limited.isMember(connection, room)).as(room).isEqualTo(joined.contains(room));
			}
		}
		connections.forEach(limited::leaveAll);
		assertThat(limited.size()).isZero();
		assertThat(limited.join(connections.get(0), "again")).isTrue(); // the room count came back to 0
	}

	private WsConnection connection(String id) {
		return this.node.open(id, "chat").connection();
	}

}
