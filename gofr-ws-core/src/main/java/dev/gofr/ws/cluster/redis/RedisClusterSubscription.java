package dev.gofr.ws.cluster.redis;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.cluster.ClusterReceiver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Subscribes this node to the cluster channel with a Spring Data Redis
 * {@link RedisMessageListenerContainer}, and hands every message to the {@link ClusterReceiver}.
 * <p>
 * Messages are handled on the thread Redis delivers them on, in the order they were published: a
 * relayed broadcast only queues frames, so it never holds that thread for long. Once subscribed,
 * the Redis client re-subscribes by itself after a lost connection. A node that starts while
 * Redis is unreachable starts all the same, serving its own connections, and tries to subscribe
 * again every retry interval until it succeeds.
 */
public final class RedisClusterSubscription implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisClusterSubscription.class);

	private final RedisConnectionFactory connectionFactory;

	private final String channel;

	private final ClusterReceiver receiver;

	private final Duration retryInterval;

	private final Object monitor = new Object();

	private @Nullable RedisMessageListenerContainer container;

	private @Nullable ScheduledExecutorService retries;

	private volatile boolean running;

	/**
	 * Create a subscription; {@link #start()} subscribes.
	 * @param connectionFactory the application's Redis connections
	 * @param channel the cluster channel
	 * @param receiver takes the messages
	 * @param retryInterval time between two attempts to subscribe while Redis is unreachable
	 */
	public RedisClusterSubscription(RedisConnectionFactory connectionFactory, String channel, ClusterReceiver receiver,
			Duration retryInterval) {
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.receiver = receiver;
		this.retryInterval = retryInterval;
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
		subscribe();
	}

	private void subscribe() {
		synchronized (this.monitor) {
			if (!this.running || this.container != null) {
				return;
			}
			RedisMessageListenerContainer attempt = new RedisMessageListenerContainer();
			attempt.setConnectionFactory(this.connectionFactory);
			attempt.setTaskExecutor(new SyncTaskExecutor());
			attempt.setSubscriptionExecutor(new SimpleAsyncTaskExecutor("gofr-ws-cluster-subscription-"));
			attempt.addMessageListener((message, pattern) -> this.receiver.receive(message.getBody()),
					new ChannelTopic(this.channel));
			try {
				attempt.afterPropertiesSet();
				attempt.start();
				this.container = attempt;
				if (this.retries != null) {
					logger.info("Subscribed to the cluster channel '{}'", this.channel);
				}
			}
			catch (RuntimeException ex) {
				destroy(attempt);
				if (this.retries == null) {
					logger.warn("Could not subscribe to the cluster channel '{}', retrying every {}: {}", this.channel,
							this.retryInterval, ex.toString());
					this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
						Thread thread = new Thread(task, "gofr-ws-cluster-subscriber");
						thread.setDaemon(true);
						return thread;
					});
				}
				this.retries.schedule(this::subscribe, this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			this.running = false;
			if (this.retries != null) {
				this.retries.shutdownNow();
				this.retries = null;
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
