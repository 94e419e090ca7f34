package dev.gofr.ws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.handshake.AuthenticationCheck;
import dev.gofr.ws.handshake.HandshakeAuthenticator;
import dev.gofr.ws.handshake.OriginCheck;
import dev.gofr.ws.handshake.SubprotocolCheck;
import dev.gofr.ws.handshake.Subprotocols;
import dev.gofr.ws.handshake.WsHandshakeInterceptor;
import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.limit.ConnectionLimits;
import dev.gofr.ws.observation.HandshakeObservationInterceptor;
import dev.gofr.ws.server.GracefulShutdown;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteWebSocketHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * gofr-ws's handshake checks, in this order: the handshake observation (first, to see every
 * refusal), the graceful shutdown (503 while draining), the origin check, the subprotocol check
 * when the route requires one (before the limits: a client that cannot talk takes no slot), the
 * node's connection limits, the route's own, authentication, then the application's
 * {@link WsHandshakeInterceptor} beans in their order.
 */
public final class DefaultHandshakeChain implements HandshakeChain {

	private final GofrWsProperties properties;

	private final NodeServices node;

	private final GracefulShutdown shutdown;

	private final ConnectionLimiter nodeLimiter;

	private final @Nullable HandshakeAuthenticator authenticator;

	private final List<WsHandshakeInterceptor> global;

	private final @Nullable HandshakeObservationInterceptor observation;

	DefaultHandshakeChain(GofrWsProperties properties, NodeServices node, GracefulShutdown shutdown,
			ConnectionLimiter nodeLimiter, @Nullable HandshakeAuthenticator authenticator,
			List<WsHandshakeInterceptor> global, @Nullable HandshakeObservationInterceptor observation) {
		this.properties = properties;
		this.node = node;
		this.shutdown = shutdown;
		this.nodeLimiter = nodeLimiter;
		this.authenticator = authenticator;
		this.global = global;
		this.observation = observation;
	}

	@Override
	public List<HandshakeInterceptor> interceptorsFor(RouteWebSocketHandler route) {
		Subprotocols subprotocols = route.route().subprotocols();
		List<HandshakeInterceptor> chain = new ArrayList<>();
		if (this.observation != null) {
			chain.add(this.observation);
		}
		chain.add(this.shutdown);
		chain.add(new OriginCheck(RouteFactory.allowedOrigins(this.properties, route.name()),
				this.node::handshakeRejected, RouteWebSocketHandler::nameOf));
		if (subprotocols.required()) {
			chain.add(new SubprotocolCheck(subprotocols, this.node::handshakeRejected, RouteWebSocketHandler::nameOf));
		}
		if (this.nodeLimiter.limits().isLimited()) {
			chain.add(this.nodeLimiter);
		}
		ConnectionLimits own = RouteFactory.routeLimits(this.properties, route.name());
		if (own.isLimited()) {
			chain.add(new ConnectionLimiter(route.name(), own, this.node::handshakeRejected,
					RouteWebSocketHandler::nameOf, this.node.ticker()));
		}
		chain.add(new AuthenticationCheck(this.authenticator, route.route().isAuthenticated(),
				this.node::handshakeRejected, RouteWebSocketHandler::nameOf));
		chain.addAll(this.global);
		return chain;
	}

}
