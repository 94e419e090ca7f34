package dev.gofr.ws.history;

import java.time.Duration;
import java.util.List;

/**
 * Which rooms keep a history, and how much of it: one rule of {@link HistoryRules}.
 *
 * @param rooms room name patterns; {@code *} matches any run of characters, so {@code *} is
 * every room and {@code chat-*} every room whose name starts with {@code chat-}
 * @param size the most messages kept per room
 * @param ttl how long a message stays recoverable
 */
public record HistorySettings(List<String> rooms, int size, Duration ttl) {

	/**
	 * Create settings.
	 * @param rooms room name patterns
	 * @param size the most messages kept per room; at least 1
	 * @param ttl how long a message stays recoverable; positive
	 * @throws IllegalArgumentException for a size below 1 or a ttl that is not positive
	 */
	public HistorySettings {
		rooms = List.copyOf(rooms);
		if (size < 1) {
			throw new IllegalArgumentException("A history keeps at least 1 message, not " + size);
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("A history's ttl must be positive, not " + ttl);
		}
	}

	/**
	 * Whether a room keeps a history.
	 * @param room the room name
	 * @return {@code true} if a pattern matches it
	 */
	public boolean keeps(String room) {
		for (String pattern : this.rooms) {
			if (matches(pattern, room)) {
				return true;
			}
		}
		return false;
	}

	/** A glob match with {@code *} alone, without a regular expression. */
	static boolean matches(String pattern, String name) {
		int p = 0;
		int n = 0;
		int star = -1;
		int resume = 0;
		while (n < name.length()) {
			if (p < pattern.length() && pattern.charAt(p) == '*') {
				star = p++;
				resume = n;
			}
			else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
				p++;
				n++;
			}
			else if (star >= 0) {
				p = star + 1;
				n = ++resume;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
	}

}
