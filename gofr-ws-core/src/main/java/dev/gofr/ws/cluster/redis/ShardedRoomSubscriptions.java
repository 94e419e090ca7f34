package dev.gofr.ws.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
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
 * after a lost connection subscribes that connection's shard channels again by itself. When a slot
 * moves to another shard, Redis ends the subscriptions to its channels with an {@code SUNSUBSCRIBE}
 * of its own; a channel this node still follows is then subscribed again, on the shard that owns
 * the slot now.
 */
final class ShardedRoomSubscriptions implements RoomSubscriptions {

	private static final Logger logger = LoggerFactory.getLogger(ShardedRoomSubscriptions.class);

	private final StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;

	private final RoomChannels channels;

	private final Executor resubscriptions;

	/** The room of each channel this node follows, by the channel's name. */
	private final Map<String, String> followed = new ConcurrentHashMap<>();

	private ShardedRoomSubscriptions(StatefulRedisClusterPubSubConnection<byte[], byte[]> connection,
			RoomChannels channels, Executor resubscriptions) {
		this.connection = connection;
		this.channels = channels;
		this.resubscriptions = resubscriptions;
	}

	/**
	 * Connect to the Redis Cluster for the rooms' shard channels.
	 * @param connectionFactory the application's Redis connections, a Lettuce factory in cluster
	 * mode
	 * @param channels names the rooms' channels
	 * @param receiver takes the rooms' messages, on the thread Lettuce delivers them on
	 * @param resubscriptions runs the subscriptions again after their slot moved
	 * @return the subscriptions
	 */
	static ShardedRoomSubscriptions open(RedisConnectionFactory connectionFactory, RoomChannels channels,
			Consumer<byte[]> receiver, Executor resubscriptions) {
		RedisClusterClient client = (RedisClusterClient) ((LettuceConnectionFactory) connectionFactory)
			.getRequiredNativeClient();
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
		ShardedRoomSubscriptions subscriptions = new ShardedRoomSubscriptions(connection, channels, resubscriptions);
		connection.addListener(new RedisClusterPubSubAdapter<>() {

			@Override
			public void smessage(RedisClusterNode node, byte[] channel, byte[] message) {
				receiver.accept(message);
			}

			@Override
			public void sunsubscribed(RedisClusterNode node, byte[] channel, long count) {
				subscriptions.unsubscribed(new String(channel, StandardCharsets.UTF_8));
			}

		});
		return subscriptions;
	}

	@Override
	public void subscribe(String room) {
		String channel = this.channels.name(room);
		this.followed.put(channel, room);
		try {
			await(this.connection.async().ssubscribe(bytes(channel)));
		}
		catch (RuntimeException ex) {
			this.followed.remove(channel);
			throw ex;
		}
	}

	@Override
	public void unsubscribe(String room) {
		String channel = this.channels.name(room);
		this.followed.remove(channel);
		await(this.connection.async().sunsubscribe(bytes(channel)));
	}

	/**
	 * Redis ended a subscription: when this node did not ask for it (the channel's slot moved to
	 * another shard), subscribe again, on the shard that owns the slot now.
	 */
	private void unsubscribed(String channel) {
		String room = this.followed.get(channel);
		if (room == null) {
			return;
		}
		logger.info("Redis ended the subscription to the shard channel '{}' (its slot moved): subscribing again",
				channel);
		this.resubscriptions.execute(() -> {
			if (this.followed.containsKey(channel)) {
				try {
					subscribe(room);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not subscribe again to the shard channel '{}': {}", channel, ex.toString());
				}
			}
		});
	}

	@Override
	public void close() {
		this.followed.clear();
		this.connection.close();
	}

	private void await(Future<?> reply) {
		Duration timeout = this.connection.getTimeout();
		try {
			reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
