package dev.gofr.ws.history;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a client saw last of each room: noted from the messages gofr-ws stamps (JSON objects with
 * a {@code "room"}, an {@code "offset"} and an {@code "epoch"}), to be offered when the client
 * joins again after a reconnect. The {@link dev.gofr.ws.client.ReconnectingClient} keeps one
 * ({@code client.positions()}); any other client may too. Safe for concurrent use.
 * <pre class="code">
 * StreamPosition seen = client.positions().get("lobby");
 * client.sendJson((seen != null)
 *         ? Map.of("type", "join", "room", "lobby", "offset", seen.offset(), "epoch", seen.epoch())
 *         : Map.of("type", "join", "room", "lobby"));
 * </pre>
 */
public final class StreamPositions {

	private static final Pattern ROOM = Pattern.compile("\"room\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern STAMP = Pattern.compile("\"offset\":(\\d+),\"epoch\":\"(\\w+)\"\\s*}\\s*$");

	private final Map<String, StreamPosition> positions = new ConcurrentHashMap<>();

	/**
	 * Note a text message: a stamped message to a room moves that room's position; any other text
	 * is ignored, at the cost of one search for {@code "offset":}.
	 * @param text the message
	 */
	public void note(CharSequence text) {
		String message = text.toString();
		if (!message.contains("\"offset\":")) {
			return;
		}
		Matcher stamp = STAMP.matcher(message);
		if (!stamp.find()) {
			return;
		}
		Matcher room = ROOM.matcher(message);
		if (room.find()) {
			String name = room.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
			this.positions.put(name, new StreamPosition(Long.parseLong(stamp.group(1)), stamp.group(2)));
		}
	}

	/**
	 * The last position seen in a room.
	 * @param room the room
	 * @return the position, or {@code null} when no stamped message of the room was seen
	 */
	public @Nullable StreamPosition get(String room) {
		return this.positions.get(room);
	}

	/**
	 * Set a room's position, for example from a join's answer.
	 * @param room the room
	 * @param position the position
	 */
	public void put(String room, StreamPosition position) {
		this.positions.put(room, position);
	}

	/**
	 * Forget a room, after leaving it or when it could not be recovered.
	 * @param room the room
	 */
	public void forget(String room) {
		this.positions.remove(room);
	}

	/**
	 * Every room's last position.
	 * @return an unmodifiable copy
	 */
	public Map<String, StreamPosition> all() {
		return Map.copyOf(this.positions);
	}

}
