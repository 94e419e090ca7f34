package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded history per room, for clients that come back after a drop: each message to a room
 * that keeps one is stamped with an offset and its stream's epoch, and a join that gives the last
 * offset it saw gets what it missed (docs/recovery.md). On one node the history is on its heap;
 * with clustering on it is in Redis Streams, so a client recovers on whichever node it lands. A
 * route may keep its own rooms' history under {@code gofr.ws.endpoints.<name>.history}: its
 * rooms, size and ttl come before the node's, and what it leaves unset is the node's.
 * @see GofrWsProperties#getHistory()
 * @see EndpointProperties#getHistory()
 */
public class HistoryProperties extends RouteOverridable {

	/**
	 * Whether rooms keep a bounded history for recovery after a reconnect.
	 */
	private boolean enabled;

	/**
	 * Room name patterns that keep a history; '*' matches any run of characters.
	 */
	private List<String> rooms = new ArrayList<>(List.of("*"));

	/**
	 * Most messages kept per room.
	 */
	private int size = 100;

	/**
	 * How long a message stays recoverable.
	 */
	private Duration ttl = Duration.ofMinutes(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
		markSet("enabled");
	}

	public List<String> getRooms() {
		return this.rooms;
	}

	public void setRooms(List<String> rooms) {
		this.rooms = rooms;
		markSet("rooms");
	}

	public int getSize() {
		return this.size;
	}

	public void setSize(int size) {
		this.size = size;
		markSet("size");
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
		markSet("ttl");
	}

}
