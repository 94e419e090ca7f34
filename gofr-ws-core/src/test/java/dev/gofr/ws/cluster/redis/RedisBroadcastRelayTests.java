package dev.gofr.ws.cluster.redis;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.cluster.ClusterCodec;
import dev.gofr.ws.cluster.ClusterMessage;
import dev.gofr.ws.cluster.ClusterRelay.LossReason;
import dev.gofr.ws.send.OutboundFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisBroadcastRelayTests {

	private static final Audience ALL = new Audience(Audience.Kind.ALL, "", List.of(), null, null);

	private final FakeRedis redis = new FakeRedis();

	private RedisBroadcastRelay relay = new RedisBroadcastRelay(this.redis.factory(), "chan", "node-1", () -> 5,
			Duration.ofMillis(200), 100);

	@AfterEach
	void stop() {
		this.redis.release();
		this.relay.stop();
	}

	@Test
	void broadcastsAndHeartbeatsArePublishedOnTheChannelInEnvelopesOfThisNode() {
		this.relay.start();
		this.relay.relay(ALL, OutboundFrame.text("one"));
		this.relay.relay(ALL, OutboundFrame.text("two"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.relay.published() == 2 && heartbeats() > 0);
		assertThat(this.redis.channels).allSatisfy((channel) -> assertThat(channel).isEqualTo("chan"));
		assertThat(this.redis.published).allSatisfy((envelope) -> assertThat(ClusterCodec.origin(envelope)).isEqualTo("node-1"));
		List<String> texts = this.redis.published.stream()
			.flatMap((envelope) -> ClusterCodec.messages(envelope).stream())
			.filter(ClusterMessage.Relayed.class::isInstance)
			.map((message) -> ((ClusterMessage.Relayed) message).frame().text())
			.toList();
		assertThat(texts).containsExactly("one", "two");
		assertThat(this.redis.published.stream().flatMap((envelope) -> ClusterCodec.messages(envelope).stream()))
			.contains(new ClusterMessage.Heartbeat(5));
	}

	@Test
	void aBurstGoesOutInFewEnvelopes() {
		this.redis.hold();
		this.relay.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.redis.waiting.getCount() == 0); // the first heartbeat is held
		for (int i = 0; i < 50; i++) {
			this.relay.relay(ALL, OutboundFrame.text("m" + i));
		}
		this.redis.release();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.relay.published() == 50);
		assertThat(this.redis.published.size()).isLessThanOrEqualTo(3);
	}

	@Test
	void whileRedisFailsBroadcastsAreDroppedAndCountedAndAHeartbeatBringsRelayingBack() {
		this.redis.failing = true;
		this.relay.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.relay.isReachable());
		assertThat(this.relay.lastError()).contains("Redis is down");
		this.relay.relay(ALL, OutboundFrame.text("lost"));
		assertThat(this.relay.dropped(LossReason.UNREACHABLE)).isEqualTo(1);

		this.redis.failing = false;
		await().atMost(Duration.ofSeconds(5)).until(this.relay::isReachable);
		assertThat(this.relay.lastError()).isNull();
		this.relay.relay(ALL, OutboundFrame.text("back"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.relay.published() == 1);
	}

	@Test
	void aPublishStuckLongerThanTheHeartbeatIntervalMarksRedisUnreachable() {
		this.redis.hold();
		this.relay.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.relay.isReachable());
		assertThat(this.relay.lastError()).contains("longer than the heartbeat interval");
		this.redis.release();
		await().atMost(Duration.ofSeconds(5)).until(this.relay::isReachable);
	}

	@Test
	void aFullQueueDropsWithoutWaiting() {
		this.relay = new RedisBroadcastRelay(this.redis.factory(), "chan", "node-1", () -> 0, Duration.ofSeconds(30), 2);
		this.redis.hold();
		this.relay.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.redis.waiting.getCount() == 0);
		for (int i = 0; i < 5; i++) {
			this.relay.relay(ALL, OutboundFrame.text("m" + i));
		}
		assertThat(this.relay.dropped(LossReason.QUEUE_FULL)).isEqualTo(3);
		assertThat(this.relay.dropped()).as("all reasons").isEqualTo(3);
	}

	@Test
	void nothingIsRelayedBeforeStartAndAFarewellIsSaidOnStop() {
		this.relay.relay(ALL, OutboundFrame.text("early"));
		assertThat(this.relay.dropped(LossReason.UNREACHABLE)).isEqualTo(1);
		this.relay.start();
		assertThat(this.relay.isRunning()).isTrue();
		this.relay.stop();
		assertThat(this.relay.isRunning()).isFalse();
		assertThat(ClusterCodec.messages(this.redis.published.get(this.redis.published.size() - 1)))
			.containsExactly(new ClusterMessage.Leaving());
	}

	private long heartbeats() {
		return this.redis.published.stream()
			.flatMap((envelope) -> ClusterCodec.messages(envelope).stream())
			.filter(ClusterMessage.Heartbeat.class::isInstance)
			.count();
	}

	/** A Redis that records what is published, and can fail or hold every publish. */
	static final class FakeRedis {

		final List<String> channels = new CopyOnWriteArrayList<>();

		final List<byte[]> published = new CopyOnWriteArrayList<>();

		volatile boolean failing;

		volatile CountDownLatch gate = new CountDownLatch(0);

		final CountDownLatch waiting = new CountDownLatch(1);

		void hold() {
			this.gate = new CountDownLatch(1);
		}

		void release() {
			this.gate.countDown();
		}

		RedisConnectionFactory factory() {
			RedisConnection connection = (RedisConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { RedisConnection.class }, (proxy, method, args) -> {
						if (method.getName().equals("publish")) {
							this.waiting.countDown();
							this.gate.await(10, TimeUnit.SECONDS);
							if (this.failing) {
								throw new RedisConnectionFailureException("Redis is down");
							}
							this.channels.add(new String((byte[]) args[0], StandardCharsets.UTF_8));
							this.published.add((byte[]) args[1]);
							return 1L;
						}
						return null;
					});
			return (RedisConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { RedisConnectionFactory.class }, (proxy, method, args) -> {
						if (method.getName().equals("getConnection")) {
							return connection;
						}
						throw new UnsupportedOperationException(method.getName());
					});
		}

	}

}
