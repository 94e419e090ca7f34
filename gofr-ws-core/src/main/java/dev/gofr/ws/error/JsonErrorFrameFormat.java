package dev.gofr.ws.error;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * The default error frame: one text frame
 * {@code {"type":"error","code":"<CODE>","message":"..."}}. Needs no JSON library.
 */
public final class JsonErrorFrameFormat implements ErrorFrameFormat {

	@Override
	public WebSocketMessage<?> format(WsErrorCode code, String message) {
		StringBuilder json = new StringBuilder(48 + message.length());
		json.append("{\"type\":\"error\",\"code\":\"").append(code.name()).append("\",\"message\":\"");
		appendEscaped(json, message);
		return new TextMessage(json.append("\"}").toString());
	}

	private static void appendEscaped(StringBuilder json, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
	}

}
