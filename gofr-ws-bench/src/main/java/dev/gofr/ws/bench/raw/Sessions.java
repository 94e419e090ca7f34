package dev.gofr.ws.bench.raw;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The open sessions of one handler, each wrapped for sends from several threads.
 */
final class Sessions {

	/** How long one send may take before the session is closed, in milliseconds. */
	static final int SEND_TIME_LIMIT = 10_000;

	/** How many bytes may wait for a session busy sending before it is closed. */
	static final int BUFFER_SIZE_LIMIT = 1024 * 1024;

	private final Map<String, WebSocketSession> byId = new ConcurrentHashMap<>();

	WebSocketSession add(WebSocketSession session) {
		WebSocketSession decorated = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT,
				BUFFER_SIZE_LIMIT);
		this.byId.put(session.getId(), decorated);
		return decorated;
	}

	@Nullable WebSocketSession get(WebSocketSession session) {
		return this.byId.get(session.getId());
	}

	void remove(WebSocketSession session) {
		this.byId.remove(session.getId());
	}

	Collection<WebSocketSession> all() {
		return this.byId.values();
	}

}
