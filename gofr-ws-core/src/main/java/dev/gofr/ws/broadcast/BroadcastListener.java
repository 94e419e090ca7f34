package dev.gofr.ws.broadcast;

/**
 * Told about every broadcast, for metrics and logs. Called on the broadcasting thread; must be
 * quick.
 */
@FunctionalInterface
public interface BroadcastListener {

	/**
	 * A broadcast was queued.
	 * @param audience who it was for
	 * @param result what happened
	 */
	void broadcast(Audience audience, BroadcastResult result);

}
