package dev.gofr.ws.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.gofr.ws.error.InvalidSettingException;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConnectionLimiter}.
 */
class ConnectionLimiterTests {

	private static final String ADDRESS = "127.0.0.1";

	private final List<String> rejections = new CopyOnWriteArrayList<>();

	private final WebSocketHandler handler = new TextWebSocketHandler();

	private final ManualTicker ticker = new ManualTicker();

	@Test
	void aHandshakeOverThePerIpLimitIsRefusedWith429() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(0, 2, Duration.ZERO));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		MockHttpServletResponse refused = new MockHttpServletResponse();
		assertThat(handshake(limiter, ADDRESS, refused, new HashMap<>())).isFalse();
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isNull();
		assertThat(this.rejections).containsExactly("chat:max-connections-per-ip");
		assertThat(limiter.openConnections(ADDRESS)).isEqualTo(2);
		assertThat(handshake(limiter, "127.0.0.2", new MockHttpServletResponse(), new HashMap<>())).isTrue();
	}

	@Test
	void aHandshakeOverTheNodeLimitIsRefusedWith503AndRetryAfter() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(1, 0, Duration.ZERO));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		MockHttpServletResponse refused = new MockHttpServletResponse();
		assertThat(handshake(limiter, "127.0.0.2", refused, new HashMap<>())).isFalse();
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
		assertThat(this.rejections).containsExactly("chat:max-connections");
		assertThat(limiter.openConnections()).isEqualTo(1);
	}

	@Test
	void aThrottledHandshakeGivesBackWhatItTook() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(10, 10, Duration.ofHours(1)));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		MockHttpServletResponse refused = new MockHttpServletResponse();
		assertThat(handshake(limiter, ADDRESS, refused, new HashMap<>())).isFalse();
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isNotNull();
		assertThat(this.rejections).containsExactly("chat:throttled");
		assertThat(limiter.openConnections()).isEqualTo(1);
		assertThat(limiter.openConnections(ADDRESS)).isEqualTo(1);
	}

	@Test
	void theThrottleAdmitsTheNextHandshakeOnceItsIntervalHasPassed() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(0, 0, Duration.ofSeconds(2)));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		MockHttpServletResponse refused = new MockHttpServletResponse();
		assertThat(handshake(limiter, "127.0.0.2", refused, new HashMap<>())).isFalse();
		assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
		this.ticker.advance(Duration.ofMillis(1500));
		MockHttpServletResponse soon = new MockHttpServletResponse();
		assertThat(handshake(limiter, "127.0.0.2", soon, new HashMap<>())).isFalse();
		assertThat(soon.getHeader("Retry-After")).as("whole seconds, rounded up").isEqualTo("1");
		this.ticker.advance(Duration.ofMillis(500));
		assertThat(handshake(limiter, "127.0.0.2", new MockHttpServletResponse(), new HashMap<>())).isTrue();
		assertThat(this.rejections).containsExactly("chat:throttled", "chat:throttled");
	}

	@Test
	void theThrottleAdmitsABurstAtOnceThenOneHandshakePerInterval() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(0, 0, Duration.ofMillis(10), 5));
		for (int i = 0; i < 5; i++) {
			assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).as("handshake %d", i)
				.isTrue();
		}
		MockHttpServletResponse refused = new MockHttpServletResponse();
		assertThat(handshake(limiter, ADDRESS, refused, new HashMap<>())).isFalse();
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		this.ticker.advance(Duration.ofMillis(10));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isFalse();
		this.ticker.advance(Duration.ofMinutes(5)); // a long quiet spell refills the bucket, to the burst and no more
		for (int i = 0; i < 5; i++) {
			assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		}
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isFalse();
		assertThat(this.rejections).containsExactly("chat:throttled", "chat:throttled", "chat:throttled");
	}

	@Test
	void theThrottlesBurstDefaultsToOneSecondsWorthAndMustBePositive() {
		assertThat(new ConnectionLimits(0, 0, Duration.ofMillis(1)).throttleBurst()).isEqualTo(1000);
		assertThat(new ConnectionLimits(0, 0, Duration.ofMillis(3)).throttleBurst()).isEqualTo(333);
		assertThat(new ConnectionLimits(0, 0, Duration.ofSeconds(2)).throttleBurst()).isEqualTo(1);
		assertThat(new ConnectionLimits(0, 0, Duration.ZERO).throttleBurst()).isEqualTo(1);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ConnectionLimits(0, 0, Duration.ofMillis(1), 0))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("throttleBurst"));
	}

	@Test
	void concurrentHandshakesNeverGetMoreThanTheBurst() throws Exception {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(0, 0, Duration.ofHours(1), 50));
		AtomicInteger admitted = new AtomicInteger();
		inParallel(8, () -> {
			for (int i = 0; i < 100; i++) {
				if (handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())) {
					admitted.incrementAndGet();
				}
			}
		});
		assertThat(admitted).hasValue(50);
	}

	@Test
	void anUpgradeThatNeverBecomesAConnectionGivesItsPermitBackAfter30Seconds() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(1, 0, Duration.ZERO));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		// upgraded, and then no connection ever came of it
		this.ticker.advance(Duration.ofSeconds(30));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isFalse();
		this.ticker.advance(Duration.ofMillis(1));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		assertThat(limiter.openConnections()).isOne();
	}

	@Test
	void anOpenConnectionKeepsItsPermitHoweverLongItLasts() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(1, 0, Duration.ZERO));
		Map<String, Object> open = new HashMap<>();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), open)).isTrue();
		ConnectionLimiter.connected(open);
		this.ticker.advance(Duration.ofDays(1));
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isFalse();
		assertThat(limiter.openConnections()).isOne();
	}

	@Test
	void countsGoBackToZeroWhenConnectionsEnd() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(10, 2, Duration.ZERO));
		Map<String, Object> first = new HashMap<>();
		Map<String, Object> second = new HashMap<>();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), first)).isTrue();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), second)).isTrue();
		ConnectionLimiter.connected(first);
		ConnectionLimiter.connected(second);
		assertThat(limiter.openConnections()).isEqualTo(2);
		assertThat(limiter.openConnections(ADDRESS)).isEqualTo(2);
		ConnectionLimiter.release(first);
		ConnectionLimiter.release(second);
		assertThat(limiter.openConnections()).isZero();
		assertThat(limiter.openConnections(ADDRESS)).isZero();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
	}

	@Test
	void releasingTwiceGivesBackOnce() {
		ConnectionLimiter limiter = limiter(new ConnectionLimits(10, 2, Duration.ZERO));
		Map<String, Object> first = new HashMap<>();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), first)).isTrue();
		assertThat(handshake(limiter, ADDRESS, new MockHttpServletResponse(), new HashMap<>())).isTrue();
		ConnectionLimiter.release(first);
		ConnectionLimiter.release(first);
		assertThat(limiter.openConnections()).isEqualTo(1);
		assertThat(limiter.openConnections(ADDRESS)).isEqualTo(1);
	}

	/**
	 * Handshakes racing connections that end on the same address: a counter that left the map
	 * when its last connection ended must not admit anyone.
	 */
	@Test
	void concurrentHandshakesFromOneAddressNeverExceedThePerIpLimit() throws Exception {
		int limit = 2;
		int threads = 16;
		int iterationsPerThread = 200_000;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		ConnectionLimiter limiter = new ConnectionLimiter("node", new ConnectionLimits(1000, limit, Duration.ZERO),
				(endpoint, reason) -> {
				}, (handler) -> "chat");
		AtomicInteger held = new AtomicInteger();
		AtomicInteger mostHeld = new AtomicInteger();
		LongAdder admitted = new LongAdder();
		inParallel(threads, () -> {
			for (int n = 0; n < iterationsPerThread && mostHeld.get() <= limit && System.nanoTime() < deadline; n++) {
				Map<String, Object> attributes = new HashMap<>();
				if (handshake(limiter, ADDRESS, new MockHttpServletResponse(), attributes)) {
					// counted after the permit is taken and before it is given back: never more
					// than the limiter let in at once
					mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
					admitted.increment();
					ConnectionLimiter.connected(attributes);
					held.decrementAndGet();
					ConnectionLimiter.release(attributes);
				}
			}
		});
		assertThat(admitted.sum()).isPositive();
		assertThat(mostHeld.get()).as("permits held at once for one address").isLessThanOrEqualTo(limit);
		assertThat(limiter.openConnections(ADDRESS)).isZero();
		assertThat(limiter.openConnections()).isZero();
	}

	/** Run a task on several threads that start together, and wait until all have ended. */
	private static void inParallel(int threads, Runnable task) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				workers.add(executor.submit(() -> {
					start.await();
					task.run();
					return null;
				}));
			}
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private ConnectionLimiter limiter(ConnectionLimits limits) {
		return new ConnectionLimiter("node", limits, (endpoint, reason) -> this.rejections.add(endpoint + ":" + reason),
				(handler) -> "chat", this.ticker);
	}

	private boolean handshake(ConnectionLimiter limiter, String address, MockHttpServletResponse response,
			Map<String, Object> attributes) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/chat");
		request.setRemoteAddr(address);
		return limiter.beforeHandshake(new ServletServerHttpRequest(request), new ServletServerHttpResponse(response),
				this.handler, attributes);
	}

}
