package dev.gofr.ws.room;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.gofr.ws.connection.WsConnection;

/**
 * The rooms of this node. A connection joins any number of rooms; a room exists while it has
 * members; a connection leaves all its rooms, once, when it ends. Safe under concurrent joins,
 * leaves, closes and broadcasts: joining and leaving lock only the room concerned, and iterating
 * a room's members takes no lock at all.
 */
public final class Rooms {

	/** The longest room name accepted, in characters. */
	public static final int MAX_NAME_LENGTH = 256;

	private final ConcurrentHashMap<String, Map<String, WsConnection>> rooms = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Set<String>> roomsByConnection = new ConcurrentHashMap<>();

	/**
	 * Add a connection to a room, creating the room if needed.
	 * @param connection the connection; must be open
	 * @param room the room name: 1 to {@value #MAX_NAME_LENGTH} characters
	 * @return {@code true} if it joined, {@code false} if it was already a member or is no longer
	 * open
	 * @throws IllegalArgumentException for an empty or overlong name
	 */
	public boolean join(WsConnection connection, String room) {
		checkName(room);
		if (!connection.isOpen()) {
			return false;
		}
		boolean[] added = new boolean[1];
		this.rooms.compute(room, (name, members) -> {
			Map<String, WsConnection> joined = (members != null) ? members : new ConcurrentHashMap<>();
			added[0] = joined.putIfAbsent(connection.id(), connection) == null;
			return joined;
		});
		if (added[0]) {
			this.roomsByConnection.compute(connection.id(), (id, joined) -> {
				Set<String> rooms = (joined != null) ? joined : ConcurrentHashMap.newKeySet();
				rooms.add(room);
				return rooms;
			});
			if (!connection.isOpen()) {
				leaveAll(connection); // closed meanwhile: its leaveAll may have run before this join
				return false;
			}
		}
		return added[0];
	}

	/**
	 * Take a connection out of a room; the room goes when its last member leaves.
	 * @param connection the connection
	 * @param room the room name
	 * @return {@code true} if it was a member
	 */
	public boolean leave(WsConnection connection, String room) {
		boolean removed = remove(connection.id(), room);
		if (removed) {
			this.roomsByConnection.computeIfPresent(connection.id(), (id, joined) -> {
				joined.remove(room);
				return joined.isEmpty() ? null : joined;
			});
		}
		return removed;
	}

	/**
	 * Take a connection out of every room it is in, as happens when it ends.
	 * @param connection the connection
	 * @return the number of rooms it left
	 */
	public int leaveAll(WsConnection connection) {
		Set<String> joined = this.roomsByConnection.remove(connection.id());
		if (joined == null) {
			return 0;
		}
		int left = 0;
		for (String room : joined) {
			if (remove(connection.id(), room)) {
				left++;
			}
		}
		return left;
	}

	private boolean remove(String connectionId, String room) {
		boolean[] removed = new boolean[1];
		this.rooms.computeIfPresent(room, (name, members) -> {
			removed[0] = members.remove(connectionId) != null;
			return members.isEmpty() ? null : members;
		});
		return removed[0];
	}

	/**
	 * The members of a room.
	 * @param room the room name
	 * @return a live, unmodifiable view; empty when the room does not exist
	 */
	public Collection<WsConnection> members(String room) {
		Map<String, WsConnection> members = this.rooms.get(room);
		return (members != null) ? Collections.unmodifiableCollection(members.values()) : Collections.emptyList();
	}

	/**
	 * The number of members of a room.
	 * @param room the room name
	 * @return the count; 0 when the room does not exist
	 */
	public int count(String room) {
		Map<String, WsConnection> members = this.rooms.get(room);
		return (members != null) ? members.size() : 0;
	}

	/**
	 * Whether a connection is in a room.
	 * @param connection the connection
	 * @param room the room name
	 * @return {@code true} if it is a member
	 */
	public boolean isMember(WsConnection connection, String room) {
		Map<String, WsConnection> members = this.rooms.get(room);
		return members != null && members.containsKey(connection.id());
	}

	/**
	 * The rooms a connection is in.
	 * @param connection the connection
	 * @return an unmodifiable copy
	 */
	public Set<String> roomsOf(WsConnection connection) {
		Set<String> joined = this.roomsByConnection.get(connection.id());
		return (joined != null) ? Set.copyOf(joined) : Set.of();
	}

	/**
	 * The names of the rooms that exist.
	 * @return an unmodifiable view
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.rooms.keySet());
	}

	/**
	 * Every room with its member count, sorted by name.
	 * @return a new map
	 */
	public Map<String, Integer> counts() {
		Map<String, Integer> counts = new TreeMap<>();
		this.rooms.forEach((name, members) -> counts.put(name, members.size()));
		return counts;
	}

	/**
	 * The number of rooms that exist.
	 * @return the count
	 */
	public int size() {
		return this.rooms.size();
	}

	private static void checkName(String room) {
		if (room.isEmpty() || room.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(
					"A room name has 1 to " + MAX_NAME_LENGTH + " characters, not " + room.length());
		}
	}

}
