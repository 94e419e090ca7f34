package dev.gofr.ws.cluster.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;

/**
 * Publishes this node's broadcasts and heartbeats on Redis pub/sub channels, through the
 * application's Spring Data Redis connection: a broadcast to one room on that room's channel
 * ({@link #roomChannel}), to which only the nodes with a member in the room are subscribed;
 * everything else (to all, to a route, to a connection, to several rooms, heartbeats) on the
 * cluster channel, to which every node is subscribed. Messages to rooms that keep a history go
 * through the history's script ({@link #runScript}), which stamps, stores and publishes them in
 * one step.
 * <p>
 * The broadcasting thread never waits for Redis: it encodes the broadcast once and offers it to a
 * bounded queue, or drops it (counted) when the queue is full or Redis is known to be
 * unreachable. One publisher thread drains the queue and sends what it finds in one pipeline, one
 * envelope per channel, so a burst costs one round trip to Redis instead of one per broadcast. The same thread
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

	private final RoomChannels roomChannels;

	private final String nodeId;

	private final IntSupplier connections;

	private final long heartbeatNanos;

	private final BlockingQueue<Outgoing> pending;

	private final @Nullable RedisRoomPresence presence;

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
		this(connectionFactory, channel, nodeId, connections, heartbeatInterval, maxPending, null);
	}

	/**
	 * Create a relay that also reports this node's room presence with each heartbeat.
	 * @param connectionFactory the application's Redis connections
	 * @param channel the pub/sub channel every node of the cluster uses
	 * @param nodeId this node's id, unique in the cluster
	 * @param connections this node's open connections, for the heartbeat
	 * @param heartbeatInterval time between two heartbeats; also how long a publish may take
	 * before Redis counts as unreachable
	 * @param maxPending most broadcasts waiting to be published; more are dropped
	 * @param presence reports the node's room member counts; {@code null} for none
	 */
	public RedisBroadcastRelay(RedisConnectionFactory connectionFactory, String channel, String nodeId,
			IntSupplier connections, Duration heartbeatInterval, int maxPending, @Nullable RedisRoomPresence presence) {
		this.presence = presence;
		this.connectionFactory = connectionFactory;
		this.channel = channel.getBytes(StandardCharsets.UTF_8);
		this.roomChannels = RoomChannels.of(connectionFactory, channel);
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
		byte[] target = (audience.kind() == Audience.Kind.ROOMS && audience.rooms().size() == 1)
				? this.roomChannels.name(audience.rooms().get(0)).getBytes(StandardCharsets.UTF_8) : this.channel;
		if (!this.pending.offer(new Outgoing(target, ClusterCodec.relayed(audience, frame), null))) {
			this.dropped[LossReason.QUEUE_FULL.ordinal()].increment();
		}
	}

	/**
	 * Queue a script run, in order with this node's publications: how a message to a room that
	 * keeps a history is stamped, stored and published in one step.
	 * @param script the Lua script
	 * @param keysAndArgs its three keys, then its arguments
	 * @return {@code false}, counted as dropped, when Redis is unreachable or the queue is full
	 */
	public boolean runScript(byte[] script, byte[][] keysAndArgs) {
		if (this.publisher == null || !isReachable()) {
			this.dropped[LossReason.UNREACHABLE.ordinal()].increment();
			return false;
		}
		if (!this.pending.offer(new Outgoing(script, new byte[0], keysAndArgs))) {
			this.dropped[LossReason.QUEUE_FULL.ordinal()].increment();
			return false;
		}
		return true;
	}

	/**
	 * The classic pub/sub channel of one room, on a single Redis: the cluster channel,
	 * {@code :room:} and the room's name. On a Redis Cluster a room has a shard channel instead
	 * ({@link RoomChannels}).
	 * @param channel the cluster channel
	 * @param room the room
	 * @return the room's channel
	 */
	public static String roomChannel(String channel, String room) {
		return channel + ":room:" + room;
	}

	/**
	 * How the rooms' channels are named and published on.
	 * @return the rooms' channels
	 */
	RoomChannels roomChannels() {
		return this.roomChannels;
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
			publish(List.of(new Outgoing(this.channel, ClusterCodec.leaving(), null)), false);
			if (this.presence != null) {
				try (RedisConnection connection = this.connectionFactory.getConnection()) {
					this.presence.withdraw(connection);
				}
			}
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
		List<Outgoing> batch = new ArrayList<>();
		long nextHeartbeat = System.nanoTime();
		while (this.publisher == Thread.currentThread()) {
			try {
				long wait = nextHeartbeat - System.nanoTime();
				Outgoing first = (wait > 0) ? this.pending.poll(wait, TimeUnit.NANOSECONDS) : this.pending.poll();
				if (first != null) {
					batch.add(first);
					this.pending.drainTo(batch, MAX_BATCH - 1);
				}
				int broadcasts = batch.size();
				boolean heartbeat = System.nanoTime() - nextHeartbeat >= 0;
				if (heartbeat) {
					batch.add(new Outgoing(this.channel, ClusterCodec.heartbeat(this.connections.getAsInt()), null));
					nextHeartbeat = System.nanoTime() + this.heartbeatNanos;
				}
				if (!batch.isEmpty()) {
					publishBatch(batch, broadcasts, heartbeat);
					batch.clear();
				}
			}
			catch (InterruptedException ex) {
				return; // stopped
			}
		}
	}

	private void publishBatch(List<Outgoing> batch, int broadcasts, boolean heartbeat) {
		this.publishingSince = System.nanoTime();
		try {
			publish(batch, heartbeat);
			this.published.add(broadcasts);
			if (!this.reachable) {
				logger.info("Redis is reachable again: relaying broadcasts to the other nodes");
			}
			this.reachable = true;
			this.lastError = null;
		}
		catch (RuntimeException ex) {
			if (this.presence != null) {
				this.presence.unreported();
			}
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

	/**
	 * Send a batch in one pipeline: the publications as one envelope per channel, each channel's
	 * in the order they were queued, and the scripts in order; with a heartbeat, the room presence
	 * that changed since the last.
	 */
	private void publish(List<Outgoing> batch, boolean heartbeat) {
		Map<ByteBuffer, List<byte[]>> byChannel = new LinkedHashMap<>();
		List<Outgoing> scripts = new ArrayList<>();
		for (Outgoing outgoing : batch) {
			if (outgoing.scriptArgs() != null) {
				scripts.add(outgoing);
			}
			else {
				byChannel.computeIfAbsent(ByteBuffer.wrap(outgoing.target()), (key) -> new ArrayList<>())
					.add(outgoing.message());
			}
		}
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			boolean report = heartbeat && this.presence != null;
			if (connection instanceof RedisClusterConnection && this.roomChannels.isSharded()) {
				publishToCluster(connection, byChannel, scripts);
				if (report) {
					this.presence.report(connection);
				}
				return;
			}
			// Spring Data Redis pipelines a single Redis, not a Redis Cluster: one by one there (Jedis)
			boolean pipelined = !(connection instanceof RedisClusterConnection)
					&& (report || byChannel.size() + scripts.size() > 1);
			if (pipelined) {
				connection.openPipeline();
			}
			try {
				for (Map.Entry<ByteBuffer, List<byte[]>> channel : byChannel.entrySet()) {
					connection.publish(channel.getKey().array(), ClusterCodec.envelope(this.nodeId, channel.getValue()));
				}
				for (Outgoing script : scripts) {
					byte[][] args = script.scriptArgs();
					connection.scriptingCommands().eval(script.target(), ReturnType.INTEGER, 3, args);
				}
				if (report) {
					this.presence.report(connection);
				}
			}
			finally {
				if (pipelined) {
					connection.closePipeline();
				}
			}
		}
	}

	/** On a Redis Cluster through Lettuce: every envelope and script sent, then every answer awaited. */
	private void publishToCluster(RedisConnection connection, Map<ByteBuffer, List<byte[]>> byChannel,
			List<Outgoing> scripts) {
		List<byte[][]> publications = new ArrayList<>(byChannel.size());
		byChannel.forEach((target, messages) -> publications
			.add(new byte[][] { target.array(), ClusterCodec.envelope(this.nodeId, messages) }));
		List<byte[][]> runs = new ArrayList<>(scripts.size());
		for (Outgoing script : scripts) {
			byte[][] run = new byte[script.scriptArgs().length + 1][];
			run[0] = script.target();
			System.arraycopy(script.scriptArgs(), 0, run, 1, script.scriptArgs().length);
			runs.add(run);
		}
		this.roomChannels.pipelined(connection, this.channel, publications, runs, Duration.ofNanos(this.heartbeatNanos));
	}

	/**
	 * Something to send: a message on a channel, or a script run.
	 * @param target the channel, or the script
	 * @param message the message on the channel; empty for a script
	 * @param scriptArgs the script's keys and arguments; {@code null} for a message
	 */
	private record Outgoing(byte[] target, byte[] message, byte @Nullable [][] scriptArgs) {
	}

}
