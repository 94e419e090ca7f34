package dev.gofr.ws.room;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.Recovery;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.send.OutboundFrame;
import org.jspecify.annotations.Nullable;

/**
 * The rooms of this node. A connection joins rooms up to {@link RoomLimits#maxRoomsPerConnection()};
 * the node holds up to {@link RoomLimits#maxRooms()}; a room exists while it has members; a
 * connection leaves all its rooms, once, when it ends. Safe under concurrent joins, leaves, closes
 * and broadcasts: joining and leaving lock only the room and the connection concerned, iterating
 * a room's members takes no lock at all, and both limits hold exactly under concurrent joins.
 */
public final class Rooms {

	/** The longest room name accepted, in characters. */
	public static final int MAX_NAME_LENGTH = 256;

	private final ConcurrentHashMap<String, Map<String, WsConnection>> rooms = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Set<String>> roomsByConnection = new ConcurrentHashMap<>();

	private final RoomLimits limits;

	private final History history;

	private final AtomicInteger roomCount = new AtomicInteger();

	private final LongAdder refused = new LongAdder();

	private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create the rooms of a node with the default limits: 128 rooms per connection, no limit on
	 * the rooms of the node.
	 */
	public Rooms() {
		this(RoomLimits.DEFAULTS);
	}

	/**
	 * Create the rooms of a node.
	 * @param limits how many rooms a connection may join and the node may hold
	 */
	public Rooms(RoomLimits limits) {
		this(limits, History.NONE);
	}

	/**
	 * Create the rooms of a node, some of which keep a history.
	 * @param limits how many rooms a connection may join and the node may hold
	 * @param history the history of the rooms that keep one
	 */
	public Rooms(RoomLimits limits, History history) {
		this.limits = limits;
		this.history = history;
	}

	/**
	 * Add a connection to a room, creating the room if needed.
	 * @param connection the connection; must be open
	 * @param room the room name: 1 to {@value #MAX_NAME_LENGTH} characters
	 * @return {@code true} if it joined, {@code false} if it was already a member or is no longer
	 * open
	 * @throws IllegalArgumentException for an empty or overlong name
	 * @throws WsException with {@link WsErrorCode#LIMIT_EXCEEDED} when the connection is in as many
	 * rooms as it may be, or the room is new and the node holds as many rooms as it may; a handler
	 * that lets it pass answers with that error frame, and the connection stays open
	 */
	public boolean join(WsConnection connection, String room) {
		checkName(room);
		if (!connection.isOpen()) {
			return false;
		}
		String id = connection.id();
		boolean[] member = new boolean[1];
		boolean[] reserved = new boolean[1];
		this.roomsByConnection.compute(id, (key, joined) -> {
			Set<String> rooms = (joined != null) ? joined : ConcurrentHashMap.newKeySet();
			int max = this.limits.maxRoomsPerConnection();
			member[0] = rooms.contains(room);
			if (!member[0] && (max <= 0 || rooms.size() < max)) {
				reserved[0] = rooms.add(room);
			}
			return rooms.isEmpty() ? null : rooms;
		});
		if (member[0]) {
			return false;
		}
		if (!reserved[0]) {
			throw refuse("Connection " + id + " is in " + this.limits.maxRoomsPerConnection()
					+ " rooms, as many as one connection may join (gofr.ws.limits.max-rooms-per-connection)");
		}
		boolean[] added = new boolean[1];
		boolean[] full = new boolean[1];
		this.rooms.compute(room, (name, members) -> {
			if (members == null && !reserveRoom()) {
				full[0] = true;
				return null;
			}
			Map<String, WsConnection> joined = (members != null) ? members : new ConcurrentHashMap<>();
			added[0] = joined.putIfAbsent(id, connection) == null;
			return joined;
		});
		if (!added[0]) {
			unreserve(id, room);
			if (full[0]) {
				throw refuse("This node holds " + this.limits.maxRooms()
						+ " rooms, as many as it may (gofr.ws.limits.max-rooms): room '" + room + "' cannot be created");
			}
			return false;
		}
		if (!connection.isOpen()) {
			leave(connection, room); // closed meanwhile: its leaveAll may have run before this join
			return false;
		}
		for (RoomListener listener : this.listeners) {
			listener.joined(room);
		}
		return true;
	}

	/**
	 * Tell a listener when rooms get their first member and lose their last.
	 * @param listener the listener
	 */
	public void listen(RoomListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Stop telling a listener.
	 * @param listener the listener
	 */
	public void unlisten(RoomListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Join a room and get what it was sent after the position a client gives, typically the last
	 * one it saw before it lost its connection. As one step for the room: the reply (if any) is
	 * queued first, then every missed message in order, and only then the room's live messages,
	 * so nothing is missed and nothing comes twice. When the history no longer reaches back (its
	 * messages expired or were pushed out, or the epoch differs because the stream started again),
	 * or the room keeps none, nothing is replayed and the {@link Recovery} says
	 * {@code recovered: false}: the client must then catch up some other way.
	 * @param connection the connection; must be open
	 * @param room the room name
	 * @param since the last position the client saw, or {@code null} for none
	 * @param reply what to queue before the missed messages, given the outcome (for example a
	 * "joined" answer that carries {@link Recovery#recovered()}); {@code null} for nothing
	 * @return what the join got
	 * @throws WsException with {@link WsErrorCode#LIMIT_EXCEEDED} as {@link #join(WsConnection, String)}
	 */
	public Recovery join(WsConnection connection, String room, @Nullable StreamPosition since,
			Function<Recovery, @Nullable Object> reply) {
		checkName(room);
		return this.history.recover(room, since, (missed, position) -> {
			boolean open = join(connection, room) || isMember(connection, room);
			boolean recovered = open && missed != null;
			Recovery recovery = new Recovery(recovered, recovered ? missed.size() : 0, position, count(room));
			Object first = reply.apply(recovery);
			if (first != null) {
				connection.send(first);
			}
			if (recovered) {
				for (OutboundFrame message : missed) {
					connection.send(message);
				}
			}
			return recovery;
		});
	}

	/**
	 * The history of the rooms that keep one.
	 * @return the history; {@link History#NONE} when no room keeps one
	 */
	public History history() {
		return this.history;
	}

	private boolean reserveRoom() {
		int max = this.limits.maxRooms();
		while (true) {
			int count = this.roomCount.get();
			if (max > 0 && count >= max) {
				return false;
			}
			if (this.roomCount.compareAndSet(count, count + 1)) {
				return true;
			}
		}
	}

	private void unreserve(String connectionId, String room) {
		this.roomsByConnection.computeIfPresent(connectionId, (key, joined) -> {
			joined.remove(room);
			return joined.isEmpty() ? null : joined;
		});
	}

	private WsException refuse(String message) {
		this.refused.increment();
		return new WsException(WsErrorCode.LIMIT_EXCEEDED, message);
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
		boolean[] emptied = new boolean[1];
		this.rooms.computeIfPresent(room, (name, members) -> {
			removed[0] = members.remove(connectionId) != null;
			emptied[0] = members.isEmpty();
			return emptied[0] ? null : members;
		});
		if (emptied[0]) {
			this.roomCount.decrementAndGet(); // once the room is gone: the count never falls below the rooms
			for (RoomListener listener : this.listeners) {
				listener.removed(room);
			}
		}
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

	/**
	 * How many rooms a connection may join and the node may hold.
	 * @return the limits
	 */
	public RoomLimits limits() {
		return this.limits;
	}

	/**
	 * Joins refused because a limit was reached.
	 * @return the count since start
	 */
	public long refusedJoins() {
		return this.refused.sum();
	}

	private static void checkName(String room) {
		if (room.isEmpty() || room.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(
					"A room name has 1 to " + MAX_NAME_LENGTH + " characters, not " + room.length());
		}
	}

}
