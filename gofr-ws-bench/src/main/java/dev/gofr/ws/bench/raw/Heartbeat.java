package dev.gofr.ws.bench.raw;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.gofr.ws.bench.PingSchedule;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The ping a Spring user adds for a heartbeat: a scheduled task that pings every session of both
 * handlers. Off unless {@code bench.raw.ping-interval} is set; the heartbeat scenario sets it.
 */
@Component
class Heartbeat extends PingSchedule {

	private final EchoHandler echo;

	private final FanoutHandler fanout;

	Heartbeat(EchoHandler echo, FanoutHandler fanout, @Value("${bench.raw.ping-interval:0s}") Duration interval) {
		super(interval);
		this.echo = echo;
		this.fanout = fanout;
	}

	@Override
	protected void pingAll() {
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

}
