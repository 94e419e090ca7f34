package dev.gofr.ws.room;

/**
 * How many rooms one connection may join, and how many rooms one node may hold. A join past
 * either is refused with {@link dev.gofr.ws.error.WsErrorCode#LIMIT_EXCEEDED}.
 *
 * @param maxRoomsPerConnection the most rooms one connection may be in at once; 0 for no limit
 * @param maxRooms the most rooms this node may hold at once; 0 for no limit
 */
public record RoomLimits(int maxRoomsPerConnection, int maxRooms) {

	/** 128 rooms per connection (as Centrifugo's channels per client), no limit per node. */
	public static final RoomLimits DEFAULTS = new RoomLimits(128, 0);

	/** No limit at all. */
	public static final RoomLimits NONE = new RoomLimits(0, 0);

	/**
	 * Create limits.
	 * @param maxRoomsPerConnection the most rooms one connection may be in; 0 for no limit
	 * @param maxRooms the most rooms this node may hold; 0 for no limit
	 * @throws IllegalArgumentException for a negative value
	 */
	public RoomLimits {
		if (maxRoomsPerConnection < 0 || maxRooms < 0) {
			throw new IllegalArgumentException("Room limits are 0 (none) or more, not " + maxRoomsPerConnection
					+ " rooms per connection and " + maxRooms + " rooms");
		}
	}

}
