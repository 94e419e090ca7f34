package dev.gofr.ws.history;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which rooms keep a history, and how much each: {@link HistorySettings} in order, the first whose
 * patterns match a room deciding its size and ttl. An application with one kind of room has one;
 * one whose routes use rooms of different kinds (a chat that keeps 500 messages for ten minutes,
 * a ticker that keeps 10 for thirty seconds) has one per kind.
 *
 * @param rules the settings, in the order they are tried
 */
public record HistoryRules(List<HistorySettings> rules) {

	/** No room keeps a history. */
	public static final HistoryRules NONE = new HistoryRules(List.of());

	/**
	 * Create rules.
	 * @param rules the settings, in the order they are tried
	 */
	public HistoryRules {
		rules = List.copyOf(rules);
	}

	/**
	 * Rules from settings in the order given.
	 * @param rules the settings
	 * @return the rules
	 */
	public static HistoryRules of(HistorySettings... rules) {
		return new HistoryRules(List.of(rules));
	}

	/**
	 * The settings of a room: those of the first rule whose patterns match it.
	 * @param room the room name
	 * @return the settings, or {@code null} when the room keeps no history
	 */
	public @Nullable HistorySettings forRoom(String room) {
		for (HistorySettings rule : this.rules) {
			if (rule.keeps(room)) {
				return rule;
			}
		}
		return null;
	}

	/**
	 * Whether no room keeps a history.
	 * @return {@code true} without rules
	 */
	public boolean isEmpty() {
		return this.rules.isEmpty();
	}

	/**
	 * The shortest ttl of the rules: how often a store checks for expired streams.
	 * @return the shortest ttl, or {@code null} without rules
	 */
	public @Nullable Duration shortestTtl() {
		return this.rules.stream().map(HistorySettings::ttl).min(Duration::compareTo).orElse(null);
	}

}
