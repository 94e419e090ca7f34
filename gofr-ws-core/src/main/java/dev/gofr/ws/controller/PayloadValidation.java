package dev.gofr.ws.controller;

import dev.gofr.ws.interceptor.BeanValidationInterceptor;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;

/**
 * The validation of {@code @Valid} payloads, kept apart so that Jakarta Bean Validation is needed
 * on the class path only by controllers that use it.
 */
final class PayloadValidation {

	private static @Nullable Validator defaultValidator;

	private PayloadValidation() {
	}

	/**
	 * A payload argument whose value is validated before the method sees it.
	 * @param payload the payload as bound
	 * @param validator a {@link Validator}
	 * @param groups the validation groups; none for the default group
	 * @return the validating argument: {@code INVALID_PAYLOAD} listing the fields that fail
	 */
	static Argument validating(Argument payload, Object validator, Class<?>[] groups) {
		Validator checked = (Validator) validator;
		return (connection, message, context) -> {
			Object value = payload.resolve(connection, message, context);
			if (value != null) {
				BeanValidationInterceptor.validate(checked, value, groups);
			}
			return value;
		};
	}

	/**
	 * The validator of the default provider on the class path, built on first use.
	 * @return a {@link Validator}
	 * @throws IllegalStateException when there is no provider
	 */
	static synchronized Object defaultValidator() {
		Validator validator = defaultValidator;
		if (validator == null) {
			try {
				ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
				validator = factory.getValidator();
				defaultValidator = validator;
			}
			catch (ValidationException ex) {
				throw new IllegalStateException("no Jakarta Bean Validation provider is on the class path: add"
						+ " spring-boot-starter-validation (or org.hibernate.validator:hibernate-validator)", ex);
			}
		}
		return validator;
	}

}
