package dev.gofr.ws.server;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The metadata of a {@link ServerConnection} ({@code WsConnection.set}, {@code get},
 * {@code remove}, {@code metadata}): a concurrent map made on the first {@code set}, so that a
 * connection that stores nothing holds no map. Kept apart from the connection's life, which it
 * plays no part in; the connection extends it, so it costs no object of its own.
 */
abstract class ConnectionMetadata {

	private volatile @Nullable Map<String, Object> metadata;

	/**
	 * Store a value, replacing any under the same key.
	 * @param key the key
	 * @param value the value
	 */
	public void set(String key, Object value) {
		metadataMap().put(key, value);
	}

	/**
	 * Read a value.
	 * @param key the key
	 * @return the value, or {@code null} when none
	 */
	public @Nullable Object get(String key) {
		Map<String, Object> map = this.metadata;
		return (map != null) ? map.get(key) : null;
	}

	/**
	 * Remove a value.
	 * @param key the key
	 * @return the value it had, or {@code null} when none
	 */
	public @Nullable Object remove(String key) {
		Map<String, Object> map = this.metadata;
		return (map != null) ? map.remove(key) : null;
	}

	/**
	 * A copy of every value.
	 * @return an unmodifiable copy
	 */
	public Map<String, Object> metadata() {
		Map<String, Object> map = this.metadata;
		return (map != null) ? Map.copyOf(map) : Collections.emptyMap();
	}

	private Map<String, Object> metadataMap() {
		Map<String, Object> map = this.metadata;
		if (map == null) {
			synchronized (this) {
				map = this.metadata;
				if (map == null) {
					map = new ConcurrentHashMap<>(4);
					this.metadata = map;
				}
			}
		}
		return map;
	}

}
