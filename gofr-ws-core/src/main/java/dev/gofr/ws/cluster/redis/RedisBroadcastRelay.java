package dev.gofr.ws.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.cluster.ClusterCodec;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.server.GracefulShutdown;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Publishes this node's broadcasts and heartbeats on a Redis pub/sub channel, through the
 * application's Spring Data Redis connection.
 * <p>
 * The broadcasting thread never waits for Redis: it encodes the broadcast once and offers it to a
 * bounded queue, or drops it (counted) when the queue is full or Redis is known to be
 * unreachable. One publisher thread drains the queue and publishes what it finds as one envelope,
 * so a burst costs one round trip to Redis instead of one per broadcast. The same thread
 * publishes a heartbeat with the node's connection count every heartbeat interval; while Redis is
 * unreachable the heartbeats are the probes, and the first that gets through turns relaying back
 * on.
 * <p>
 * Stops after gofr-ws's graceful shutdown has drained the connections and before the Redis
 * connection factory, saying farewell on the channel so the other nodes drop this one at once.
 */
public final class RedisBroadcastRelay implements ClusterRelay, SmartLifecycle {

	/** The lifecycle phase: stops after the connections have drained, before Redis. */
	public static final int PHASE = GracefulShutdown.PHASE - 1;

	/** The most broadcasts published in one envelope. */
	static final int MAX_BATCH = 512;

	private static final Logger logger = LoggerFactory.getLogger(RedisBroadcastRelay.class);

	private final RedisConnectionFactory connectionFactory;

	private final byte[] channel;

	private final String nodeId;

	private final IntSupplier connections;

	private final long heartbeatNanos;

	private final BlockingQueue<byte[]> pending;

	private final LongAdder published = new LongAdder();

	private final LongAdder[] dropped = new LongAdder[LossReason.values().length];

	private volatile boolean reachable = true;

	private volatile long publishingSince;

	private volatile @Nullable String lastError;

	private volatile @Nullable Thread publisher;

	/**
	 * Create a relay; {@link #start()} starts publishing.
	 * @param connectionFactory the application's Redis connections
	 * @param channel the pub/sub channel every node of the cluster uses
	 * @param nodeId this node's id, unique in the cluster
	 * @param connections this node's open connections, for the heartbeat
	 * @param heartbeatInterval time between two heartbeats; also how long a publish may take
	 * before Redis counts as unreachable
	 * @param maxPending most broadcasts waiting to be published; more are dropped
	 */
	public RedisBroadcastRelay(RedisConnectionFactory connectionFactory, String channel, String nodeId,
			IntSupplier connections, Duration heartbeatInterval, int maxPending) {
		this.connectionFactory = connectionFactory;
		this.channel = channel.getBytes(StandardCharsets.UTF_8);
		this.nodeId = nodeId;
		this.connections = connections;
		this.heartbeatNanos = heartbeatInterval.toNanos();
		this.pending = new ArrayBlockingQueue<>(Math.max(1, maxPending));
		for (int i = 0; i < this.dropped.length; i++) {
			this.dropped[i] = new LongAdder();
		}
	}

	@Override
	public void relay(Audience audience, OutboundFrame frame) {
		if (this.publisher == null || !isReachable()) {
			this.dropped[LossReason.UNREACHABLE.ordinal()].increment();
			return;
		}
		if (!this.pending.offer(ClusterCodec.relayed(audience, frame))) {
			this.dropped[LossReason.QUEUE_FULL.ordinal()].increment();
		}
	}

	@Override
	public String nodeId() {
		return this.nodeId;
	}

	@Override
	public boolean isReachable() {
		if (!this.reachable) {
			return false;
		}
		long since = this.publishingSince;
		return since == 0 || System.nanoTime() - since <= this.heartbeatNanos;
	}

	@Override
	public @Nullable String lastError() {
		if (this.reachable && !isReachable()) {
			return "publishing has taken longer than the heartbeat interval";
		}
		return this.reachable ? null : this.lastError;
	}

	@Override
	public long published() {
		return this.published.sum();
	}

	@Override
	public long dropped(LossReason reason) {
		return this.dropped[reason.ordinal()].sum();
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::publishUntilStopped, "gofr-ws-cluster-publisher");
		thread.setDaemon(true);
		this.publisher = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.publisher;
		if (thread == null) {
			return;
		}
		this.publisher = null;
		thread.interrupt();
		try {
			thread.join(TimeUnit.NANOSECONDS.toMillis(this.heartbeatNanos) + 1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			publish(List.of(ClusterCodec.leaving()));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not say farewell on the cluster channel", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.publisher != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void publishUntilStopped() {
		List<byte[]> batch = new ArrayList<>();
		long nextHeartbeat = System.nanoTime();
		while (this.publisher == Thread.currentThread()) {
			try {
				long wait = nextHeartbeat - System.nanoTime();
				byte[] first = (wait > 0) ? this.pending.poll(wait, TimeUnit.NANOSECONDS) : this.pending.poll();
				if (first != null) {
					batch.add(first);
					this.pending.drainTo(batch, MAX_BATCH - 1);
				}
				int broadcasts = batch.size();
				if (System.nanoTime() - nextHeartbeat >= 0) {
					batch.add(ClusterCodec.heartbeat(this.connections.getAsInt()));
					nextHeartbeat = System.nanoTime() + this.heartbeatNanos;
				}
				if (!batch.isEmpty()) {
					publishBatch(batch, broadcasts);
					batch.clear();
				}
			}
			catch (InterruptedException ex) {
				return; // stopped
			}
		}
	}

	private void publishBatch(List<byte[]> batch, int broadcasts) {
		this.publishingSince = System.nanoTime();
		try {
			publish(batch);
			this.published.add(broadcasts);
			if (!this.reachable) {
				logger.info("Redis is reachable again: relaying broadcasts to the other nodes");
			}
			this.reachable = true;
			this.lastError = null;
		}
		catch (RuntimeException ex) {
			this.dropped[LossReason.FAILED.ordinal()].add(broadcasts);
			if (this.reachable) {
				logger.warn("Redis is unreachable: broadcasts reach this node only until it is back ({})",
						ex.toString());
			}
			this.lastError = ex.toString();
			this.reachable = false;
		}
		finally {
			this.publishingSince = 0;
		}
	}

	private void publish(List<byte[]> messages) {
		byte[] envelope = ClusterCodec.envelope(this.nodeId, messages);
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.publish(this.channel, envelope);
		}
	}

}
