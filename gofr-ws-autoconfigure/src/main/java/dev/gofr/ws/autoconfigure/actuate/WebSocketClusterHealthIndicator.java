package dev.gofr.ws.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.ClusterRelay;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code websocketCluster} health, with clustering on: UP while broadcasts reach the other nodes
 * through Redis, DOWN while Redis is unreachable (this node's own connections are still served,
 * and broadcasts for the other nodes are dropped and counted). Details: this node's id, the live
 * nodes, the total of their connections, and the broadcasts published and dropped.
 */
public class WebSocketClusterHealthIndicator extends AbstractHealthIndicator {

	private final ClusterRelay relay;

	private final ClusterNodes nodes;

	/**
	 * Create the indicator.
	 * @param relay tells whether Redis is reachable
	 * @param nodes the live nodes
	 */
	public WebSocketClusterHealthIndicator(ClusterRelay relay, ClusterNodes nodes) {
		super("WebSocket cluster health check failed");
		this.relay = relay;
		this.nodes = nodes;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean reachable = this.relay.isReachable();
		(reachable ? builder.up() : builder.down()).withDetail("node", this.relay.nodeId())
			.withDetail("nodes", this.nodes.live().size())
			.withDetail("connections", this.nodes.total())
			.withDetail("published", this.relay.published());
		Map<String, Long> dropped = new LinkedHashMap<>();
		for (ClusterRelay.LossReason reason : ClusterRelay.LossReason.values()) {
			dropped.put(reason.tag(), this.relay.dropped(reason));
		}
		builder.withDetail("dropped", dropped);
		String error = this.relay.lastError();
		if (!reachable && error != null) {
			builder.withDetail("error", error);
		}
	}

}
