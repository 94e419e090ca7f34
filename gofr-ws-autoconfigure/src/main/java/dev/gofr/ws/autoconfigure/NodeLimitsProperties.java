package dev.gofr.ws.autoconfigure;

/**
 * The limits of the whole node: those a route may also set for itself, and the rooms' limits,
 * which only the node has (rooms are shared by every route).
 * @see GofrWsProperties#getLimits()
 */
public class NodeLimitsProperties extends LimitsProperties {

	/**
	 * Most rooms one connection may be in at once, on this node; 0 for no limit; a join past it
	 * fails with LIMIT_EXCEEDED.
	 */
	private int maxRoomsPerConnection = 128;

	/**
	 * Most rooms this node may hold at once; 0 for no limit; a join that would create one more
	 * fails with LIMIT_EXCEEDED.
	 */
	private int maxRooms;

	public int getMaxRoomsPerConnection() {
		return this.maxRoomsPerConnection;
	}

	public void setMaxRoomsPerConnection(int maxRoomsPerConnection) {
		this.maxRoomsPerConnection = maxRoomsPerConnection;
	}

	public int getMaxRooms() {
		return this.maxRooms;
	}

	public void setMaxRooms(int maxRooms) {
		this.maxRooms = maxRooms;
	}

}
