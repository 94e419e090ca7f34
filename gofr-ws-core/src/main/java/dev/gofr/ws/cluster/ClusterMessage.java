package dev.gofr.ws.cluster;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.send.OutboundFrame;

/**
 * A message one node sends the others, as {@link ClusterCodec} reads it.
 */
public sealed interface ClusterMessage permits ClusterMessage.Relayed, ClusterMessage.Heartbeat, ClusterMessage.Leaving {

	/**
	 * A broadcast to deliver on the receiving node.
	 * @param audience who it is for; never with a filter
	 * @param frame the frame, decoded once for every recipient of the receiving node
	 */
	record Relayed(Audience audience, OutboundFrame frame) implements ClusterMessage {
	}

	/**
	 * A node is alive.
	 * @param connections its open connections
	 */
	record Heartbeat(int connections) implements ClusterMessage {
	}

	/**
	 * A node is shutting down and should no longer be listed.
	 */
	record Leaving() implements ClusterMessage {
	}

}
