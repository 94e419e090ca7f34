package dev.gofr.ws.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The nodes of the cluster this node knows to be alive: itself, and every node whose heartbeat
 * arrived within the node timeout. A node that stops sending heartbeats drops out once the
 * timeout has passed; one that shuts down cleanly says so and drops out at once. Only the
 * arrival times on this node count, so the nodes' clocks need not agree.
 */
public final class ClusterNodes {

	private final String self;

	private final IntSupplier connections;

	private final Duration timeout;

	private final Clock clock;

	private final Map<String, Heard> others = new ConcurrentHashMap<>();

	/**
	 * Create the view.
	 * @param self this node's id
	 * @param connections this node's open connections
	 * @param timeout how long a node stays listed after its last heartbeat
	 */
	public ClusterNodes(String self, IntSupplier connections, Duration timeout) {
		this(self, connections, timeout, Clock.systemUTC());
	}

	ClusterNodes(String self, IntSupplier connections, Duration timeout, Clock clock) {
		this.self = self;
		this.connections = connections;
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * This node's id.
	 * @return the id
	 */
	public String self() {
		return this.self;
	}

	/**
	 * How long a node stays listed after its last heartbeat.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * A node's heartbeat arrived.
	 * @param node its id
	 * @param connections its open connections
	 */
	public void heard(String node, int connections) {
		if (!node.equals(this.self)) {
			this.others.put(node, new Heard(connections, this.clock.millis()));
		}
	}

	/**
	 * A node said it is shutting down.
	 * @param node its id
	 */
	public void left(String node) {
		this.others.remove(node);
	}

	/**
	 * The live nodes, this one first, then the others by id.
	 * @return a new list
	 */
	public List<ClusterNode> live() {
		long now = this.clock.millis();
		List<ClusterNode> live = new ArrayList<>();
		live.add(new ClusterNode(this.self, this.connections.getAsInt(), true, java.time.Instant.ofEpochMilli(now)));
		this.others.entrySet().removeIf((entry) -> now - entry.getValue().at() > this.timeout.toMillis());
		this.others.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.forEach((entry) -> live.add(new ClusterNode(entry.getKey(), entry.getValue().connections(), false,
					java.time.Instant.ofEpochMilli(entry.getValue().at()))));
		return live;
	}

	/**
	 * The open connections of every live node together.
	 * @return the total
	 */
	public int total() {
		return live().stream().mapToInt(ClusterNode::connections).sum();
	}

	private record Heard(int connections, long at) {
	}

}
