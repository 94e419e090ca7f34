package dev.gofr.ws.autoconfigure;

import java.util.HashSet;
import java.util.Set;

/**
 * A group of settings that a route may set for itself under {@code gofr.ws.endpoints.<name>}:
 * it remembers which of its values were set, so that a value a route leaves unset is the
 * node's.
 */
public abstract class RouteOverridable {

	private final Set<String> set = new HashSet<>();

	/**
	 * Note that a value was set.
	 * @param key the value's key within the group, such as {@code ping-interval}
	 */
	protected final void markSet(String key) {
		this.set.add(key);
	}

	/**
	 * Whether a value was set, rather than left at its default.
	 * @param key the value's key within the group, such as {@code ping-interval}
	 * @return whether it was set
	 */
	public final boolean wasSet(String key) {
		return this.set.contains(key);
	}

	/**
	 * Whether any value of the group was set.
	 * @return whether one was
	 */
	public final boolean wasAnySet() {
		return !this.set.isEmpty();
	}

}
