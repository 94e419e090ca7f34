package dev.gofr.ws.bench.gofr;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

/**
 * {@code /ws/chat}: the sample's chat protocol ({@code dev.gofr.ws.sample.ChatHandler}) for the
 * {@code chat} scenario, its {@code name}, {@code join}, {@code leave} and {@code say} commands
 * copied as they are: a command is bound from JSON, a {@code say} goes to the room through
 * {@code broadcaster.toRoom(room).send(event)}, the event written as JSON by the codec. A copy,
 * not the sample's class, because the sample is a Boot application whose jar is repackaged and so
 * cannot be a dependency of this module; the sample's JSON schema check of each command is left
 * out (it costs per command received, of which the scenario sends one per 1,000 deliveries).
 */
final class BenchChatHandler implements WsHandler {

	/** The metadata key of a connection's chosen name. */
	static final String NAME = "name";

	private static final int MAX_TEXT = 4096;

	private final Broadcaster broadcaster;

	BenchChatHandler(Broadcaster broadcaster) {
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
				yield new Joined("joined", room,
						connection.rooms().contains(room) ? this.broadcaster.rooms().count(room) : 0);
			}
			case "leave" -> {
				String room = room(command);
				connection.leave(room);
				yield new Left("left", room);
			}
			case "say" -> {
				String room = room(command);
				if (!connection.rooms().contains(room)) {
					throw new WsException(WsErrorCode.FORBIDDEN, "Join room '" + room + "' before saying something in it");
				}
				this.broadcaster.toRoom(room).send(new Message("message", room, from(connection), text(command)));
				yield null;
			}
			default -> throw new WsException(WsErrorCode.INVALID_PAYLOAD,
					"Unknown type '" + type + "': expected name, join, leave or say");
		};
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
	 * A command from a chat client, as the sample's.
	 * @param type name, join, leave or say
	 * @param name the name, for {@code name}
	 * @param room the room, for {@code join}, {@code leave} and {@code say}
	 * @param text the text, for {@code say}
	 */
	record ChatCommand(@Nullable String type, @Nullable String name, @Nullable String room, @Nullable String text) {
	}

	/**
	 * The answer to {@code join}, as the sample's {@code ChatEvent.Joined}.
	 * @param type {@code joined}
	 * @param room the room
	 * @param members how many members it has now
	 */
	record Joined(String type, String room, int members) {
	}

	/**
	 * The answer to {@code leave}, as the sample's {@code ChatEvent.Left}.
	 * @param type {@code left}
	 * @param room the room
	 */
	record Left(String type, String room) {
	}

	/**
	 * Something said in a room, as the sample's {@code ChatEvent.Message}.
	 * @param type {@code message}
	 * @param room the room
	 * @param from the sender's name, or its connection id
	 * @param text the text
	 */
	record Message(String type, String room, String from, String text) {
	}

}
