package dev.gofr.ws.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Micrometer meters of clustering, read from the relay, the receiver and the node view when
 * scraped, so the message path pays nothing for them. The only tag is {@code reason}, with the
 * three values of {@link ClusterRelay.LossReason}.
 */
public final class ClusterMetrics {

	/** Broadcasts published to the other nodes. */
	public static final String PUBLISHED = "gofr.ws.cluster.published";

	/** Broadcasts received from other nodes. */
	public static final String RECEIVED = "gofr.ws.cluster.received";

	/** Broadcasts not carried to the other nodes, by reason. */
	public static final String DROPPED = "gofr.ws.cluster.dropped";

	/** Live nodes, this one included. */
	public static final String NODES = "gofr.ws.cluster.nodes";

	/** Whether the transport is reachable: 1 or 0. */
	public static final String REACHABLE = "gofr.ws.cluster.reachable";

	private ClusterMetrics() {
	}

	/**
	 * Register the meters.
	 * @param registry where meters are registered
	 * @param relay the relay
	 * @param receiver the receiver
	 * @param nodes the view of the live nodes
	 */
	public static void bind(MeterRegistry registry, ClusterRelay relay, ClusterReceiver receiver, ClusterNodes nodes) {
		FunctionCounter.builder(PUBLISHED, relay, ClusterRelay::published)
			.description("Broadcasts published to the other nodes")
			.register(registry);
		FunctionCounter.builder(RECEIVED, receiver, ClusterReceiver::received)
			.description("Broadcasts received from other nodes")
			.register(registry);
		for (ClusterRelay.LossReason reason : ClusterRelay.LossReason.values()) {
			FunctionCounter.builder(DROPPED, relay, (r) -> r.dropped(reason))
				.description("Broadcasts not carried to the other nodes")
				.tag("reason", reason.tag())
				.register(registry);
		}
		Gauge.builder(NODES, nodes, (n) -> n.live().size()).description("Live nodes, this one included").register(registry);
		Gauge.builder(REACHABLE, relay, (r) -> r.isReachable() ? 1 : 0)
			.description("Whether the cluster transport is reachable (1) or not (0)")
			.register(registry);
	}

}
