package dev.gofr.ws.bench.raw;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The ping a Spring user adds for a heartbeat: a scheduled task that pings every session of both
 * handlers. Off unless {@code bench.raw.ping-interval} is set; the heartbeat scenario sets it.
 */
@Component
class Heartbeat implements SmartLifecycle {

	private final EchoHandler echo;

	private final FanoutHandler fanout;

	private final Duration interval;

	private @Nullable ScheduledExecutorService scheduler;

	Heartbeat(EchoHandler echo, FanoutHandler fanout, @Value("${bench.raw.ping-interval:0s}") Duration interval) {
		this.echo = echo;
		this.fanout = fanout;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.interval.isZero() || this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor();
		long millis = this.interval.toMillis();
		this.scheduler.scheduleAtFixedRate(this::pingAll, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void pingAll() {
		for (Sessions sessions : new Sessions[] { this.echo.sessions(), this.fanout.sessions() }) {
			for (WebSocketSession session : sessions.all()) {
				try {
					session.sendMessage(new PingMessage(ByteBuffer.allocate(8).putLong(0, System.nanoTime())));
				}
				catch (Exception ex) {
					// closed meanwhile
				}
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

}
