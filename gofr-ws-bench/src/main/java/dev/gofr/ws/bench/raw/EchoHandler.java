package dev.gofr.ws.bench.raw;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/echo}: every text message back.
 */
@Component
class EchoHandler extends TextWebSocketHandler {

	private final Sessions sessions = new Sessions();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.sessions.add(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		WebSocketSession decorated = this.sessions.get(session);
		if (decorated != null) {
			decorated.sendMessage(new TextMessage(message.getPayload()));
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
