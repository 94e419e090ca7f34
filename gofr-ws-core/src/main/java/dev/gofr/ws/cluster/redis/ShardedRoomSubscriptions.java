package dev.gofr.ws.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
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

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The rooms' shard channels on a Redis Cluster, through a Lettuce cluster pub/sub connection of
 * their own (Spring Data Redis's listener container has no {@code SSUBSCRIBE}). Lettuce sends each
 * {@code SSUBSCRIBE} to the shard that owns the channel's slot, on a connection to that shard, and
 * after a lost connection subscribes that connection's shard channels again by itself, on the
 * same shard. When a slot moves to another shard (resharding, failover), Redis ends the
 * subscriptions to its channels with an {@code SUNSUBSCRIBE} of its own, which Lettuce 6.8 passes
 * to no listener (lettuce#3213): a room whose slot moved is followed again only once its last
 * local member has left and a new one joins.
 */
final class ShardedRoomSubscriptions implements RoomSubscriptions {

	private final StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;

	private final RoomChannels channels;

	private ShardedRoomSubscriptions(StatefulRedisClusterPubSubConnection<byte[], byte[]> connection,
			RoomChannels channels) {
		this.connection = connection;
		this.channels = channels;
	}

	/**
	 * Connect to the Redis Cluster for the rooms' shard channels.
	 * @param connectionFactory the application's Redis connections, a Lettuce factory in cluster
	 * mode
	 * @param channels names the rooms' channels
	 * @param receiver takes the rooms' messages, on the thread Lettuce delivers them on
	 * @return the subscriptions
	 */
	static ShardedRoomSubscriptions open(RedisConnectionFactory connectionFactory, RoomChannels channels,
			Consumer<byte[]> receiver) {
		RedisClusterClient client = (RedisClusterClient) ((LettuceConnectionFactory) connectionFactory)
			.getRequiredNativeClient();
		StatefulRedisClusterPubSubConnection<byte[], byte[]> connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
		connection.addListener(new RedisClusterPubSubAdapter<>() {

			@Override
			public void smessage(RedisClusterNode node, byte[] channel, byte[] message) {
				receiver.accept(message);
			}

		});
		return new ShardedRoomSubscriptions(connection, channels);
	}

	@Override
	public void subscribe(String room) {
		await(this.connection.async().ssubscribe(bytes(this.channels.name(room))));
	}

	@Override
	public void unsubscribe(String room) {
		await(this.connection.async().sunsubscribe(bytes(this.channels.name(room))));
	}

	@Override
	public void close() {
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
