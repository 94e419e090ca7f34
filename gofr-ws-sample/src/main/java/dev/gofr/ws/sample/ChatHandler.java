package dev.gofr.ws.sample;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The chat protocol of {@code /ws/chat}: JSON commands to name oneself, join and leave rooms,
 * say something in a room, or broadcast to every chat connection.
 */
@Component
public class ChatHandler implements WsHandler {

	/** The metadata key of a connection's chosen name. */
	public static final String NAME = "name";

	private static final int MAX_TEXT = 4096;

	private final Broadcaster broadcaster;

	public ChatHandler(Broadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@Override
	public @Nullable Object onMessage(WsConnection connection, WsMessage message) {
		ChatCommand command = message.bind(ChatCommand.class);
		String type = required(command.type(), "type");
		return switch (type) {
			case "name" -> {
				connection.set(NAME, bounded(required(command.name(), "name"), 64, "name"));
				yield null;
			}
			case "join" -> {
				String room = room(command);
				connection.join(room);
				yield new ChatEvent.Joined(room, connection.rooms().contains(room) ? members(room) : 0);
			}
			case "leave" -> {
				String room = room(command);
				connection.leave(room);
				yield new ChatEvent.Left(room);
			}
			case "say" -> {
				String room = room(command);
				if (!connection.rooms().contains(room)) {
					throw new WsException(WsErrorCode.FORBIDDEN, "Join room '" + room + "' before saying something in it");
				}
				this.broadcaster.toRoom(room).send(new ChatEvent.Message(room, from(connection), text(command)));
				yield null;
			}
			case "broadcast" -> {
				this.broadcaster.toRoute(connection.endpoint())
					.send(new ChatEvent.Message(null, from(connection), text(command)));
				yield null;
			}
			default -> throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Unknown type '" + type
					+ "': expected name, join, leave, say or broadcast");
		};
	}

	private int members(String room) {
		return this.broadcaster.rooms().count(room);
	}

	private static String from(WsConnection connection) {
		Object name = connection.get(NAME);
		return (name != null) ? name.toString() : connection.id();
	}

	private static String room(ChatCommand command) {
		return bounded(required(command.room(), "room"), 64, "room");
	}

	private static String text(ChatCommand command) {
		return bounded(required(command.text(), "text"), MAX_TEXT, "text");
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new WsException(WsErrorCode.INVALID_PAYLOAD, "'" + field + "' is required");
		}
		return value;
	}

	private static String bounded(String value, int max, String field) {
		if (value.length() > max) {
			throw new WsException(WsErrorCode.INVALID_PAYLOAD, "'" + field + "' is longer than " + max + " characters");
		}
		return value;
	}

	/**
	 * A command from a chat client.
	 * @param type name, join, leave, say or broadcast
	 * @param name the name, for {@code name}
	 * @param room the room, for {@code join}, {@code leave} and {@code say}
	 * @param text the text, for {@code say} and {@code broadcast}
	 */
	public record ChatCommand(@Nullable String type, @Nullable String name, @Nullable String room,
			@Nullable String text) {
	}

}
