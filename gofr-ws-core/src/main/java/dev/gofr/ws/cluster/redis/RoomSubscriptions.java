package dev.gofr.ws.cluster.redis;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This node's subscriptions to the channels of the rooms it has members in: classic channels
 * through the listener container that also follows the cluster channel, or, on a Redis Cluster,
 * shard channels ({@link ShardedRoomSubscriptions}).
 */
interface RoomSubscriptions {

	/**
	 * Subscribe to a room's channel, returning once Redis has confirmed it.
	 * @param room the room
	 * @throws RuntimeException when Redis did not confirm it
	 */
	void subscribe(String room);

	/**
	 * Leave a room's channel.
	 * @param room the room
	 * @throws RuntimeException when Redis could not be told
	 */
	void unsubscribe(String room);

	/**
	 * Release what these subscriptions hold of their own.
	 */
	void close();

	/**
	 * Classic channels, through the container that follows the cluster channel: Spring Data
	 * Redis's container returns from adding a channel once Redis has confirmed it.
	 * @param container the container, closed by its owner
	 * @param listener takes the rooms' messages
	 * @param channels names the rooms' channels
	 */
	record Classic(RedisMessageListenerContainer container, MessageListener listener,
			RoomChannels channels) implements RoomSubscriptions {

		@Override
		public void subscribe(String room) {
			this.container.addMessageListener(this.listener, new ChannelTopic(this.channels.name(room)));
		}

		@Override
		public void unsubscribe(String room) {
			this.container.removeMessageListener(this.listener, new ChannelTopic(this.channels.name(room)));
		}

		@Override
		public void close() {
			// the container is its owner's
		}

	}

}
