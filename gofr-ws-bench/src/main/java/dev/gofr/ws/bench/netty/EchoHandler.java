package dev.gofr.ws.bench.netty;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * {@code /ws/echo}: every text and binary message back, as received; pongs are dropped. The
 * payload is retained and sent on, since Reactor Netty releases a received buffer once it has
 * been handed on. Keeps its open sessions for the {@link Heartbeat}.
 */
@Component
class EchoHandler implements WebSocketHandler {

	private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		this.sessions.add(session);
		Flux<WebSocketMessage> echoes = session.receive()
			.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT
					|| message.getType() == WebSocketMessage.Type.BINARY)
			.map(WebSocketMessage::retain);
		return session.send(echoes).doFinally((signal) -> this.sessions.remove(session));
	}

	Collection<WebSocketSession> sessions() {
		return this.sessions;
	}

}
