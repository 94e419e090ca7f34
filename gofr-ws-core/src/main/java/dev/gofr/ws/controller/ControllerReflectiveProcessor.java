package dev.gofr.ws.controller;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.send.OutboundFrame;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;
import org.springframework.core.ResolvableType;
import org.springframework.web.socket.CloseStatus;

/**
 * What AOT processing declares for a method of a controller, so that it also runs in a native
 * image: the method itself, called through a method handle, and the application's types it binds
 * from JSON and writes as JSON (its parameters and its return type, inside a
 * {@code CompletionStage} too).
 */
class ControllerReflectiveProcessor extends SimpleReflectiveProcessor {

	/** What gofr-ws gives or takes as it is, without JSON. */
	private static final Set<Class<?>> SUPPLIED = Set.of(WsConnection.class, WsMessage.class, CloseStatus.class,
			OutboundFrame.class, ByteBuffer.class, byte[].class, String.class, Object.class);

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		super.registerMethodHint(hints, method);
		for (Type parameter : method.getGenericParameterTypes()) {
			registerBinding(hints, parameter);
		}
		ResolvableType returned = ResolvableType.forMethodReturnType(method);
		ResolvableType later = returned.as(CompletionStage.class);
		registerBinding(hints, (later != ResolvableType.NONE) ? later.getGeneric(0).getType() : returned.getType());
	}

	private void registerBinding(ReflectionHints hints, Type type) {
		Class<?> raw = ResolvableType.forType(type).resolve();
		if (raw == null || raw.isPrimitive() || SUPPLIED.contains(raw) || Principal.class.isAssignableFrom(raw)
				|| Throwable.class.isAssignableFrom(raw)) {
			return;
		}
		this.bindings.registerReflectionHints(hints, type);
	}

}
