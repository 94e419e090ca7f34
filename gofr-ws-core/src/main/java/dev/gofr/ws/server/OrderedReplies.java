package dev.gofr.ws.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import dev.gofr.ws.connection.WsConnection;
import org.jspecify.annotations.Nullable;

/**
 * The replies of a route that are not ready when its handler returns: each connection's replies
 * leave in the order of the messages they answer, however their stages complete. Per connection,
 * only the last reply still on its way is kept (the tail, which every later reply waits for); it is
 * dropped once delivered, and at the latest when the connection ends, so a connection that never
 * answers late costs nothing here.
 */
final class OrderedReplies {

	private final ConcurrentHashMap<WsConnection, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

	private final Delivery delivery;

	/**
	 * Create the replies of one route.
	 * @param delivery what to do with a reply, or its failure, once its turn has come
	 */
	OrderedReplies(Delivery delivery) {
		this.delivery = delivery;
	}

	/**
	 * Whether a connection has replies on their way, which any new reply must wait for.
	 * @param connection the connection
	 * @return {@code true} when it has
	 */
	boolean waiting(WsConnection connection) {
		return !this.tails.isEmpty() && this.tails.containsKey(connection);
	}

	/**
	 * Deliver a reply after those before it: at once when it is complete and nothing waits before
	 * it, otherwise on the thread that completes it or the one before it.
	 * @param connection the connection it answers on
	 * @param reply the reply's stage
	 */
	void add(WsConnection connection, CompletionStage<?> reply) {
		if (reply instanceof Future<?> future && future.isDone() && !waiting(connection)) {
			reply.whenComplete((value, failure) -> deliver(connection, value, failure)); // runs now
			return;
		}
		CompletableFuture<Void> delivered = new CompletableFuture<>();
		// a swap, not a compute: nothing may run while the map holds a lock (a delivery can close the
		// connection, which ends it and drops its tail)
		CompletableFuture<Void> previous = this.tails.put(connection, delivered);
		CompletionStage<?> turn = (previous != null) ? previous.thenCompose((ignored) -> reply) : reply;
		turn.whenComplete((value, failure) -> {
			try {
				deliver(connection, value, failure);
			}
			finally {
				delivered.complete(null);
				this.tails.remove(connection, delivered);
			}
		});
	}

	/**
	 * Forget a connection that ended; replies still on their way find it closed.
	 * @param connection the connection
	 */
	void ended(WsConnection connection) {
		this.tails.remove(connection);
	}

	private void deliver(WsConnection connection, @Nullable Object value, @Nullable Throwable failure) {
		// a stage that depends on the one that failed reports the failure wrapped
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		this.delivery.deliver(connection, value, cause);
	}

	/**
	 * What becomes of a reply whose turn has come.
	 */
	@FunctionalInterface
	interface Delivery {

		/**
		 * Send a reply or report its failure; must not throw.
		 * @param connection the connection
		 * @param reply the reply, or {@code null} for none
		 * @param failure the failure, or {@code null} when the reply is ready
		 */
		void deliver(WsConnection connection, @Nullable Object reply, @Nullable Throwable failure);

	}

}
