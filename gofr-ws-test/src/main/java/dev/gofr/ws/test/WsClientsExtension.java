package dev.gofr.ws.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A JUnit extension that gives a Spring Boot test whose application runs a server a
 * {@link WsClients} pointed at it: as a parameter of a test method, constructor or lifecycle
 * method, and in every field of type {@code WsClients} of the test instance. The clients
 * connected through it are closed after each test. Registered by {@link GofrWsTest}; with a
 * plain {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}, add
 * {@code @ExtendWith(WsClientsExtension.class)} after it.
 */
public final class WsClientsExtension implements ParameterResolver, TestInstancePostProcessor, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(WsClientsExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == WsClients.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getStore(NAMESPACE)
			.getOrComputeIfAbsent(WsClients.class, (key) -> clients(extensionContext), WsClients.class);
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
		for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (field.getType() == WsClients.class && !Modifier.isStatic(field.getModifiers())
						&& !Modifier.isFinal(field.getModifiers())) {
					field.setAccessible(true);
					if (field.get(testInstance) == null) {
						field.set(testInstance, clients(context));
					}
				}
			}
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws IllegalAccessException {
		WsClients resolved = context.getStore(NAMESPACE).remove(WsClients.class, WsClients.class);
		if (resolved != null) {
			resolved.close();
		}
		Object testInstance = context.getTestInstance().orElse(null);
		if (testInstance == null) {
			return;
		}
		for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (field.getType() == WsClients.class && !Modifier.isStatic(field.getModifiers())) {
					field.setAccessible(true);
					if (field.get(testInstance) instanceof WsClients clients) {
						clients.close();
					}
				}
			}
		}
	}

	private static WsClients clients(ExtensionContext context) {
		return WsClients.from(SpringExtension.getApplicationContext(context));
	}

}
