package dev.gofr.ws.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Where the routes' handlers run (see docs/handlers-that-block.md). A route may set its own
 * under {@code gofr.ws.endpoints.<name>.handler}; unset, it is the node's.
 * @see GofrWsProperties#getHandler()
 * @see EndpointProperties#getHandler()
 */
public class HandlerProperties extends RouteOverridable {

	/**
	 * Where handlers run: container (the container's thread that read the message), virtual (a
	 * virtual thread per connection with work waiting; Java 21 or later) or the name of a
	 * TaskExecutor bean; on an executor each connection's messages are handled one at a time,
	 * in order; unset, virtual when spring.threads.virtual.enabled is true on Java 21 or later,
	 * container otherwise.
	 */
	private @Nullable String executor;

	/**
	 * Most messages of one connection waiting for its handler on an executor; when reached,
	 * the connection stops reading from its peer until half of them have been handled.
	 */
	private int maxQueuedMessages = 16;

	public @Nullable String getExecutor() {
		return this.executor;
	}

	public void setExecutor(@Nullable String executor) {
		this.executor = executor;
		markSet("executor");
	}

	public int getMaxQueuedMessages() {
		return this.maxQueuedMessages;
	}

	public void setMaxQueuedMessages(int maxQueuedMessages) {
		this.maxQueuedMessages = maxQueuedMessages;
		markSet("max-queued-messages");
	}

}
