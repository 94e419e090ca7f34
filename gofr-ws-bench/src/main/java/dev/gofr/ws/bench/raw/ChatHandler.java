package dev.gofr.ws.bench.raw;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/chat}: the sample's chat protocol ({@code name}, {@code join}, {@code leave},
 * {@code say}) as a Spring user writes it without gofr-ws: Jackson reads each command, rooms are a
 * {@code ConcurrentHashMap} of session sets, and {@code say} writes the event to JSON once and
 * loops {@code sendMessage} over the room's sessions, each wrapped in a
 * {@code ConcurrentWebSocketSessionDecorator} ({@link Sessions}); a session that fails is skipped.
 */
@Component
class ChatHandler extends TextWebSocketHandler {

	private static final String NAME = "name";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Sessions sessions = new Sessions();

	private final Map<String, Set<WebSocketSession>> rooms = new ConcurrentHashMap<>();

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.sessions.add(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		WebSocketSession decorated = this.sessions.get(session);
		if (decorated == null) {
			return;
		}
		Command command;
		try {
			command = this.json.readValue(message.getPayload(), Command.class);
		}
		catch (JacksonException ex) {
			return; // not a command: ignored
		}
		if (command.type() == null) {
			return;
		}
		switch (command.type()) {
			case "name" -> session.getAttributes().put(NAME, String.valueOf(command.name()));
			case "join" -> {
				Set<WebSocketSession> members = this.rooms.computeIfAbsent(String.valueOf(command.room()),
						(room) -> ConcurrentHashMap.newKeySet());
				members.add(decorated);
				decorated.sendMessage(new TextMessage(
						this.json.writeValueAsString(new Joined("joined", command.room(), members.size()))));
			}
			case "leave" -> {
				Set<WebSocketSession> members = this.rooms.get(String.valueOf(command.room()));
				if (members != null) {
					members.remove(decorated);
				}
				decorated.sendMessage(new TextMessage(this.json.writeValueAsString(new Left("left", command.room()))));
			}
			case "say" -> {
				Set<WebSocketSession> members = this.rooms.get(String.valueOf(command.room()));
				if (members == null || !members.contains(decorated)) {
					return;
				}
				Object name = session.getAttributes().get(NAME);
				String event = this.json.writeValueAsString(new Message("message", command.room(),
						(name != null) ? name.toString() : session.getId(), command.text()));
				for (WebSocketSession member : members) {
					try {
						member.sendMessage(new TextMessage(event));
					}
					catch (IOException | RuntimeException ex) {
						// closed meanwhile, or over the decorator's limits (which closes it)
					}
				}
			}
			default -> {
				// unknown command: ignored
			}
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		WebSocketSession decorated = this.sessions.get(session);
		if (decorated != null) {
			this.rooms.values().forEach((members) -> members.remove(decorated));
		}
		this.sessions.remove(session);
	}

	record Command(@Nullable String type, @Nullable String name, @Nullable String room, @Nullable String text) {
	}

	record Joined(String type, @Nullable String room, int members) {
	}

	record Left(String type, @Nullable String room) {
	}

	record Message(String type, @Nullable String room, String from, @Nullable String text) {
	}

}
