package dev.gofr.ws.interceptor;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

/**
 * Middleware around a route's handler, called for every message:
 *
 * <pre class="code">
 * MessageInterceptor audit = (connection, message, chain) -&gt; {
 *     log.debug("{} sent {}", connection.id(), message);
 *     return chain.proceed(connection, message);
 * };
 * </pre>
 *
 * An interceptor may pass the message on ({@code chain.proceed}), pass another one (transform),
 * answer without calling the handler (return a reply without proceeding), reject it (throw a
 * {@link dev.gofr.ws.error.WsException}, which becomes an error frame), or close the connection
 * ({@code connection.close(...)} and return {@code null}).
 * <p>
 * Global interceptors are beans, applied to every route in their order; a route's own ones are
 * given with {@link dev.gofr.ws.route.WsRoute#of(String, dev.gofr.ws.route.WsHandler, MessageInterceptor...)}
 * and run after the global ones.
 */
@FunctionalInterface
public interface MessageInterceptor {

	/**
	 * Handle one message on its way to the handler.
	 * @param connection the connection it came on
	 * @param message the message
	 * @param chain the rest of the chain, ending with the handler
	 * @return the reply to send back, or {@code null} for none
	 * @throws Exception on failure, reported like a handler's
	 */
	@Nullable Object intercept(WsConnection connection, WsMessage message, MessageChain chain) throws Exception;

	/**
	 * Called once when a connection of a route using this interceptor has ended, to release
	 * whatever the interceptor kept for it.
	 * @param connection the connection
	 */
	default void closed(WsConnection connection) {
	}

}
