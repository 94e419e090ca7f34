package dev.gofr.ws.cluster;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.gofr.ws.broadcast.Broadcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the envelopes other nodes published: relayed broadcasts are delivered on this node only
 * (never relayed again), heartbeats and farewells update the {@link ClusterNodes}. This node's own
 * envelopes, which the transport echoes back, are ignored before anything else is decoded.
 */
public final class ClusterReceiver {

	private static final Logger logger = LoggerFactory.getLogger(ClusterReceiver.class);

	private final String self;

	private final Broadcaster broadcaster;

	private final ClusterNodes nodes;

	private final LongAdder received = new LongAdder();

	private final LongAdder malformed = new LongAdder();

	/**
	 * Create a receiver.
	 * @param broadcaster delivers relayed broadcasts on this node
	 * @param nodes the view of the live nodes; its {@code self} is this node's id
	 */
	public ClusterReceiver(Broadcaster broadcaster, ClusterNodes nodes) {
		this.self = nodes.self();
		this.broadcaster = broadcaster;
		this.nodes = nodes;
	}

	/**
	 * Take one envelope.
	 * @param envelope the bytes published by a node
	 */
	public void receive(byte[] envelope) {
		if (envelope.length > 0 && envelope[0] == StampedCodec.STAMPED) {
			receiveStamped(envelope);
			return;
		}
		if (envelope.length > 0 && envelope[0] == StampedCodec.MARKER) {
			this.broadcaster.rooms().history().marker(StampedCodec.token(envelope));
			return;
		}
		List<ClusterMessage> messages;
		String origin;
		try {
			origin = ClusterCodec.origin(envelope);
			if (origin.equals(this.self)) {
				return;
			}
			messages = ClusterCodec.messages(envelope);
		}
		catch (IllegalArgumentException ex) {
			this.malformed.increment();
			logger.warn("Ignored a message on the cluster channel that is not a gofr-ws envelope: {}", ex.getMessage());
			return;
		}
		for (ClusterMessage message : messages) {
			if (message instanceof ClusterMessage.Relayed relayed) {
				this.received.increment();
				this.broadcaster.deliverRelayed(relayed.audience(), relayed.frame());
			}
			else if (message instanceof ClusterMessage.Heartbeat heartbeat) {
				this.nodes.heard(origin, heartbeat.connections());
			}
			else if (message instanceof ClusterMessage.Leaving) {
				this.nodes.left(origin);
			}
		}
	}

	/**
	 * A message to a room that the cluster's history stamped: every node delivers it, the one
	 * that sent it too.
	 */
	private void receiveStamped(byte[] bytes) {
		StampedCodec.Stamped stamped;
		try {
			stamped = StampedCodec.read(bytes);
		}
		catch (IllegalArgumentException ex) {
			this.malformed.increment();
			logger.warn("Ignored a malformed message on a room's channel: {}", ex.getMessage());
			return;
		}
		if (!stamped.origin().equals(this.self)) {
			this.received.increment();
		}
		this.broadcaster.deliverStamped(stamped.room(), stamped.exceptId(), stamped.position(), stamped.frame());
	}

	/**
	 * Broadcasts received from other nodes.
	 * @return the count since start
	 */
	public long received() {
		return this.received.sum();
	}

	/**
	 * Messages on the channel that were not gofr-ws envelopes of this version.
	 * @return the count since start
	 */
	public long malformed() {
		return this.malformed.sum();
	}

}
