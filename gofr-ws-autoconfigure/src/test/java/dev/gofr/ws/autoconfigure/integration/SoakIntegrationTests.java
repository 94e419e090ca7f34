package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.gofr.ws.autoconfigure.integration.ChaosConfiguration.Endings;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.WsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bounded run of churn and traffic: clients connect, join a room, talk, broadcast, leave and
 * disconnect (a fifth of them by dropping the socket), in a loop, while long-lived members of
 * each room listen. Afterwards the registry, the rooms, the active-connections gauge, the heap
 * after GC, the thread count and the open file descriptors are back to their baseline within the
 * tolerances below, and every long-lived member received exactly what was said to it.
 * <p>
 * Runs for {@code gofr.ws.soak.duration} (an ISO-8601 duration, default {@code PT20S}); the long
 * form: {@code ./mvnw -B -ntp -pl gofr-ws-autoconfigure -am test -Dtest=SoakIntegrationTests
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgofr.ws.soak.duration=PT10M}.
 */
@EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChaosConfiguration.class)
class SoakIntegrationTests {

	private static final Duration DURATION = Duration.parse(System.getProperty("gofr.ws.soak.duration", "PT20S"));

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int ROOMS = 4;

	private static final int MEMBERS_PER_ROOM = 10;

	private static final int WORKERS = 6;

	/** Heap growth allowed, after a full GC. */
	private static final long HEAP_MB = 32;

	/** Thread growth allowed: client pools idle out on their own clock. */
	private static final int THREADS = 20;

	/** File descriptor growth allowed. */
	private static final int FDS = 10;

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	Rooms rooms;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Endings endings;

	private final AtomicInteger[] said = new AtomicInteger[ROOMS];

	private final AtomicInteger toAll = new AtomicInteger();

	private final AtomicLong iterations = new AtomicLong();

	@Test
	void churnAndTrafficLeaveNothingBehind() throws Exception {
		for (int r = 0; r < ROOMS; r++) {
			this.said[r] = new AtomicInteger();
		}
		HttpClient http = HttpClient.newHttpClient();
		URI roomUri = URI.create("ws://localhost:" + this.port + "/ws/room");
		List<Member> members = new ArrayList<>();
		List<WebSocket> memberSockets = new ArrayList<>();
		for (int r = 0; r < ROOMS; r++) {
			for (int m = 0; m < MEMBERS_PER_ROOM; m++) {
				Member member = new Member(r);
				WebSocket socket = http.newWebSocketBuilder().buildAsync(roomUri, member).get(30, TimeUnit.SECONDS);
				socket.sendText("join room" + r, true);
				members.add(member);
				memberSockets.add(socket);
			}
		}
		int population = ROOMS * MEMBERS_PER_ROOM;
		await().atMost(WAIT).until(() -> members.stream().allMatch((member) -> member.joined));

		churn(Duration.ofSeconds(5)); // warm-up: pools and caches grow to their working size
		awaitPopulation(population);
		forgetClosedConnections();
		Footprint baseline = Footprint.now();
		long warmUpIterations = this.iterations.get();
		int warmUpSaid = sum(this.said);
		int warmUpToAll = this.toAll.get();
		long start = System.nanoTime();

		churn(DURATION);

		long churnSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
		long soakIterations = this.iterations.get() - warmUpIterations;
		awaitPopulation(population);
		for (Member member : members) {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(member.received.get()).as("messages received by a member of room %d", member.room)
					.isEqualTo(this.said[member.room].get() + this.toAll.get()));
		}
		forgetClosedConnections();
		Footprint after = Footprint.awaitWithin(baseline, HEAP_MB, THREADS, FDS, Duration.ofSeconds(90));
		System.out.printf("Soak: %s (%d s of churn), %d iterations, %d says to rooms, %d broadcasts to all;"
				+ " baseline %s; after %s%n", DURATION, churnSeconds, soakIterations, sum(this.said) - warmUpSaid,
				this.toAll.get() - warmUpToAll, baseline, after);
		assertThat(soakIterations).as("iterations").isPositive();

		memberSockets.forEach((socket) -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
		await().atMost(WAIT).until(() -> this.registry.count() == 0);
		assertThat(this.rooms.size()).isZero();
		assertThat(this.meters.get("gofr.ws.connections.active").gauges()).isNotEmpty()
			.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
	}

	private void awaitPopulation(int population) {
		await().atMost(WAIT).until(() -> this.registry.count() == population);
		assertThat(this.rooms.size()).isEqualTo(ROOMS);
		for (int r = 0; r < ROOMS; r++) {
			assertThat(this.rooms.count("room" + r)).isEqualTo(MEMBERS_PER_ROOM);
		}
		assertThat(this.meters.get("gofr.ws.connections.active").tag("endpoint", "room").gauge().value())
			.isEqualTo(population);
	}

	private void churn(Duration duration) throws Exception {
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int w = 0; w < WORKERS; w++) {
				int worker = w;
				workers.add(pool.submit(() -> {
					for (int i = 0; System.nanoTime() < deadline; i++) {
						iteration(worker, i);
						if (this.iterations.incrementAndGet() % 1_000 == 0) {
							forgetClosedConnections();
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Empty the test's own records of closed connections ({@link TestApplication#CLOSED} and
	 * {@link Endings}): they keep one entry per connection ever closed, which would count as a
	 * leak in a long soak although gofr-ws holds none of it.
	 */
	private void forgetClosedConnections() {
		TestApplication.CLOSED.clear();
		this.endings.clear();
	}

	private void iteration(int worker, int i) {
		int room = (worker + i) % ROOMS;
		String tag = worker + "-" + i;
		WsTestClient client = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/room"), Map.of(), WAIT);
		try {
			client.sendText("join room" + room);
			assertThat(client.awaitMatching(new Frame.Text("joined room" + room)::equals, WAIT)).isNotNull();
			for (int m = 0; m < 5; m++) {
				this.said[room].incrementAndGet();
				client.sendText("say room" + room + " " + tag + "." + m);
				assertThat(client.awaitMatching(new Frame.Text(tag + "." + m)::equals, WAIT)).isNotNull();
			}
			if (i % 10 == 0) {
				this.toAll.incrementAndGet();
				client.sendText("all " + tag + " to everyone");
				assertThat(client.awaitMatching(new Frame.Text(tag + " to everyone")::equals, WAIT)).isNotNull();
			}
			client.sendText("leave room" + room);
			assertThat(client.awaitMatching(new Frame.Text("left room" + room)::equals, WAIT)).isNotNull();
			WsTestClient echo = WsTestClient.connect(URI.create("ws://localhost:" + this.port + "/ws/echo"), Map.of(), WAIT);
			echo.sendBinary(new byte[] { (byte) worker, (byte) i });
			assertThat(echo.awaitBinary()).containsExactly((byte) worker, (byte) i);
			echo.close();
		}
		finally {
			if (i % 5 == 0) {
				client.abort(); // vanishes without a close frame
			}
			else {
				client.close();
			}
		}
	}

	private static int sum(AtomicInteger[] counts) {
		int sum = 0;
		for (AtomicInteger count : counts) {
			sum += count.get();
		}
		return sum;
	}

	/**
	 * A long-lived member of one room that counts what it receives and keeps none of it.
	 */
	static final class Member implements WebSocket.Listener {

		final int room;

		final AtomicInteger received = new AtomicInteger();

		volatile boolean joined;

		Member(int room) {
			this.room = room;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (last) {
				if (!this.joined && data.toString().equals("joined room" + this.room)) {
					this.joined = true;
				}
				else {
					this.received.incrementAndGet();
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

	}

}
