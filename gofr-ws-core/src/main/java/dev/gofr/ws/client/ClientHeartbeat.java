package dev.gofr.ws.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The client-side heartbeat of one connection, on the server's rule
 * ({@link HeartbeatSettings#due}): a server silent for a whole ping interval is pinged, and one
 * silent for longer than the pong wait is given up with 4408, after which the client reconnects.
 * Checked on the client's scheduler, often enough to keep those timings closely: a quarter of the
 * ping interval and a tenth of the pong wait, as the server's sweep does.
 */
final class ClientHeartbeat {

	/** The shortest time between two checks: 10 milliseconds. */
	static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(10);

	private final HeartbeatSettings settings;

	private final Ticker ticker;

	private final ClientLink link;

	private volatile long lastPing;

	private volatile @Nullable ScheduledFuture<?> checks;

	ClientHeartbeat(HeartbeatSettings settings, Ticker ticker, ClientLink link) {
		this.settings = settings;
		this.ticker = ticker;
		this.link = link;
	}

	/**
	 * The time between two checks for the given settings.
	 * @param settings the heartbeat
	 * @return the interval, at least {@link #MIN_CHECK_INTERVAL}
	 */
	static Duration checkInterval(HeartbeatSettings settings) {
		Duration quarter = settings.pingInterval().dividedBy(4);
		Duration tenth = settings.pongWait().dividedBy(10);
		Duration interval = (quarter.compareTo(tenth) <= 0) ? quarter : tenth;
		return (interval.compareTo(MIN_CHECK_INTERVAL) < 0) ? MIN_CHECK_INTERVAL : interval;
	}

	/**
	 * Start checking the connection, which just opened; nothing when the heartbeat is off.
	 */
	void start(ScheduledExecutorService scheduler) {
		if (!this.settings.enabled()) {
			return;
		}
		this.lastPing = this.ticker.nanos();
		long interval = checkInterval(this.settings).toNanos();
		this.checks = scheduler.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.NANOSECONDS);
	}

	/**
	 * Stop checking: the connection ended.
	 */
	void stop() {
		ScheduledFuture<?> checks = this.checks;
		if (checks != null) {
			checks.cancel(false);
		}
	}

	void check() {
		long now = this.ticker.nanos();
		long lastHeard = this.link.lastHeard();
		switch (this.settings.due(now, lastHeard, this.lastPing)) {
			case TIMEOUT -> this.link.terminate(CloseCodes.HEARTBEAT_TIMEOUT, "nothing heard within the pong wait",
					new WsException(WsErrorCode.CONNECTION_TIMEOUT, "Nothing heard from the server for "
							+ Duration.ofNanos(now - lastHeard).toMillis() + " ms (heartbeat.pong-wait "
							+ this.settings.pongWait().toMillis() + " ms)"));
			case PING -> {
				this.lastPing = now;
				this.link.ping();
			}
			case NOTHING -> {
			}
		}
	}

}
