package dev.gofr.ws.controller;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

/**
 * The {@link OnError} methods of a controller by the exception types they handle; a failure goes
 * to the method of the most specific type it is an instance of. The choice for each exception
 * class is remembered, so it is made once.
 */
final class ErrorMethods {

	private final Map<Class<?>, ControllerMethod> byType;

	private final Map<Class<?>, Optional<ControllerMethod>> chosen = new ConcurrentHashMap<>();

	/**
	 * The methods of a controller.
	 * @param byType the method for each exception type; each type has one method
	 */
	ErrorMethods(Map<Class<?>, ControllerMethod> byType) {
		this.byType = Map.copyOf(byType);
	}

	/**
	 * Whether the controller has no error methods.
	 * @return {@code true} when it has none
	 */
	boolean isEmpty() {
		return this.byType.isEmpty();
	}

	/**
	 * Handle a failure with the method for it, if any.
	 * @param connection the connection
	 * @param message the message being handled, or {@code null}
	 * @param failure the failure
	 * @return what the method returned, to be sent; {@code null} for nothing
	 * @throws Exception the failure itself when no method handles it, or the {@link WsException} the
	 * method returned, or what the method threw
	 */
	@Nullable Object handle(WsConnection connection, @Nullable WsMessage message, Throwable failure) throws Exception {
		Throwable cause = unwrap(failure);
		ControllerMethod method = isEmpty() ? null : find(cause.getClass());
		if (method == null) {
			throw rethrow(cause);
		}
		Object reply = method.invoke(connection, message, cause);
		if (reply instanceof WsException exception) {
			throw exception;
		}
		return reply;
	}

	private @Nullable ControllerMethod find(Class<?> type) {
		return this.chosen.computeIfAbsent(type, (key) -> {
			for (Class<?> candidate = key; candidate != null; candidate = candidate.getSuperclass()) {
				ControllerMethod method = this.byType.get(candidate);
				if (method != null) {
					return Optional.of(method);
				}
			}
			return Optional.empty();
		}).orElse(null);
	}

	/**
	 * The failure itself, not the wrapper a dependent stage puts around it.
	 */
	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private static Exception rethrow(Throwable failure) {
		if (failure instanceof Error error) {
			throw error;
		}
		return (failure instanceof Exception exception) ? exception : new IllegalStateException(failure);
	}

}
