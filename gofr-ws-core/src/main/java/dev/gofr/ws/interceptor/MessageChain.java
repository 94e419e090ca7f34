package dev.gofr.ws.interceptor;

import java.util.List;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

/**
 * The rest of an interceptor chain. Chains are built once per route, as a linked series of
 * links, so passing a message along allocates nothing.
 */
@FunctionalInterface
public interface MessageChain {

	/**
	 * Pass a message to the next interceptor, or to the handler at the end.
	 * @param connection the connection
	 * @param message the message, possibly another than the one received
	 * @return the reply, or {@code null} for none
	 * @throws Exception on failure
	 */
	@Nullable Object proceed(WsConnection connection, WsMessage message) throws Exception;

	/**
	 * The chain of the given interceptors, in order, ending with the handler.
	 * @param interceptors the interceptors
	 * @param handler the handler
	 * @return the first link
	 */
	static MessageChain of(List<MessageInterceptor> interceptors, WsHandler handler) {
		MessageChain chain = handler::onMessage;
		for (int i = interceptors.size() - 1; i >= 0; i--) {
			MessageInterceptor interceptor = interceptors.get(i);
			MessageChain next = chain;
			chain = (connection, message) -> interceptor.intercept(connection, message, next);
		}
		return chain;
	}

}
