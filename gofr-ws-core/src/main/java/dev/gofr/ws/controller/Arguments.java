package dev.gofr.ws.controller;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.validation.annotation.ValidationAnnotationUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.socket.CloseStatus;

/**
 * Decides, once per controller method at startup, where each of its parameters comes from, and
 * fails naming the controller, the method and the parameter when one can come from nowhere.
 */
final class Arguments {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private final Class<?> controllerType;

	private final Set<String> pathVariables;

	private final Supplier<Object> validator;

	private final ConversionService conversion = DefaultConversionService.getSharedInstance();

	/**
	 * Resolve the parameters of one controller's methods.
	 * @param controllerType the controller's class, as errors name it
	 * @param pathVariables the variables of the controller's path
	 * @param validator the Jakarta {@code Validator} for {@code @Valid} payloads, asked for only when
	 * a method has one; throws {@link IllegalStateException} when there is none
	 */
	Arguments(Class<?> controllerType, Set<String> pathVariables, Supplier<Object> validator) {
		this.controllerType = controllerType;
		this.pathVariables = pathVariables;
		this.validator = validator;
	}

	/**
	 * The arguments of a method, in order.
	 * @param method the method
	 * @param callback what kind of method it is
	 * @param errors for an {@link OnError} method, the exceptions it handles
	 * @return one argument per parameter
	 * @throws IllegalStateException when a parameter cannot be resolved
	 */
	Argument[] of(Method method, Callback callback, Class<?>[] errors) {
		Argument[] arguments = new Argument[method.getParameterCount()];
		MethodParameter payload = null;
		for (int i = 0; i < arguments.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(parameterNames);
			Argument argument = fromHandshake(method, callback, parameter);
			if (argument == null) {
				argument = fromCall(callback, parameter, errors, method);
			}
			if (argument == null && (callback == Callback.MESSAGE || callback == Callback.BINARY)) {
				if (payload != null) {
					throw unresolvable(method, callback, parameter, "it would be a second payload, after '"
							+ name(payload) + "'; " + callback + " methods take " + callback.takes());
				}
				payload = parameter;
				argument = payload(method, callback, parameter);
			}
			if (argument == null) {
				throw unresolvable(method, callback, parameter, callback + " methods take " + callback.takes());
			}
			arguments[i] = argument;
		}
		return arguments;
	}

	/**
	 * What the call itself brings: the connection, the message, the user, the close status, the
	 * failure.
	 */
	private @Nullable Argument fromCall(Callback callback, MethodParameter parameter, Class<?>[] errors, Method method) {
		Class<?> type = parameter.getParameterType();
		if (type == WsConnection.class) {
			return (connection, message, context) -> connection;
		}
		if (type == WsMessage.class && callback.hasMessage()) {
			return (connection, message, context) -> message;
		}
		if (Principal.class.isAssignableFrom(type)) {
			return (connection, message, context) -> {
				Principal principal = connection.principal();
				return type.isInstance(principal) ? principal : null;
			};
		}
		if (type == CloseStatus.class && callback == Callback.CLOSE) {
			return (connection, message, context) -> context;
		}
		if (Throwable.class.isAssignableFrom(type) && callback == Callback.ERROR) {
			for (Class<?> error : errors) {
				if (!type.isAssignableFrom(error)) {
					throw unresolvable(method, callback, parameter,
							"the method handles " + error.getName() + ", which is not a " + type.getSimpleName());
				}
			}
			return (connection, message, context) -> context;
		}
		return null;
	}

	/**
	 * A path variable, query parameter or header of the handshake, converted to the parameter's
	 * type.
	 */
	private @Nullable Argument fromHandshake(Method method, Callback callback, MethodParameter parameter) {
		PathVariable pathVariable = AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(),
				PathVariable.class);
		if (pathVariable != null) {
			String name = handshakeName(method, callback, parameter, pathVariable.name(), "@PathVariable");
			if (!this.pathVariables.contains(name)) {
				throw unresolvable(method, callback, parameter, "the path has no variable {" + name
						+ "}; its variables are " + this.pathVariables);
			}
			return handshakeValue(method, callback, parameter, new HandshakeValue("path variable", name,
					pathVariable.required(), null, WsConnection::pathVariable));
		}
		RequestParam query = AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(), RequestParam.class);
		if (query != null) {
			String name = handshakeName(method, callback, parameter, query.name(), "@RequestParam");
			return handshakeValue(method, callback, parameter, new HandshakeValue("query parameter", name,
					query.required(), defaultValue(query.defaultValue()), WsConnection::queryParameter));
		}
		RequestHeader header = AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(),
				RequestHeader.class);
		if (header != null) {
			String name = handshakeName(method, callback, parameter, header.name(), "@RequestHeader");
			return handshakeValue(method, callback, parameter, new HandshakeValue("handshake header", name,
					header.required(), defaultValue(header.defaultValue()), WsConnection::handshakeHeader));
		}
		return null;
	}

	private String handshakeName(Method method, Callback callback, MethodParameter parameter, String declared,
			String annotation) {
		if (!declared.isEmpty()) {
			return declared;
		}
		String name = parameter.getParameterName();
		if (name == null) {
			throw unresolvable(method, callback, parameter, "its name is not known: compile with -parameters or write "
					+ annotation + "(\"name\")");
		}
		return name;
	}

	private static @Nullable String defaultValue(String declared) {
		return ValueConstants.DEFAULT_NONE.equals(declared) ? null : declared;
	}

	private Argument handshakeValue(Method method, Callback callback, MethodParameter parameter, HandshakeValue value) {
		Class<?> type = parameter.getParameterType();
		if (type.isPrimitive() && !value.required() && value.defaultValue() == null) {
			throw unresolvable(method, callback, parameter, "a " + type + " cannot be null: give a default value or"
					+ " take a " + parameter.getNestedParameterType().getSimpleName() + " wrapper");
		}
		if (type == String.class) {
			return (connection, message, context) -> value.read(connection);
		}
		TypeDescriptor target = new TypeDescriptor(parameter);
		if (!this.conversion.canConvert(STRING, target)) {
			throw unresolvable(method, callback, parameter, "a " + value.kind() + " is text, and no conversion from"
					+ " String to " + type.getName() + " is known");
		}
		return (connection, message, context) -> {
			String text = value.read(connection);
			if (text == null) {
				return null;
			}
			try {
				return this.conversion.convert(text, STRING, target);
			}
			catch (ConversionException ex) {
				throw new WsException(WsErrorCode.INVALID_PAYLOAD, "The " + value.kind() + " '" + value.name()
						+ "' is not a " + type.getSimpleName() + ": " + text, ex);
			}
		};
	}

	/**
	 * The message itself: bound, validated where annotated, or as it came.
	 */
	private Argument payload(Method method, Callback callback, MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		if (callback == Callback.BINARY) {
			if (type == byte[].class) {
				return (connection, message, context) -> message.bytes();
			}
			if (type == ByteBuffer.class) {
				return (connection, message, context) -> message.buffer();
			}
			throw unresolvable(method, callback, parameter, "the payload of a binary message is a byte[] or a ByteBuffer");
		}
		if (type == String.class) {
			return (connection, message, context) -> message.text();
		}
		if (type.isPrimitive() || type.isArray() && type.getComponentType().isPrimitive()) {
			throw unresolvable(method, callback, parameter, "a payload binds to a record, a class or a String; "
					+ callback + " methods take " + callback.takes());
		}
		if (!bindsWhole(parameter.getGenericParameterType())) {
			throw unresolvable(method, callback, parameter, "a payload binds to its class, and the type arguments of "
					+ parameter.getGenericParameterType().getTypeName() + " would be lost: bind a record or class");
		}
		Argument bound = (connection, message, context) -> message.bind(type);
		Class<?>[] groups = validationGroups(parameter);
		if (groups == null) {
			return bound;
		}
		Object validator;
		try {
			validator = this.validator.get();
		}
		catch (IllegalStateException ex) {
			throw unresolvable(method, callback, parameter, "it is to be validated, and " + ex.getMessage());
		}
		return PayloadValidation.validating(bound, validator, groups);
	}

	/**
	 * Whether a payload bound to the raw class of a type is of that type: a class, or a generic
	 * one whose arguments are all {@code Object} or {@code ?}.
	 */
	private static boolean bindsWhole(Type type) {
		if (!(type instanceof ParameterizedType parameterized)) {
			return type instanceof Class<?>;
		}
		return Arrays.stream(parameterized.getActualTypeArguments())
			.allMatch((argument) -> argument == Object.class || argument instanceof WildcardType wildcard
					&& wildcard.getLowerBounds().length == 0
					&& Arrays.equals(wildcard.getUpperBounds(), new Type[] { Object.class }));
	}

	/**
	 * The validation groups of a payload annotated {@code @Valid} or {@code @Validated}.
	 * @return the groups, empty for the default group, or {@code null} when it is not validated
	 */
	private static Class<?> @Nullable [] validationGroups(MethodParameter parameter) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			Object[] hints = ValidationAnnotationUtils.determineValidationHints(annotation);
			if (hints != null) {
				return Arrays.stream(hints).filter(Class.class::isInstance).toArray(Class<?>[]::new);
			}
		}
		return null;
	}

	private IllegalStateException unresolvable(Method method, Callback callback, MethodParameter parameter,
			String why) {
		return new IllegalStateException("Cannot resolve parameter '" + name(parameter) + "' ("
				+ parameter.getParameterType().getSimpleName() + ") of " + callback + " method "
				+ describe(this.controllerType, method) + ": " + why);
	}

	private static String name(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return (name != null) ? name : "#" + parameter.getParameterIndex();
	}

	/**
	 * A method as errors name it: the controller's class, the method's name and its parameter
	 * types.
	 * @param controllerType the controller's class
	 * @param method the method
	 * @return such as {@code com.example.ChatController.say(Say, Principal)}
	 */
	static String describe(Class<?> controllerType, Method method) {
		return controllerType.getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	/**
	 * A value of the handshake: where it comes from and what happens when it is missing.
	 */
	private record HandshakeValue(String kind, String name, boolean required, @Nullable String defaultValue,
			Source source) {

		@Nullable String read(WsConnection connection) {
			String value = this.source.read(connection, this.name);
			if (value == null) {
				value = this.defaultValue;
			}
			if (value == null && this.required) {
				throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Missing " + this.kind + " '" + this.name + "'");
			}
			return value;
		}

	}

	@FunctionalInterface
	private interface Source {

		@Nullable String read(WsConnection connection, String name);

	}

}
