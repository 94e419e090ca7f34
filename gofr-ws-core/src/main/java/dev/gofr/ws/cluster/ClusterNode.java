package dev.gofr.ws.cluster;

import java.time.Instant;

/**
 * A live node of the cluster, as this node last heard of it.
 *
 * @param id the node id
 * @param connections its open connections
 * @param self whether it is this node
 * @param lastSeen when its last heartbeat arrived; now for this node
 */
public record ClusterNode(String id, int connections, boolean self, Instant lastSeen) {
}
