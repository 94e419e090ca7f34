package dev.gofr.ws.observation;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.interceptor.MessageChain;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.WsMessage;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Observes each message through the rest of the chain: the interceptors after this one, the
 * handler, and the queueing of its reply. A failure is recorded on the observation with the error
 * code it becomes, then passed on unchanged, so the error frame or close is what it would be
 * without observation. Costs one check per message while the registry is a no-op. Ordered first
 * among global interceptors, so it sees the work of the others.
 */
public final class MessageObservationInterceptor implements MessageInterceptor, Ordered {

	private static final MessageObservationConvention DEFAULT_CONVENTION = new DefaultMessageObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable MessageObservationConvention convention;

	/**
	 * Observe messages into a registry with the default convention.
	 * @param registry the observation registry
	 */
	public MessageObservationInterceptor(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Observe messages into a registry.
	 * @param registry the observation registry
	 * @param convention the convention to use instead of the default, or {@code null}
	 */
	public MessageObservationInterceptor(ObservationRegistry registry, @Nullable MessageObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable Object intercept(WsConnection connection, WsMessage message, MessageChain chain) throws Exception {
		if (this.registry.isNoop()) {
			return chain.proceed(connection, message);
		}
		MessageObservationContext context = new MessageObservationContext(connection, message);
		Observation observation = WsObservation.MESSAGE
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			return chain.proceed(connection, message);
		}
		catch (Throwable ex) {
			context.failure(WsErrorCode.of(ex, connection.principal()));
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
