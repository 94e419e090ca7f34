package dev.gofr.ws.interceptor;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsMessage;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

/**
 * Binds every message to a type and validates it with Jakarta Bean Validation; a message that
 * fails gets an {@code INVALID_PAYLOAD} error frame listing the violations, field by field, and
 * does not reach the handler. The handler receives the original message and binds it again where
 * it needs the object.
 *
 * @param <T> the type messages bind to
 */
public final class BeanValidationInterceptor<T> implements MessageInterceptor {

	private final Class<T> type;

	private final Validator validator;

	/**
	 * Create the interceptor.
	 * @param type the type messages bind to
	 * @param validator the validator, normally the application's
	 */
	public BeanValidationInterceptor(Class<T> type, Validator validator) {
		this.type = type;
		this.validator = validator;
	}

	@Override
	public @Nullable Object intercept(WsConnection connection, WsMessage message, MessageChain chain) throws Exception {
		T value = message.bind(this.type);
		Set<ConstraintViolation<T>> violations = this.validator.validate(value);
		if (!violations.isEmpty()) {
			throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Invalid message: " + violations.stream()
				.sorted(Comparator.comparing((violation) -> violation.getPropertyPath().toString()))
				.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
				.collect(Collectors.joining("; ")));
		}
		return chain.proceed(connection, message);
	}

}
