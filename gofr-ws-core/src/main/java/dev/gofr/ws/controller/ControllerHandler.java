package dev.gofr.ws.controller;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.socket.CloseStatus;

/**
 * The {@link WsHandler} of a {@link WsController}: its annotated methods, found and prepared once,
 * when it is built. A text message goes to the {@link OnMessage} method its discriminator field
 * names (the only one, when there is one), a binary message to the {@link OnBinary} method; the
 * arguments are resolved as each method declared at startup, the payload bound once, and what the
 * method returns is the reply. What the methods throw goes to the {@link OnError} method of the
 * most specific type, and otherwise to the route's error handling.
 * <p>
 * gofr-ws builds one for every {@code @WsController} bean. To run a controller elsewhere, such as
 * in a test:
 *
 * <pre class="code">
 * WsRoute chat = ControllerHandler.of(new ChatController()).route();
 * </pre>
 *
 * Immutable and safe to share between connections.
 */
public final class ControllerHandler implements WsHandler {

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(?::[^}]*)?}");

	private static final int MAX_ECHOED = 64;

	private final Class<?> controllerType;

	private final String path;

	private final @Nullable String name;

	private final Discriminator discriminator;

	private final @Nullable ControllerMethod open;

	private final @Nullable ControllerMethod close;

	private final @Nullable ControllerMethod binary;

	private final @Nullable ControllerMethod onlyMessage;

	private final Map<String, ControllerMethod> messages;

	private final String knownTypes;

	private final ErrorMethods errors;

	private ControllerHandler(Object controller, Supplier<Object> validator) {
		Assert.notNull(controller, "controller must not be null");
		this.controllerType = AopUtils.getTargetClass(controller);
		WsController declaration = AnnotatedElementUtils.findMergedAnnotation(this.controllerType, WsController.class);
		Assert.isTrue(declaration != null, () -> this.controllerType.getName() + " is not annotated @WsController");
		this.path = declaration.path();
		Assert.isTrue(this.path.startsWith("/"),
				() -> "The path of " + this.controllerType.getName() + " must start with '/': '" + this.path + "'");
		this.name = declaration.name().isEmpty() ? null : declaration.name();
		this.discriminator = new Discriminator(declaration.discriminator());
		Arguments arguments = new Arguments(this.controllerType, pathVariables(this.path), validator);
		Methods found = new Methods();
		callbacks(this.controllerType).forEach((method, callback) -> found.add(controller, method, callback,
				arguments));
		if (found.count == 0) {
			throw new IllegalStateException(this.controllerType.getName()
					+ " has no method annotated @OnOpen, @OnMessage, @OnBinary, @OnClose or @OnError");
		}
		this.open = found.open;
		this.close = found.close;
		this.binary = found.binary;
		this.onlyMessage = found.onlyMessage;
		this.messages = Map.copyOf(found.messages);
		this.knownTypes = String.join(", ", new TreeSet<>(found.messages.keySet()));
		this.errors = new ErrorMethods(found.errors);
	}

	/**
	 * The handler of a controller; its {@code @Valid} payloads, if any, are validated by the
	 * default Jakarta Bean Validation provider on the class path.
	 * @param controller the controller, a bean of a class annotated {@link WsController}
	 * @return the handler
	 * @throws IllegalArgumentException when the class is not annotated {@link WsController}
	 * @throws IllegalStateException when a method is not what its annotation needs, naming the
	 * method (and the parameter that cannot be resolved)
	 */
	public static ControllerHandler of(Object controller) {
		return new ControllerHandler(controller, ControllerHandler::defaultValidator);
	}

	/**
	 * The handler of a controller whose {@code @Valid} payloads are validated by the given
	 * validator, normally the application's.
	 * @param controller the controller, a bean of a class annotated {@link WsController}
	 * @param validator the validator
	 * @return the handler
	 * @throws IllegalArgumentException when the class is not annotated {@link WsController}
	 * @throws IllegalStateException when a method is not what its annotation needs
	 */
	public static ControllerHandler of(Object controller, Validator validator) {
		Assert.notNull(validator, "validator must not be null");
		return new ControllerHandler(controller, () -> validator);
	}

	private static Object defaultValidator() {
		if (!ClassUtils.isPresent("jakarta.validation.Validator", ControllerHandler.class.getClassLoader())) {
			throw new IllegalStateException("Jakarta Bean Validation is not on the class path: add"
					+ " spring-boot-starter-validation");
		}
		return PayloadValidation.defaultValidator();
	}

	/**
	 * The route the controller declares: its path, its name where it sets one, and the message
	 * types it has methods for (a binary message to a controller without an {@link OnBinary}
	 * method closes the connection with 1003, as on a route that does not accept binary messages).
	 * @return the route
	 */
	public WsRoute route() {
		Set<MessageType> accepts = EnumSet.noneOf(MessageType.class);
		if (this.onlyMessage != null || !this.messages.isEmpty()) {
			accepts.add(MessageType.TEXT);
		}
		if (this.binary != null) {
			accepts.add(MessageType.BINARY);
		}
		WsRoute route = WsRoute.of(this.path, this).accepting(accepts);
		return (this.name != null) ? route.withName(this.name) : route;
	}

	/**
	 * What tells the controller's messages apart: the field its {@link WsController#discriminator()}
	 * names.
	 * @return the discriminator
	 */
	public Discriminator discriminator() {
		return this.discriminator;
	}

	/**
	 * The controller's class, the one annotated {@link WsController}.
	 * @return the class, without the proxy around it if any
	 */
	public Class<?> controllerType() {
		return this.controllerType;
	}

	@Override
	public @Nullable Object onMessage(WsConnection connection, WsMessage message) throws Exception {
		try {
			ControllerMethod method = methodFor(connection, message);
			if (method == null) {
				return null;
			}
			Object reply = method.invoke(connection, message, null);
			if (reply instanceof CompletionStage<?> later && !this.errors.isEmpty()) {
				return recover(later, connection, message);
			}
			return reply;
		}
		catch (Exception ex) {
			return this.errors.handle(connection, message, ex);
		}
	}

	private @Nullable ControllerMethod methodFor(WsConnection connection, WsMessage message) {
		if (message.isBinary()) {
			return (this.binary != null) ? this.binary : refuse(connection, message);
		}
		if (this.onlyMessage != null) {
			return this.onlyMessage;
		}
		if (this.messages.isEmpty()) {
			return refuse(connection, message);
		}
		String type = this.discriminator.read(message.text());
		ControllerMethod method = (type != null) ? this.messages.get(type) : null;
		if (method == null) {
			if (type == null) {
				message.bind(Object.class); // text that is no JSON at all fails here, saying so
			}
			String field = this.discriminator.field();
			throw new WsException(WsErrorCode.INVALID_PAYLOAD,
					((type != null) ? "Unknown " + field + " \"" + echoed(type) + "\"" : "Missing \"" + field + "\"")
							+ "; expected one of: " + this.knownTypes);
		}
		return method;
	}

	private static String echoed(String value) {
		return (value.length() <= MAX_ECHOED) ? value : value.substring(0, MAX_ECHOED) + "…";
	}

	/**
	 * What a route does with a type it does not accept, for a handler used on a route that was
	 * not built with {@link #route()}.
	 */
	private static @Nullable ControllerMethod refuse(WsConnection connection, WsMessage message) {
		connection.close(CloseCodes.UNSUPPORTED_DATA, "Endpoint " + connection.endpoint() + " does not accept "
				+ message.type().name().toLowerCase() + " messages");
		return null;
	}

	/**
	 * A reply to come that, when it fails, goes to the error methods as a failure thrown at once
	 * would.
	 */
	@SuppressWarnings("unchecked")
	private CompletionStage<?> recover(CompletionStage<?> reply, WsConnection connection, WsMessage message) {
		return ((CompletionStage<Object>) reply).exceptionallyCompose((failure) -> {
			try {
				return CompletableFuture.completedFuture(this.errors.handle(connection, message, failure));
			}
			catch (Throwable ex) {
				return CompletableFuture.failedFuture(ex);
			}
		});
	}

	@Override
	public void onOpen(WsConnection connection) throws Exception {
		if (this.open == null) {
			return;
		}
		Object reply;
		try {
			reply = this.open.invoke(connection, null, null);
		}
		catch (Exception ex) {
			reply = this.errors.handle(connection, null, ex);
		}
		if (reply != null) {
			connection.send(reply);
		}
	}

	@Override
	public void onClose(WsConnection connection, CloseStatus status) {
		if (this.close == null) {
			return;
		}
		try {
			this.close.invoke(connection, null, status);
		}
		catch (Exception ex) {
			ReflectionUtils.rethrowRuntimeException(ex);
		}
	}

	@Override
	public String toString() {
		return "ControllerHandler[" + this.controllerType.getName() + "]";
	}

	/**
	 * The names of the variables of a path template: {@code room} of {@code /ws/chat/{room}}.
	 */
	static Set<String> pathVariables(String path) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PATH_VARIABLE.matcher(path);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * The annotated methods of a controller class, in a stable order, each with its kind.
	 */
	private static Map<Method, Callback> callbacks(Class<?> type) {
		Map<Method, Callback> found = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<Callback>) (method) -> callbackOf(type, method));
		List<Method> ordered = new ArrayList<>(found.keySet());
		ordered.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
		Map<Method, Callback> sorted = new LinkedHashMap<>();
		ordered.forEach((method) -> sorted.put(method, found.get(method)));
		return sorted;
	}

	private static @Nullable Callback callbackOf(Class<?> type, Method method) {
		Callback found = null;
		for (Callback callback : Callback.values()) {
			if (AnnotatedElementUtils.hasAnnotation(method, callback.annotation())) {
				if (found != null) {
					throw new IllegalStateException("Method " + Arguments.describe(type, method) + " is annotated both "
							+ found + " and " + callback + ": a method answers one kind of event");
				}
				found = callback;
			}
		}
		return found;
	}

	/**
	 * The methods of a controller as they are found, checked against each other.
	 */
	private final class Methods {

		private int count;

		private @Nullable ControllerMethod open;

		private @Nullable ControllerMethod close;

		private @Nullable ControllerMethod binary;

		private @Nullable ControllerMethod onlyMessage;

		private final Map<String, ControllerMethod> messages = new HashMap<>();

		private final Map<Class<?>, ControllerMethod> errors = new HashMap<>();

		void add(Object controller, Method method, Callback callback, Arguments arguments) {
			Class<?> type = ControllerHandler.this.controllerType;
			String description = Arguments.describe(type, method);
			Class<?> returned = method.getReturnType();
			if (callback == Callback.CLOSE && returned != void.class) {
				throw new IllegalStateException(callback + " method " + description
						+ " must return void: the connection is closed");
			}
			if ((callback == Callback.OPEN || callback == Callback.ERROR)
					&& CompletionStage.class.isAssignableFrom(returned)) {
				throw new IllegalStateException(callback + " method " + description
						+ " cannot return a CompletionStage: return the value itself");
			}
			Class<?>[] handled = (callback == Callback.ERROR) ? handledErrors(method) : new Class<?>[0];
			Method invocable = AopUtils.selectInvocableMethod(method, controller.getClass());
			ControllerMethod prepared = new ControllerMethod(controller, type, invocable, callback,
					arguments.of(method, callback, handled));
			this.count++;
			switch (callback) {
				case OPEN -> this.open = single(this.open, prepared);
				case CLOSE -> this.close = single(this.close, prepared);
				case BINARY -> this.binary = single(this.binary, prepared);
				case MESSAGE -> message(method, prepared);
				case ERROR -> {
					for (Class<?> error : handled) {
						ControllerMethod other = this.errors.putIfAbsent(error, prepared);
						if (other != null) {
							throw new IllegalStateException(other + " and " + prepared + " both handle "
									+ error.getName() + ": one method per exception type");
						}
					}
				}
			}
		}

		private void message(Method method, ControllerMethod prepared) {
			String[] values = AnnotatedElementUtils.findMergedAnnotation(method, OnMessage.class).value();
			if (values.length == 0) {
				this.onlyMessage = single(this.onlyMessage, prepared);
			}
			for (String value : values) {
				ControllerMethod other = this.messages.putIfAbsent(value, prepared);
				if (other != null && other != prepared) {
					throw new IllegalStateException(other + " and " + prepared + " both answer \"" + value + "\"");
				}
			}
			if (this.onlyMessage != null && !this.messages.isEmpty()) {
				throw new IllegalStateException(this.onlyMessage + " answers every text message, so it must be the"
						+ " only @OnMessage method; give each @OnMessage method the "
						+ ControllerHandler.this.discriminator.field() + " values it answers, such as @OnMessage(\""
						+ this.messages.keySet().iterator().next() + "\")");
			}
		}

		private static ControllerMethod single(@Nullable ControllerMethod existing, ControllerMethod prepared) {
			if (existing != null) {
				throw new IllegalStateException(existing + " and " + prepared + " are both "
						+ prepared.callback() + " methods: a controller has one");
			}
			return prepared;
		}

		private Class<?>[] handledErrors(Method method) {
			Class<?>[] declared = AnnotatedElementUtils.findMergedAnnotation(method, OnError.class).value();
			if (declared.length > 0) {
				return declared;
			}
			for (Class<?> parameter : method.getParameterTypes()) {
				if (Throwable.class.isAssignableFrom(parameter)) {
					return new Class<?>[] { parameter };
				}
			}
			return new Class<?>[] { Throwable.class };
		}

	}

}
