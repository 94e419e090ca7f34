package dev.gofr.ws.autoconfigure;

import java.util.Map;
import java.util.concurrent.Executor;

import dev.gofr.ws.server.HandlerExecution;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Where each route's handler runs, from {@code gofr.ws.handler.*} and
 * {@code gofr.ws.endpoints.<name>.handler.*}: {@code container}, {@code virtual}, or the name of an
 * {@link Executor} bean (a {@code TaskExecutor}); unset, {@code virtual} when Spring Boot's virtual
 * threads are on ({@code spring.threads.virtual.enabled} on Java 21 or later), {@code container}
 * otherwise. A value that cannot be served fails at startup, naming the property. The routes that
 * ask for virtual threads share one executor.
 */
final class HandlerExecutors {

	/** The handler runs on the container's thread that read the message. */
	static final String CONTAINER = "container";

	/** The handler runs on virtual threads. */
	static final String VIRTUAL = "virtual";

	/** The prefix of the virtual threads' names. */
	static final String VIRTUAL_THREAD_PREFIX = "gofr-ws-handler-";

	private final GofrWsProperties properties;

	private final ListableBeanFactory beanFactory;

	private final boolean virtualThreads;

	private @Nullable Executor virtual;

	/**
	 * Resolve the handlers' executors.
	 * @param properties the properties
	 * @param beanFactory where named executors are found
	 * @param virtualThreads whether Spring Boot's virtual threads are on, which the routes
	 * follow when nothing is set
	 */
	HandlerExecutors(GofrWsProperties properties, ListableBeanFactory beanFactory, boolean virtualThreads) {
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.virtualThreads = virtualThreads;
	}

	/**
	 * Where a route's handler runs: its own setting where it has one, the node's otherwise.
	 * @param name the route's name; {@code null} for the node's setting
	 * @return the execution
	 */
	HandlerExecution forRoute(@Nullable String name) {
		EndpointProperties endpoint = (name != null) ? this.properties.getEndpoints().get(name) : null;
		HandlerProperties own = (endpoint != null) ? endpoint.getHandler() : null;
		HandlerProperties global = this.properties.getHandler();
		Setting<@Nullable String> executor = Setting.route(name, "handler", "executor", own, global,
				HandlerProperties::getExecutor);
		Setting<Integer> maxQueued = Setting.route(name, "handler", "max-queued-messages", own, global,
				HandlerProperties::getMaxQueuedMessages);
		Executor chosen = executor(executor);
		return Setting.check(() -> new HandlerExecution(chosen, maxQueued.value()),
				Map.of("maxQueuedMessages", maxQueued));
	}

	private @Nullable Executor executor(Setting<@Nullable String> setting) {
		String value = setting.value();
		if (value == null || value.isBlank()) {
			return this.virtualThreads ? virtual("spring.threads.virtual.enabled", true) : null;
		}
		String name = value.trim();
		if (name.equals(CONTAINER)) {
			return null;
		}
		if (name.equals(VIRTUAL)) {
			return virtual(setting.property(), value);
		}
		return bean(setting.property(), name);
	}

	private Executor virtual(String property, Object value) {
		Executor virtual = this.virtual;
		if (virtual == null) {
			try {
				virtual = new VirtualThreadTaskExecutor(VIRTUAL_THREAD_PREFIX);
			}
			catch (UnsupportedOperationException ex) {
				throw new InvalidConfigurationPropertyValueException(property, value,
						"Virtual threads need Java 21 or later, and this application runs on Java "
								+ Runtime.version().feature() + ". Set it to container, or to the name of a"
								+ " TaskExecutor bean.");
			}
			this.virtual = virtual;
		}
		return virtual;
	}

	private Executor bean(String property, String name) {
		if (!this.beanFactory.containsBean(name)) {
			throw new InvalidConfigurationPropertyValueException(property, name, "No bean is named '" + name
					+ "'. Set it to container, virtual, or the name of a TaskExecutor bean.");
		}
		Object bean = this.beanFactory.getBean(name);
		if (!(bean instanceof Executor executor)) {
			throw new InvalidConfigurationPropertyValueException(property, name, "Bean '" + name + "' is a "
					+ bean.getClass().getName() + ", not a TaskExecutor (java.util.concurrent.Executor).");
		}
		return executor;
	}

}
