package dev.gofr.ws.bench.netty;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.gofr.ws.bench.PingSchedule;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The ping a Spring user adds for a heartbeat on WebFlux: one scheduler thread that, every
 * interval, sends each open session a ping of its own, {@code session.send(Mono.just(ping))}. On
 * Reactor Netty a send may run beside the echo's: each ping is one frame, written and flushed on
 * the session's event loop, without a sink per session. Off unless {@code bench.raw.ping-interval}
 * is set, as for the plain Spring server; the heartbeat scenario sets it.
 */
@Component
class Heartbeat extends PingSchedule {

	private final EchoHandler echo;

	Heartbeat(EchoHandler echo, @Value("${bench.raw.ping-interval:0s}") Duration interval) {
		super(interval);
		this.echo = echo;
	}

	@Override
	protected void pingAll() {
		for (WebSocketSession session : this.echo.sessions()) {
			WebSocketMessage ping = session
				.pingMessage((buffers) -> buffers.wrap(ByteBuffer.allocate(8).putLong(0, System.nanoTime())));
			// an error is a session closed meanwhile
			session.send(Mono.just(ping)).onErrorComplete().subscribe();
		}
	}

}
