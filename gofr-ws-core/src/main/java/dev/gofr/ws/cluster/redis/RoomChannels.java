package dev.gofr.ws.cluster.redis;

import java.nio.charset.StandardCharsets;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
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
	 * Publish a message on a room's channel.
	 * @param connection the connection to publish on
	 * @param roomChannel the room's channel
	 * @param message the message
	 */
	void publish(RedisConnection connection, byte[] roomChannel, byte[] message) {
		if (this.sharded) {
			Lettuce.spublish(connection, roomChannel, message);
		}
		else {
			connection.publish(roomChannel, message);
		}
	}

	/**
	 * What needs Lettuce, in a class of its own so that nothing loads Lettuce where there is none.
	 */
	private static final class Lettuce {

		/**
		 * Spring Data Redis has no {@code SPUBLISH}: Lettuce's own command, which Lettuce sends to
		 * the shard that owns the channel's slot, with the reply (a number of receivers) typed.
		 */
		static void spublish(RedisConnection connection, byte[] channel, byte[] message) {
			((LettuceConnection) connection).execute("SPUBLISH", new IntegerOutput<>(ByteArrayCodec.INSTANCE), channel,
					message);
		}

	}

}
