package dev.gofr.ws.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The rooms' shard channels on a Redis Cluster, through a Lettuce cluster pub/sub connection of
 * their own (Spring Data Redis's listener container has no {@code SSUBSCRIBE}). Lettuce sends each
 * {@code SSUBSCRIBE} to the shard that owns the channel's slot, on a connection to that shard, and
 * after a lost connection subscribes that connection's shard channels again by itself, on the
 * same shard.
 * <p>
 * When a slot moves to another shard (resharding, failover), Redis ends the subscriptions to its
 * channels with an {@code SUNSUBSCRIBE} of its own, which Lettuce 6.8 passes to no listener
 * (lettuce#3213). So these subscriptions follow the rooms' slots themselves: every follow interval,
 * while this node follows a room, they read the cluster's slot owners ({@code CLUSTER NODES}, one
 * command on a connection already open) and compare the owner of each followed room's slot with
 * the shard they subscribed on. Where it changed, they refresh Lettuce's view of the cluster, so
 * that Lettuce routes to the new owner, and {@code SSUBSCRIBE} the room's channel again there: a
 * room whose slot moved gets live messages again at most one follow interval (plus that command
 * and refresh) after the Redis node asked knows its new owner. What a room says in between is not
 * delivered live (a recovering client gets it from the history). The old shard holds no
 * subscription of the room any more, so nothing arrives twice.
 */
final class ShardedRoomSubscriptions implements RoomSubscriptions {

	private static final Logger logger = LoggerFactory.getLogger(ShardedRoomSubscriptions.class);

	private final RedisClusterClient client;

	private final StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;

	private final RoomChannels channels;

	/** The rooms followed, each with the id of the Redis node it was subscribed on. */
	private final Map<String, String> owners = new ConcurrentHashMap<>();

	private final ScheduledFuture<?> following;

	/** Checks that failed in a row; touched by the one scheduler thread alone. */
	private int failedChecks;

	private ShardedRoomSubscriptions(RedisClusterClient client,
			StatefulRedisClusterPubSubConnection<byte[], byte[]> connection, RoomChannels channels,
			ScheduledExecutorService scheduler, Duration followInterval) {
		this.client = client;
		this.connection = connection;
		this.channels = channels;
		this.following = scheduler.scheduleWithFixedDelay(this::follow, followInterval.toMillis(),
				followInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Connect to the Redis Cluster for the rooms' shard channels.
	 * @param connectionFactory the application's Redis connections, a Lettuce factory in cluster
	 * mode
	 * @param channels names the rooms' channels
	 * @param receiver takes the rooms' messages, on the thread Lettuce delivers them on
	 * @param scheduler runs the check of where the rooms' slots live; shut down by its owner
	 * @param followInterval time between two checks of where the rooms' slots live
	 * @return the subscriptions
	 */
	static ShardedRoomSubscriptions open(RedisConnectionFactory connectionFactory, RoomChannels channels,
			Consumer<byte[]> receiver, ScheduledExecutorService scheduler, Duration followInterval) {
		RedisClusterClient client = (RedisClusterClient) ((LettuceConnectionFactory) connectionFactory)
			.getRequiredNativeClient();
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
		connection.addListener(new RedisClusterPubSubAdapter<>() {

			@Override
			public void smessage(RedisClusterNode node, byte[] channel, byte[] message) {
				receiver.accept(message);
			}

		});
		return new ShardedRoomSubscriptions(client, connection, channels, scheduler, followInterval);
	}

	@Override
	public void subscribe(String room) {
		String owner = ownerOf(room, this.client.getPartitions());
		await(this.connection.async().ssubscribe(channel(room)));
		this.owners.put(room, owner);
	}

	@Override
	public void unsubscribe(String room) {
		this.owners.remove(room);
		await(this.connection.async().sunsubscribe(channel(room)));
	}

	/**
	 * Subscribe again, on the shard that owns it now, to the channel of every followed room whose
	 * slot has moved since it was subscribed to.
	 */
	void follow() {
		if (this.owners.isEmpty()) {
			return;
		}
		try {
			Partitions cluster = slotOwners();
			List<String> moved = this.owners.entrySet()
				.stream()
				.filter((followed) -> movedAway(followed.getKey(), followed.getValue(), cluster))
				.map(Map.Entry::getKey)
				.toList();
			if (!moved.isEmpty()) {
				this.client.refreshPartitions();
				moved.forEach(this::followMoved);
			}
			this.failedChecks = 0;
		}
		catch (RuntimeException ex) {
			if (this.failedChecks++ == 0) {
				logger.warn("Could not check where the rooms' shard channels live; trying again every check: {}",
						ex.toString());
			}
			else {
				logger.debug("Could not check where the rooms' shard channels live", ex);
			}
		}
	}

	/**
	 * Who owns which slot: one {@code CLUSTER NODES} on this connection's node, or, when that node
	 * does not answer (it may be the master that failed), Lettuce's own view refreshed from every
	 * node it knows.
	 */
	private Partitions slotOwners() {
		try {
			return ClusterPartitionParser.parse(await(this.connection.async().clusterNodes()));
		}
		catch (RuntimeException ex) {
			this.client.refreshPartitions();
			return this.client.getPartitions();
		}
	}

	/**
	 * Subscribe again to a moved room's channel, outside the map of followed rooms (Redis may take
	 * its time); a room left meanwhile is left on the new shard too.
	 */
	private void followMoved(String room) {
		String subscribedOn = this.owners.get(room);
		if (subscribedOn == null) {
			return; // left meanwhile
		}
		String owner = subscribeAgain(room, subscribedOn);
		if (!this.owners.replace(room, subscribedOn, owner) && !this.owners.containsKey(room)) {
			try {
				await(this.connection.async().sunsubscribe(channel(room)));
			}
			catch (RuntimeException ex) {
				logger.debug("Could not leave the shard channel of room '{}'", room, ex);
			}
		}
	}

	private boolean movedAway(String room, String subscribedOn, Partitions cluster) {
		String owner = ownerOf(room, cluster);
		return !owner.isEmpty() && !owner.equals(subscribedOn);
	}

	private String subscribeAgain(String room, String subscribedOn) {
		String owner = ownerOf(room, this.client.getPartitions());
		try {
			await(this.connection.async().ssubscribe(channel(room)));
			logger.info("The slot of room '{}' moved to another Redis shard: subscribed to its channel there", room);
			return owner;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not follow room '{}' to the Redis shard that owns its slot now: {}", room, ex.toString());
			return subscribedOn; // tried again at the next check
		}
	}

	/** The id of the node that owns the slot of a room's channel, empty while none does. */
	private String ownerOf(String room, Partitions cluster) {
		RedisClusterNode owner = cluster.getPartitionBySlot(SlotHash.getSlot(channel(room)));
		return (owner != null) ? owner.getNodeId() : "";
	}

	@Override
	public void close() {
		this.following.cancel(false);
		this.connection.close();
	}

	private <T> T await(Future<T> reply) {
		Duration timeout = this.connection.getTimeout();
		try {
			return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new RedisException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new RedisException("Redis did not answer within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisException(ex);
		}
	}

	private byte[] channel(String room) {
		return this.channels.name(room).getBytes(StandardCharsets.UTF_8);
	}

}
