package dev.gofr.ws.bench.raw;

import dev.gofr.ws.bench.BenchPayload;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/fanout}: keeps its sessions for {@link BenchController} to broadcast to.
 */
@Component
class FanoutHandler extends TextWebSocketHandler {

	private final Sessions sessions = new Sessions();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.sessions.add(session);
	}

	/**
	 * Answers only {@code fill <bytes>}, with which the stalled clients of the benchmark fill their
	 * own socket buffers.
	 */
	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		String fill = BenchPayload.fill(message.getPayload());
		WebSocketSession decorated = this.sessions.get(session);
		if (fill != null && decorated != null) {
			decorated.sendMessage(new TextMessage(fill));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sessions.remove(session);
	}

	Sessions sessions() {
		return this.sessions;
	}

}
