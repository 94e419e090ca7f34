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
		validate(this.validator, message.bind(this.type));
		return chain.proceed(connection, message);
	}

	/**
	 * Validate a bound message as this interceptor does.
	 * @param validator the validator
	 * @param value the message bound to its type
	 * @param groups the validation groups; none for the default group
	 * @throws WsException with {@code INVALID_PAYLOAD} listing the violations, field by field
	 * ({@code "Invalid message: room size must be between 0 and 8; text must not be blank"})
	 */
	public static void validate(Validator validator, Object value, Class<?>... groups) {
		Set<ConstraintViolation<Object>> violations = validator.validate(value, groups);
		if (!violations.isEmpty()) {
			throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Invalid message: " + violations.stream()
				.sorted(Comparator.comparing((violation) -> violation.getPropertyPath().toString()))
				.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
				.collect(Collectors.joining("; ")));
		}
	}

}
