package dev.gofr.ws.room;

/**
 * Told when a room of this node gets its first member and when its last member leaves, such as
 * the cluster's subscriptions, which follow the rooms a node has members in.
 */
public interface RoomListener {

	/**
	 * A connection joined a room; called on the joining thread after every join, so that a
	 * listener that must act before the join returns (subscribe, say) can check cheaply that it
	 * has. May block briefly: the join waits for it.
	 * @param room the room
	 */
	void joined(String room);

	/**
	 * A room lost its last member and is gone. Must not block.
	 * @param room the room
	 */
	void removed(String room);

}
