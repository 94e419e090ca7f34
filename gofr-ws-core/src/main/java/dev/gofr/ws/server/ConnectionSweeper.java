package dev.gofr.ws.server;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.send.WriteCompletions;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread that walks every live connection at a fixed tick: it sends the heartbeat's pings and
 * closes with 4408 the connections from which nothing was heard within the pong wait; a write
 * stuck longer than the send timeout marks the peer slow and cuts it off with 1013; a
 * connection whose transport is gone without the container saying so is taken out of service;
 * and one whose user's credentials expired, or whose HTTP session login ended, is closed with 1008
 * ({@link ConnectionUser#endReason}). No thread or timer per connection.
 * <p>
 * Time is read on the node's {@link NodeServices#ticker() ticker}: a test that drives a
 * {@link dev.gofr.ws.time.ManualTicker} calls {@link #sweep()} after moving it, instead of waiting
 * for the thread's next tick.
 */
public final class ConnectionSweeper implements SmartLifecycle {

	/** The longest time between two sweeps: 1 second. */
	public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

	/** The shortest time between two sweeps: 10 milliseconds. */
	public static final Duration MIN_TICK = Duration.ofMillis(10);

	private static final Logger logger = LoggerFactory.getLogger(ConnectionSweeper.class);

	private final NodeServices node;

	private final Ticker ticker;

	private final Duration tick;

	/** Held by the sweep under way, so that a test's sweep and the thread's never overlap. */
	private final Object sweeping = new Object();

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * The tick that serves the given settings closely enough: a quarter of the shortest ping
	 * interval, a tenth of the shortest pong wait and of the shortest send timeout, and never more
	 * than {@link #DEFAULT_TICK} (so that a connection closes within a second after its credentials
	 * expire) nor less than {@link #MIN_TICK}.
	 * @param heartbeats the heartbeats of the routes
	 * @param sendTimeouts the send timeouts of the routes
	 * @return the tick
	 */
	public static Duration tickFor(java.util.Collection<HeartbeatSettings> heartbeats,
			java.util.Collection<Duration> sendTimeouts) {
		Duration tick = DEFAULT_TICK;
		for (Duration sendTimeout : sendTimeouts) {
			tick = min(tick, sendTimeout.dividedBy(10));
		}
		for (HeartbeatSettings heartbeat : heartbeats) {
			if (heartbeat.enabled()) {
				tick = min(tick, heartbeat.pingInterval().dividedBy(4));
				tick = min(tick, heartbeat.pongWait().dividedBy(10));
			}
		}
		return (tick.compareTo(MIN_TICK) < 0) ? MIN_TICK : tick;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Create a sweeper. It measures time on the node's {@link NodeServices#ticker() ticker}.
	 * @param node what the routes of this node share
	 * @param tick the time between two sweeps, on the system clock
	 */
	public ConnectionSweeper(NodeServices node, Duration tick) {
		this.node = node;
		this.ticker = node.ticker();
		this.tick = tick;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "gofr-ws-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		long nanos = this.tick.toNanos();
		scheduler.scheduleWithFixedDelay(this::sweep, nanos, nanos, TimeUnit.NANOSECONDS);
		this.scheduler = scheduler;
	}

	/**
	 * Sweep every live connection once, now: what the sweeper's thread does at each tick. Sweeps
	 * never overlap; one called while another runs waits for it.
	 */
	public void sweep() {
		synchronized (this.sweeping) {
			try {
				long now = this.ticker.nanos();
				for (WsConnection connection : this.node.registry().connections()) {
					if (connection instanceof ServerConnection server) {
						WriteCompletions.enter(); // a ping's completion stays on this thread
						try {
							server.sweep(now);
						}
						finally {
							WriteCompletions.exit();
						}
					}
				}
			}
			catch (Throwable ex) {
				logger.warn("Connection sweep failed", ex);
			}
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return GracefulShutdown.PHASE - 1; // keeps sweeping while shutdown drains connections
	}

}
