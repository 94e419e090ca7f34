package dev.gofr.ws.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Rooms and broadcast across every node of the application, through Redis pub/sub on the
 * application's Spring Data Redis connection ({@code spring.data.redis.*}).
 * @see GofrWsProperties#getCluster()
 */
public class ClusterProperties {

	/**
	 * Whether rooms and broadcast span every node through Redis; needs Spring Data Redis and
	 * a Redis connection.
	 */
	private boolean enabled;

	/**
	 * Redis pub/sub channel the nodes of one cluster share.
	 */
	private String channel = "gofr-ws";

	/**
	 * Id of this node, unique in the cluster; a random one is made at startup when unset.
	 */
	private @Nullable String nodeId;

	/**
	 * Time between two heartbeats of this node, which carry its connection count; a publish
	 * to Redis that takes longer marks Redis unreachable.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(5);

	/**
	 * How long a node stays listed after its last heartbeat.
	 */
	private Duration nodeTimeout = Duration.ofSeconds(15);

	/**
	 * Most broadcasts waiting to be published to Redis; further ones are dropped for the
	 * other nodes, and counted.
	 */
	private int maxPending = 10_000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getChannel() {
		return this.channel;
	}

	public void setChannel(String channel) {
		this.channel = channel;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getNodeTimeout() {
		return this.nodeTimeout;
	}

	public void setNodeTimeout(Duration nodeTimeout) {
		this.nodeTimeout = nodeTimeout;
	}

	public int getMaxPending() {
		return this.maxPending;
	}

	public void setMaxPending(int maxPending) {
		this.maxPending = maxPending;
	}

}
