package dev.gofr.ws.history;

import java.util.List;
import java.util.function.Consumer;

import dev.gofr.ws.send.OutboundFrame;
import org.jspecify.annotations.Nullable;

/**
 * The history of the rooms that keep one. A message to such a room is stamped with the next
 * offset of the room's stream, kept, and delivered to the room's members as one step; a join that
 * asks to recover joins and gets the missed messages as one step too, so that no live message of
 * the room falls between the replay and the join: nothing is missed and nothing comes twice.
 * <p>
 * Broadcasts with a {@linkplain dev.gofr.ws.broadcast.Broadcast#filter filter} or
 * {@linkplain dev.gofr.ws.broadcast.Broadcast#whereMetadata metadata condition} are meant for
 * some members only and are never kept: a recovering client could otherwise be replayed what it
 * was not meant to see.
 */
public interface History {

	/** No room keeps a history. */
	History NONE = new History() {

		@Override
		public HistoryRules rules() {
			return HistoryRules.NONE;
		}

		@Override
		public void publish(String room, @Nullable String exceptId, OutboundFrame frame,
				Consumer<OutboundFrame> deliver) {
			deliver.accept(frame);
		}

		@Override
		public Recovery recover(String room, @Nullable StreamPosition since, Replay replay) {
			return replay.join(null, null);
		}

	};

	/**
	 * Which rooms keep a history, and how much each.
	 * @return the rules
	 */
	HistoryRules rules();

	/**
	 * Whether a room keeps a history.
	 * @param room the room name
	 * @return {@code true} if its messages are stamped and kept
	 */
	default boolean keeps(String room) {
		return rules().forRoom(room) != null;
	}

	/**
	 * Stamp a message to a room with the room's next offset, keep it, and deliver it, as one step
	 * for that room on this node. For a room that keeps no history, deliver it as it is. A
	 * history {@linkplain #isShared() shared} by the nodes of a cluster hands the message to its
	 * store instead, and every node, this one included, delivers it when the store passes it on
	 * ({@link #deliverStamped}).
	 * @param room the room
	 * @param exceptId the connection left out, or {@code null}
	 * @param frame the message as the application encoded it
	 * @param deliver queues the stamped frame on the room's members; must not block
	 */
	void publish(String room, @Nullable String exceptId, OutboundFrame frame, Consumer<OutboundFrame> deliver);

	/**
	 * Whether this history is the cluster's, shared by every node: a message to a room that keeps
	 * a history then reaches the other nodes through it, not through the broadcast relay.
	 * @return {@code true} for a cluster-wide store
	 */
	default boolean isShared() {
		return false;
	}

	/**
	 * Deliver a message that the cluster's store stamped, as one step with the recovering joins of
	 * its room on this node; an offset this node has delivered already is skipped.
	 * @param room the room
	 * @param position the message's offset and epoch
	 * @param frame the stamped message
	 * @param deliver queues it on the room's members
	 */
	default void deliverStamped(String room, StreamPosition position, OutboundFrame frame, Runnable deliver) {
		deliver.run();
	}

	/**
	 * A marker this node's recovering join published after reading the store came back: every
	 * message stored before it has reached this node.
	 * @param token the marker's token
	 */
	default void marker(String token) {
	}

	/**
	 * Join a room and replay what it was sent after a position, as one step for that room on this
	 * node: no message of the room is delivered while it runs.
	 * @param room the room
	 * @param since the last position the client saw, or {@code null} for none
	 * @param replay joins, given the missed messages ({@code null} when the history does not reach
	 * back to {@code since}, or the room keeps none) and the room's position
	 * @return what {@code replay} answered
	 */
	Recovery recover(String room, @Nullable StreamPosition since, Replay replay);

	/**
	 * A join with the messages it missed.
	 */
	@FunctionalInterface
	interface Replay {

		/**
		 * Join, answer, and queue the missed messages.
		 * @param missed every message after the client's position, oldest first; {@code null} when
		 * they cannot all be replayed
		 * @param position the room's position: its last message; {@code null} when the room keeps
		 * no history
		 * @return what the join got
		 */
		Recovery join(@Nullable List<OutboundFrame> missed, @Nullable StreamPosition position);

	}

}
