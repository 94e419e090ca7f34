package dev.gofr.ws.cluster;

import dev.gofr.ws.broadcast.BroadcastRelay;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BroadcastRelay} over a transport that can fail, with what the health contributor and
 * the meters report. Delivery across nodes is at most once: a message the transport cannot take
 * is dropped and counted, never retried.
 */
public interface ClusterRelay extends BroadcastRelay {

	/**
	 * This node's id, sent with every message so that a node ignores its own.
	 * @return the id
	 */
	String nodeId();

	/**
	 * Whether the transport took the last messages. While it does not, broadcasts are delivered
	 * on this node and dropped for the others; heartbeats keep probing, and relaying resumes by
	 * itself once one gets through.
	 * @return {@code true} when the transport is believed reachable
	 */
	boolean isReachable();

	/**
	 * What went wrong last, while the transport is unreachable.
	 * @return the error, or {@code null} while reachable
	 */
	@Nullable String lastError();

	/**
	 * Broadcasts handed to the transport.
	 * @return the count since start
	 */
	long published();

	/**
	 * Broadcasts not carried to the other nodes, for a reason.
	 * @param reason the reason
	 * @return the count since start
	 */
	long dropped(LossReason reason);

	/**
	 * Broadcasts not carried to the other nodes, for any reason.
	 * @return the count since start
	 */
	default long dropped() {
		long dropped = 0;
		for (LossReason reason : LossReason.values()) {
			dropped += dropped(reason);
		}
		return dropped;
	}

	/**
	 * Why a broadcast did not leave this node; {@link dev.gofr.ws.send.DropReason} is why a frame
	 * did not reach one connection.
	 */
	enum LossReason {

		/** The transport was known to be unreachable. */
		UNREACHABLE("unreachable"),

		/** Too many broadcasts were waiting to be published. */
		QUEUE_FULL("queue-full"),

		/** The transport failed to publish it. */
		FAILED("failed");

		private final String tag;

		LossReason(String tag) {
			this.tag = tag;
		}

		/**
		 * The value of the {@code reason} tag.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
