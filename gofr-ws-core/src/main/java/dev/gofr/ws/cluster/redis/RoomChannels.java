package dev.gofr.ws.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * How the rooms' pub/sub channels are named and published on. On a single Redis, classic
 * channels ({@code PUBLISH}/{@code SUBSCRIBE}) named by {@link RedisBroadcastRelay#roomChannel}.
 * On a Redis Cluster reached through Lettuce, shard channels ({@code SPUBLISH}/{@code SSUBSCRIBE}):
 * a shard channel lives on the one shard that owns its slot, so a room's messages go to that shard
 * alone instead of to every shard of the cluster. A room's shard channel carries the hash tag of the
 * room's history keys ({@code {channel:room}}), so it hashes to their slot and the history's
 * scripts may publish on it.
 */
final class RoomChannels {

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.cluster.RedisClusterClient",
			RoomChannels.class.getClassLoader());

	private final String channel;

	private final boolean sharded;

	private RoomChannels(String channel, boolean sharded) {
		this.channel = channel;
		this.sharded = sharded;
	}

	/**
	 * The rooms' channels on a Redis: shard channels on a Redis Cluster reached through Lettuce,
	 * classic channels otherwise.
	 * @param connectionFactory the application's Redis connections
	 * @param channel the cluster channel
	 * @return the rooms' channels
	 */
	static RoomChannels of(RedisConnectionFactory connectionFactory, String channel) {
		return new RoomChannels(channel, LETTUCE_PRESENT && connectionFactory instanceof LettuceConnectionFactory lettuce
				&& lettuce.isClusterAware());
	}

	/**
	 * Whether the rooms' channels are shard channels.
	 * @return {@code true} on a Redis Cluster reached through Lettuce
	 */
	boolean isSharded() {
		return this.sharded;
	}

	/**
	 * The channel of one room.
	 * @param room the room
	 * @return the classic channel {@code <channel>:room:<room>}, or the shard channel
	 * {@code {<channel>:<room>}:channel}
	 */
	String name(String room) {
		return this.sharded ? "{" + this.channel + ":" + room + "}:channel"
				: RedisBroadcastRelay.roomChannel(this.channel, room);
	}

	/**
	 * Make a Lua script publish on the rooms' channels: it defines {@code publish}, the command to
	 * give {@code redis.call} ({@code SPUBLISH} or {@code PUBLISH}), before the script's own lines.
	 * @param lua the script, which publishes with {@code redis.call(publish, channel, message)}
	 * @return the script to run
	 */
	byte[] script(String lua) {
		return ("local publish = '" + (this.sharded ? "SPUBLISH" : "PUBLISH") + "'\n" + lua)
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Send publications and script runs to a Redis Cluster without waiting between them, then
	 * wait for every answer: Lettuce's asynchronous commands, each routed to the shard that owns
	 * its channel or first key (Spring Data Redis pipelines a single Redis only).
	 * @param connection a connection of a Lettuce factory in cluster mode
	 * @param clusterChannel the cluster channel, published on with {@code PUBLISH}; every other
	 * channel is a room's shard channel
	 * @param publications pairs of a channel and a message
	 * @param scripts a script, its three keys, then its arguments
	 * @param timeout how long to wait for every answer
	 * @throws RuntimeException when one failed or not all came within the timeout
	 */
	void pipelined(RedisConnection connection, byte[] clusterChannel, List<byte[][]> publications,
			List<byte[][]> scripts, Duration timeout) {
		Lettuce.pipelined(connection, clusterChannel, publications, scripts, timeout);
	}

	/**
	 * What needs Lettuce, in a class of its own so that nothing loads Lettuce where there is none.
	 */
	private static final class Lettuce {

		static void pipelined(RedisConnection connection, byte[] clusterChannel, List<byte[][]> publications,
				List<byte[][]> scripts, Duration timeout) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = ((LettuceClusterConnection) connection)
				.getNativeConnection();
			List<RedisFuture<?>> replies = new ArrayList<>(publications.size() + scripts.size());
			for (byte[][] publication : publications) {
				replies.add(Arrays.equals(publication[0], clusterChannel) ? commands.publish(publication[0], publication[1])
						: commands.spublish(publication[0], publication[1]));
			}
			for (byte[][] script : scripts) {
				replies.add(commands.eval(script[0], ScriptOutputType.INTEGER, Arrays.copyOfRange(script, 1, 4),
						Arrays.copyOfRange(script, 4, script.length)));
			}
			if (!LettuceFutures.awaitAll(timeout, replies.toArray(new RedisFuture<?>[0]))) {
				throw new RedisCommandTimeoutException("Redis did not answer " + replies.size() + " commands within "
						+ timeout);
			}
		}

	}

}
