package dev.gofr.ws.controller;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

/**
 * Where one parameter of a controller method comes from, decided once at startup; called for
 * every invocation.
 */
@FunctionalInterface
interface Argument {

	/**
	 * The value of the parameter for one call.
	 * @param connection the connection
	 * @param message the message being handled, or {@code null} outside a message
	 * @param context the close status of an {@link OnClose} call, the failure of an
	 * {@link OnError} call, {@code null} otherwise
	 * @return the value
	 * @throws Exception when it cannot be had, such as a payload that does not bind
	 */
	@Nullable Object resolve(WsConnection connection, @Nullable WsMessage message, @Nullable Object context)
			throws Exception;

}
