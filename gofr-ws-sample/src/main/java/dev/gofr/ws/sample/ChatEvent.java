package dev.gofr.ws.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The JSON events the chat sends to its clients; each carries its {@code type} first.
 */
public sealed interface ChatEvent {

	/**
	 * The event type, written first as the {@code type} field.
	 * @return the type
	 */
	String type();

	/**
	 * The answer to {@code join}.
	 * @param type {@code joined}
	 * @param room the room
	 * @param members how many members it has now
	 * @param recovered for a join that gave an offset, whether every message after it follows
	 * (before any live one); absent for a plain join
	 */
	record Joined(String type, String room, int members,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean recovered) implements ChatEvent {

		public Joined(String room, int members) {
			this("joined", room, members, null);
		}

		public Joined(String room, int members, boolean recovered) {
			this("joined", room, members, recovered);
		}

	}

	/**
	 * The answer to {@code leave}.
	 * @param type {@code left}
	 * @param room the room
	 */
	record Left(String type, String room) implements ChatEvent {

		public Left(String room) {
			this("left", room);
		}

	}

	/**
	 * Something said in a room, or to everyone when the room is {@code null}. In a room that
	 * keeps a history (every room, in the sample), the message also carries its {@code offset}
	 * and {@code epoch}, written in by gofr-ws.
	 * @param type {@code message}
	 * @param room the room, or {@code null} for everyone
	 * @param from the sender's name, or its connection id
	 * @param text the text
	 */
	record Message(String type, @Nullable String room, String from, String text) implements ChatEvent {

		public Message(@Nullable String room, String from, String text) {
			this("message", room, from, text);
		}

	}

	/**
	 * A notification pushed through {@code POST /api/notify}.
	 * @param type {@code notification}
	 * @param room the room, or {@code null} for everyone
	 * @param text the text
	 */
	record Notification(String type, @Nullable String room, String text) implements ChatEvent {

		public Notification(@Nullable String room, String text) {
			this("notification", room, text);
		}

	}

}
