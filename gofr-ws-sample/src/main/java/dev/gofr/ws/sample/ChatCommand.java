package dev.gofr.ws.sample;

import org.jspecify.annotations.Nullable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The JSON commands a chat client sends, each bound from a message whose {@code type} names it
 * and validated before {@link ChatController} sees it; a command that breaks a constraint gets
 * {@code INVALID_PAYLOAD} naming the field.
 */
public sealed interface ChatCommand {

	/** The longest name or room, in characters. */
	int MAX_NAME = 64;

	/** The longest text, in characters. */
	int MAX_TEXT = 4096;

	/**
	 * {@code {"type":"name","name":"alice"}}: the name the connection's messages are sent from.
	 * @param name the name
	 */
	record Name(@NotBlank @Size(max = MAX_NAME) String name) implements ChatCommand {
	}

	/**
	 * {@code {"type":"join","room":"lobby"}}, or to recover what was missed after a reconnect,
	 * {@code {"type":"join","room":"lobby","offset":41,"epoch":"x7k2"}} with the {@code offset} and
	 * {@code epoch} of the last message seen in that room.
	 * @param room the room
	 * @param offset the offset of the last message seen in the room, or {@code null} for a plain
	 * join
	 * @param epoch the epoch of that message's stream
	 */
	record Join(@NotBlank @Size(max = MAX_NAME) String room, @Nullable @PositiveOrZero Long offset,
			@Nullable @Size(max = MAX_NAME) String epoch) implements ChatCommand {

		/**
		 * A plain join.
		 * @param room the room
		 */
		public Join(String room) {
			this(room, null, null);
		}

	}

	/**
	 * {@code {"type":"leave","room":"lobby"}}.
	 * @param room the room
	 */
	record Leave(@NotBlank @Size(max = MAX_NAME) String room) implements ChatCommand {
	}

	/**
	 * {@code {"type":"say","room":"lobby","text":"hi"}}: to every member of a room the sender has
	 * joined.
	 * @param room the room
	 * @param text the text
	 */
	record Say(@NotBlank @Size(max = MAX_NAME) String room,
			@NotBlank @Size(max = MAX_TEXT) String text) implements ChatCommand {
	}

	/**
	 * {@code {"type":"broadcast","text":"hi"}}: to every chat connection.
	 * @param text the text
	 */
	record Broadcast(@NotBlank @Size(max = MAX_TEXT) String text) implements ChatCommand {
	}

}
