package dev.gofr.ws.broadcast;

import dev.gofr.ws.send.OutboundFrame;

/**
 * Carries broadcasts to the other nodes of a cluster. The {@link Broadcaster} hands each
 * cluster-wide broadcast to its relay after delivering it on this node; a broadcast that arrives
 * from another node is delivered with {@link Broadcaster#deliverRelayed} and never relayed again.
 * <p>
 * A relay must not block the broadcasting thread: a broadcast it cannot pass on at once is
 * dropped, and counted.
 */
@FunctionalInterface
public interface BroadcastRelay {

	/** The relay of a node on its own: nothing leaves it. */
	BroadcastRelay NONE = (audience, frame) -> {
	};

	/**
	 * Pass a broadcast on to the other nodes, at most once and without waiting.
	 * @param audience who it is for; {@link Audience#isClusterWide() cluster-wide}
	 * @param frame the frame, encoded once on this node
	 */
	void relay(Audience audience, OutboundFrame frame);

}
