package dev.gofr.ws.server;

import java.util.concurrent.Executor;

import dev.gofr.ws.error.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * Where a route's handler runs. On the {@linkplain #CONTAINER container's thread} that read the
 * message, as a plain Spring WebSocket handler does: nothing is queued, and a handler that blocks
 * holds that thread. Or {@linkplain #on on an executor}, such as one that starts a virtual thread
 * per task: each connection then has a {@link Mailbox} that hands its messages and callbacks to the
 * handler one at a time, in the order they arrived, holding at most
 * {@code maxQueuedMessages} messages before the connection stops reading from its peer.
 *
 * @param executor the executor the handlers run on; {@code null} for the container's thread
 * @param maxQueuedMessages the most messages of one connection waiting for its handler before the
 * connection's reads pause; at least 1 (ignored on the container's thread, where none wait)
 */
public record HandlerExecution(@Nullable Executor executor, int maxQueuedMessages) {

	/** The messages of one connection that may wait for its handler by default: 16. */
	public static final int DEFAULT_MAX_QUEUED_MESSAGES = 16;

	/** Handlers run on the container's thread that read the message. */
	public static final HandlerExecution CONTAINER = new HandlerExecution(null, DEFAULT_MAX_QUEUED_MESSAGES);

	public HandlerExecution {
		if (maxQueuedMessages < 1) {
			throw new InvalidSettingException("maxQueuedMessages", maxQueuedMessages, "must be at least 1");
		}
	}

	/**
	 * Handlers run on an executor, each connection's one at a time and in order.
	 * @param executor the executor, such as Spring's {@code VirtualThreadTaskExecutor}
	 * @param maxQueuedMessages the most messages of one connection waiting for its handler before
	 * the connection's reads pause; at least 1
	 * @return the execution
	 */
	public static HandlerExecution on(Executor executor, int maxQueuedMessages) {
		return new HandlerExecution(executor, maxQueuedMessages);
	}

	/**
	 * Whether handlers run on the container's thread that read the message.
	 * @return {@code true} when there is no executor
	 */
	public boolean onContainer() {
		return this.executor == null;
	}

}
