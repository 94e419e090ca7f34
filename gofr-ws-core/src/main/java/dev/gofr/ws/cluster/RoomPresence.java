package dev.gofr.ws.cluster;

import java.util.Collection;
import java.util.Map;

/**
 * How many members rooms have across the cluster: each node reports its own rooms' member counts
 * with its heartbeat, and a count adds up what the live nodes reported. Eventually consistent: a
 * join or leave on another node shows within one heartbeat interval, and the members of a node
 * that died without a farewell within the node timeout. This node's own members are counted as
 * they are now.
 */
public interface RoomPresence {

	/**
	 * The members of a room on every live node.
	 * @param room the room
	 * @return the count; 0 for a room no node has
	 */
	long members(String room);

	/**
	 * The members of several rooms on every live node, in one round trip.
	 * @param rooms the rooms
	 * @return each room's count, in the rooms' order
	 */
	Map<String, Long> members(Collection<String> rooms);

}
