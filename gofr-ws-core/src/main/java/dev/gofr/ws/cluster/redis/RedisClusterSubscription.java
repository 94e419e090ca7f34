package dev.gofr.ws.cluster.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.cluster.ClusterReceiver;
import dev.gofr.ws.room.RoomListener;
import dev.gofr.ws.room.Rooms;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes this node to the cluster channel with a Spring Data Redis
 * {@link RedisMessageListenerContainer}, and to the channel of each room it has a member in,
 * and hands every message to the {@link ClusterReceiver}. A room's channel is subscribed to when
 * the room gets its first member on this node, before that join returns (so a member never
 * misses what is said after its join was answered), and left after the room's last member has
 * gone, so a node receives no traffic for rooms it has no member in.
 * <p>
 * On a Redis Cluster reached through Lettuce, the rooms' channels are shard channels, followed
 * with {@code SSUBSCRIBE} on a Lettuce connection of their own ({@link ShardedRoomSubscriptions});
 * the cluster channel stays a classic one. Those subscriptions follow a room whose slot moves to
 * another shard, checking every retry interval.
 * <p>
 * Messages are handled on the thread Redis delivers them on, in the order they were published: a
 * relayed broadcast only queues frames, so it never holds that thread for long. Once subscribed,
 * the Redis client re-subscribes by itself after a lost connection; a room's subscription that
 * Redis refuses is tried again every retry interval while the room has a member here. A node
 * that starts while Redis is unreachable starts all the same, serving its own connections, and
 * tries to subscribe again every retry interval until it succeeds.
 */
public final class RedisClusterSubscription implements SmartLifecycle, RoomListener {

	private static final Logger logger = LoggerFactory.getLogger(RedisClusterSubscription.class);

	private final RedisConnectionFactory connectionFactory;

	private final String channel;

	private final ClusterReceiver receiver;

	private final Duration retryInterval;

	private final Object monitor = new Object();

	private final Rooms rooms;

	private final @Nullable RedisHistory history;

	private final MessageListener listener;

	private final RoomChannels roomChannels;

	private final Set<String> subscribedRooms = ConcurrentHashMap.newKeySet();

	/** Rooms whose subscription failed and is being tried again. */
	private final Set<String> failingRooms = ConcurrentHashMap.newKeySet();

	private final Object[] roomLocks = new Object[64];

	private final ExecutorService releases = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "gofr-ws-cluster-rooms");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable RedisMessageListenerContainer container;

	private @Nullable RoomSubscriptions roomSubscriptions;

	private @Nullable ScheduledExecutorService scheduler;

	private boolean retrying;

	private volatile boolean running;

	/**
	 * Create a subscription; {@link #start()} subscribes.
	 * @param connectionFactory the application's Redis connections
	 * @param channel the cluster channel
	 * @param receiver takes the messages
	 * @param retryInterval time between two attempts to subscribe while Redis is unreachable, and,
	 * on a Redis Cluster, between two checks of which shard owns the slot of each room this node
	 * follows
	 * @param rooms this node's rooms, whose channels it follows
	 * @param history the cluster's history, told which rooms this node follows; {@code null} for
	 * none
	 */
	public RedisClusterSubscription(RedisConnectionFactory connectionFactory, String channel, ClusterReceiver receiver,
			Duration retryInterval, Rooms rooms, @Nullable RedisHistory history) {
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.receiver = receiver;
		this.retryInterval = retryInterval;
		this.rooms = rooms;
		this.history = history;
		this.listener = (message, pattern) -> this.receiver.receive(message.getBody());
		this.roomChannels = RoomChannels.of(connectionFactory, channel);
		for (int i = 0; i < this.roomLocks.length; i++) {
			this.roomLocks[i] = new Object();
		}
	}

	/**
	 * Whether this node is subscribed to a room's channel.
	 * @param room the room
	 * @return {@code true} while subscribed
	 */
	public boolean isSubscribed(String room) {
		return this.subscribedRooms.contains(room);
	}

	@Override
	public void joined(String room) {
		subscribe(room);
	}

	@Override
	public void removed(String room) {
		if (this.subscribedRooms.contains(room)) {
			this.releases.execute(() -> release(room));
		}
	}

	/**
	 * Subscribe to a room's channel, waiting until Redis has confirmed it; nothing while Redis is
	 * unreachable (the subscription that follows covers every room then).
	 * @param room the room
	 */
	void subscribe(String room) {
		if (this.subscribedRooms.contains(room)) {
			return;
		}
		synchronized (lockOf(room)) {
			RoomSubscriptions current;
			synchronized (this.monitor) {
				current = this.roomSubscriptions;
			}
			if (current == null || this.subscribedRooms.contains(room)) {
				return;
			}
			try {
				current.subscribe(room);
				this.subscribedRooms.add(room);
				if (this.failingRooms.remove(room)) {
					logger.info("Subscribed to the channel of room '{}'", room);
				}
			}
			catch (RuntimeException ex) {
				if (this.failingRooms.add(room)) {
					logger.warn("Could not subscribe to the channel of room '{}', trying again every {}: {}", room,
							this.retryInterval, ex.toString());
				}
				else {
					logger.debug("Could not subscribe to the channel of room '{}'", room, ex);
				}
				retryLater(room);
			}
		}
	}

	/**
	 * Try a room's subscription again after the retry interval, while the room has a member here:
	 * until then its members miss what the other nodes say to it.
	 */
	private void retryLater(String room) {
		synchronized (this.monitor) {
			if (this.running) {
				scheduler().schedule(() -> {
					if (this.rooms.count(room) > 0) {
						subscribe(room);
					}
					else {
						this.failingRooms.remove(room);
					}
				}, this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	private void release(String room) {
		synchronized (lockOf(room)) {
			RoomSubscriptions current;
			synchronized (this.monitor) {
				current = this.roomSubscriptions;
			}
			if (this.rooms.count(room) > 0 || !this.subscribedRooms.remove(room)) {
				return; // joined again meanwhile
			}
			if (this.history != null) {
				this.history.forget(room);
			}
			if (current != null) {
				try {
					current.unsubscribe(room);
				}
				catch (RuntimeException ex) {
					logger.debug("Could not leave the channel of room '{}'", room, ex);
				}
			}
		}
	}

	private Object lockOf(String room) {
		return this.roomLocks[(room.hashCode() & Integer.MAX_VALUE) % this.roomLocks.length];
	}

	/**
	 * Whether the subscription is in place (the Redis client keeps it across reconnections).
	 * @return {@code true} once subscribed
	 */
	public boolean isSubscribed() {
		synchronized (this.monitor) {
			return this.container != null;
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.rooms.listen(this);
		if (this.history != null) {
			this.history.following(this::subscribe);
		}
		subscribeChannel();
	}

	private void subscribeChannel() {
		synchronized (this.monitor) {
			if (!this.running || this.container != null) {
				return;
			}
			RedisMessageListenerContainer attempt = new RedisMessageListenerContainer();
			attempt.setConnectionFactory(this.connectionFactory);
			attempt.setTaskExecutor(new SyncTaskExecutor());
			attempt.setSubscriptionExecutor(new SimpleAsyncTaskExecutor("gofr-ws-cluster-subscription-"));
			attempt.addMessageListener(this.listener, new ChannelTopic(this.channel));
			try {
				attempt.afterPropertiesSet();
				attempt.start();
				this.roomSubscriptions = this.roomChannels.isSharded()
						? ShardedRoomSubscriptions.open(this.connectionFactory, this.roomChannels, this.receiver::receive,
								scheduler(), this.retryInterval)
						: new RoomSubscriptions.Classic(attempt, this.listener, this.roomChannels);
				this.container = attempt;
				if (this.retrying) {
					logger.info("Subscribed to the cluster channel '{}'", this.channel);
					this.retrying = false;
				}
				this.subscribedRooms.clear();
				this.releases.execute(() -> this.rooms.names().forEach(this::subscribe)); // rooms joined while away
			}
			catch (RuntimeException ex) {
				destroy(attempt);
				if (!this.retrying) {
					logger.warn("Could not subscribe to the cluster channel '{}', retrying every {}: {}", this.channel,
							this.retryInterval, ex.toString());
					this.retrying = true;
				}
				scheduler().schedule(this::subscribeChannel, this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	/** The thread that retries and follows the rooms' shard channels, started when first needed. */
	private ScheduledExecutorService scheduler() {
		if (this.scheduler == null) {
			this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "gofr-ws-cluster-subscriber");
				thread.setDaemon(true);
				return thread;
			});
		}
		return this.scheduler;
	}

	@Override
	public void stop() {
		this.rooms.unlisten(this);
		synchronized (this.monitor) {
			this.running = false;
			this.subscribedRooms.clear();
			this.retrying = false;
			if (this.scheduler != null) {
				this.scheduler.shutdownNow();
				this.scheduler = null;
			}
			if (this.roomSubscriptions != null) {
				this.roomSubscriptions.close();
				this.roomSubscriptions = null;
			}
			if (this.container != null) {
				destroy(this.container);
				this.container = null;
			}
		}
	}

	private static void destroy(RedisMessageListenerContainer container) {
		try {
			container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Could not close the cluster subscription cleanly", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return RedisBroadcastRelay.PHASE;
	}

}
