package dev.gofr.ws.controller;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * One method of a controller, ready to call: a method handle bound to the bean, and where each
 * argument comes from. Built at startup; a call resolves the arguments and invokes the handle,
 * with no reflective lookup.
 */
final class ControllerMethod {

	private static final Object[] NO_ARGUMENTS = {};

	private final String description;

	private final Callback callback;

	private final Argument[] arguments;

	private final MethodHandle handle;

	/**
	 * Prepare a method.
	 * @param controller the bean
	 * @param controllerType the bean's class, as errors name it
	 * @param method the method, callable on the bean
	 * @param callback what kind of method it is
	 * @param arguments where its arguments come from
	 */
	ControllerMethod(Object controller, Class<?> controllerType, Method method, Callback callback,
			Argument[] arguments) {
		this.description = Arguments.describe(controllerType, method);
		this.callback = callback;
		this.arguments = arguments;
		ReflectionUtils.makeAccessible(method);
		try {
			MethodHandle handle = MethodHandles.lookup().unreflect(method);
			if (!Modifier.isStatic(method.getModifiers())) {
				handle = handle.bindTo(controller);
			}
			this.handle = handle.asSpreader(Object[].class, arguments.length)
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + callback + " method " + this.description, ex);
		}
	}

	/**
	 * Call the method.
	 * @param connection the connection
	 * @param message the message, or {@code null} outside a message
	 * @param context the close status or the failure, for close and error methods
	 * @return what the method returned; {@code null} for {@code void}
	 * @throws Exception what the method, or the resolution of an argument, threw
	 */
	@Nullable Object invoke(WsConnection connection, @Nullable WsMessage message, @Nullable Object context)
			throws Exception {
		Object[] values = (this.arguments.length > 0) ? new Object[this.arguments.length] : NO_ARGUMENTS;
		for (int i = 0; i < values.length; i++) {
			values[i] = this.arguments[i].resolve(connection, message, context);
		}
		try {
			return (Object) this.handle.invokeExact(values);
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

	/**
	 * What kind of method this is.
	 * @return the kind
	 */
	Callback callback() {
		return this.callback;
	}

	@Override
	public String toString() {
		return this.callback + " " + this.description;
	}

}
