package dev.gofr.ws.observation;

import java.util.Map;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Observes a handshake from the first check to the upgrade or its refusal. It must run first in
 * a route's handshake chain, so that it sees the refusals of every check after it.
 */
public final class HandshakeObservationInterceptor implements HandshakeInterceptor {

	private static final String OBSERVATION_ATTRIBUTE = HandshakeObservationInterceptor.class.getName() + ".observation";

	private static final HandshakeObservationConvention DEFAULT_CONVENTION = new DefaultHandshakeObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable HandshakeObservationConvention convention;

	private final Function<WebSocketHandler, String> routeNames;

	/**
	 * Observe handshakes into a registry.
	 * @param registry the observation registry
	 * @param convention the convention to use instead of the default, or {@code null}
	 * @param routeNames names the route of a handshake's handler
	 */
	public HandshakeObservationInterceptor(ObservationRegistry registry,
			@Nullable HandshakeObservationConvention convention, Function<WebSocketHandler, String> routeNames) {
		this.registry = registry;
		this.convention = convention;
		this.routeNames = routeNames;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		// the attributes become the session's: the observation is kept on the request instead
		if (!this.registry.isNoop() && request instanceof ServletServerHttpRequest servlet) {
			HandshakeObservationContext context = new HandshakeObservationContext(this.routeNames.apply(wsHandler));
			servlet.getServletRequest()
				.setAttribute(OBSERVATION_ATTRIBUTE, WsObservation.HANDSHAKE
					.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
					.start());
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
		if (!(request instanceof ServletServerHttpRequest servlet)
				|| !(servlet.getServletRequest().getAttribute(OBSERVATION_ATTRIBUTE) instanceof Observation observation)) {
			return;
		}
		servlet.getServletRequest().removeAttribute(OBSERVATION_ATTRIBUTE); // stopped once, however often called
		HandshakeObservationContext context = (HandshakeObservationContext) observation.getContext();
		context.status(status(response, exception));
		if (exception != null) {
			observation.error(exception);
		}
		observation.stop();
	}

	private static int status(ServerHttpResponse response, @Nullable Exception exception) {
		if (response instanceof ServletServerHttpResponse servlet) {
			return servlet.getServletResponse().getStatus();
		}
		return (exception != null) ? 500 : 0;
	}

}
