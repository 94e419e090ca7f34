package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gofr.ws.handshake.Subprotocols;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.interceptor.RateLimitInterceptor;
import dev.gofr.ws.limit.ConnectionLimits;
import dev.gofr.ws.limit.RateLimit;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.SendSettings;
import dev.gofr.ws.server.EndpointSettings;
import dev.gofr.ws.server.ServerEndpoint;
import dev.gofr.ws.server.WsEndpoints;
import dev.gofr.ws.server.WsServer;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Turns the {@link WsRoute} beans and {@code gofr.ws.*} properties into endpoints: resolves each
 * route's name, applies its {@code gofr.ws.endpoints.<name>} settings, and fails at startup on
 * settings that name no route or values out of range, naming the property.
 */
final class EndpointFactory {

	private final GofrWsProperties properties;

	private final WsServer server;

	EndpointFactory(GofrWsProperties properties, WsServer server) {
		this.properties = properties;
		this.server = server;
	}

	WsEndpoints create(ObjectProvider<WsRoute> routes, ListableBeanFactory beanFactory,
			List<MessageInterceptor> globalInterceptors) {
		Map<WsHandler, String> handlerNames = new IdentityHashMap<>();
		beanFactory.getBeansOfType(WsHandler.class).forEach((name, handler) -> handlerNames.put(handler, name));
		Map<WsRoute, String> routeNames = new IdentityHashMap<>();
		beanFactory.getBeansOfType(WsRoute.class).forEach((name, route) -> routeNames.put(route, name));
		EndpointSettings defaults = settings();
		List<ServerEndpoint> endpoints = new ArrayList<>();
		routes.orderedStream().forEach((route) -> {
			String name = name(route, handlerNames.get(route.handler()), routeNames.get(route));
			GofrWsProperties.Endpoint overrides = this.properties.getEndpoints().get(name);
			WsRoute resolved = route.withName(name);
			if (overrides != null && overrides.getPath() != null) {
				String path = overrides.getPath();
				if (!path.startsWith("/")) {
					throw new InvalidConfigurationPropertyValueException("gofr.ws.endpoints." + name + ".path", path,
							"A path must start with '/'.");
				}
				resolved = resolved.withPath(path);
			}
			resolved = resolved.withSubprotocols(subprotocols(name, resolved.subprotocols(), overrides));
			EndpointSettings settings = new EndpointSettings(defaults.maxTextMessageSize(),
					defaults.maxBinaryMessageSize(), defaults.send(), heartbeat(name, overrides));
			List<MessageInterceptor> interceptors = new ArrayList<>();
			RateLimit rateLimit = rateLimit(name, overrides);
			if (rateLimit.isLimited()) {
				// first: excess is dropped before any work
				interceptors.add(new RateLimitInterceptor(rateLimit, this.server.ticker()));
			}
			interceptors.addAll(globalInterceptors);
			interceptors.addAll(resolved.interceptors());
			endpoints.add(new ServerEndpoint(resolved, name, settings, this.server, interceptors));
		});
		WsEndpoints result = new WsEndpoints(endpoints);
		checkEndpointProperties(result);
		return result;
	}

	static String name(WsRoute route, @Nullable String handlerBean, @Nullable String routeBean) {
		if (route.name() != null) {
			return route.name();
		}
		if (handlerBean != null) {
			return WsRoute.nameFromBean(handlerBean);
		}
		if (routeBean != null && !routeBean.startsWith("dev.gofr.ws")) {
			return (routeBean.endsWith("Route") && routeBean.length() > 5)
					? routeBean.substring(0, routeBean.length() - 5) : routeBean;
		}
		return WsRoute.nameFromPath(route.path());
	}

	/**
	 * The subprotocols of an endpoint: the properties' where set, the route's otherwise.
	 */
	static Subprotocols subprotocols(String name, Subprotocols route, GofrWsProperties.@Nullable Endpoint overrides) {
		if (overrides == null) {
			return route;
		}
		List<String> supported = overrides.getSubprotocols().isEmpty() ? route.supported() : overrides.getSubprotocols();
		boolean required = (overrides.getRequireSubprotocol() != null) ? overrides.getRequireSubprotocol()
				: route.required();
		String prefix = "gofr.ws.endpoints." + name;
		if (required && supported.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".require-subprotocol", true,
					"A subprotocol can only be required when the route names some: set " + prefix
							+ ".subprotocols.");
		}
		try {
			return new Subprotocols(supported, required);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".subprotocols", supported, ex.getMessage());
		}
	}

	/**
	 * Whether an endpoint negotiates permessage-deflate: its own setting where set, the global
	 * one otherwise.
	 */
	static boolean compression(GofrWsProperties properties, String name) {
		GofrWsProperties.Endpoint endpoint = properties.getEndpoints().get(name);
		Boolean own = (endpoint != null) ? endpoint.getCompression().getEnabled() : null;
		return (own != null) ? own : properties.getCompression().isEnabled();
	}

	/**
	 * The message rate of an endpoint: its own values where set, the global ones otherwise.
	 */
	RateLimit rateLimit(String name, GofrWsProperties.@Nullable Endpoint overrides) {
		GofrWsProperties.Limits global = this.properties.getLimits();
		GofrWsProperties.EndpointLimits own = (overrides != null) ? overrides.getLimits() : null;
		boolean ownRate = own != null && own.getMessageRate() != null;
		double rate = ownRate ? own.getMessageRate() : global.getMessageRate();
		String prefix = ownRate ? "gofr.ws.endpoints." + name + ".limits" : "gofr.ws.limits";
		if (rate < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".message-rate", rate,
					"The message rate must not be negative.");
		}
		Integer burst = (own != null && own.getMessageBurst() != null) ? own.getMessageBurst()
				: (!ownRate ? global.getMessageBurst() : null);
		int resolvedBurst = (burst != null) ? burst : (int) Math.max(1, Math.ceil(rate));
		if (rate > 0 && resolvedBurst < 1) {
			String property = (own != null && own.getMessageBurst() != null)
					? "gofr.ws.endpoints." + name + ".limits.message-burst" : "gofr.ws.limits.message-burst";
			throw new InvalidConfigurationPropertyValueException(property, resolvedBurst,
					"The burst must be at least 1.");
		}
		RateLimit.Action action = (own != null && own.getOnRateExceeded() != null) ? own.getOnRateExceeded()
				: global.getOnRateExceeded();
		return (rate > 0) ? new RateLimit(rate, resolvedBurst, action) : RateLimit.NONE;
	}

	/**
	 * The connection limits of the whole node.
	 */
	static ConnectionLimits nodeLimits(GofrWsProperties properties) {
		GofrWsProperties.Limits limits = properties.getLimits();
		return connectionLimits("gofr.ws.limits", limits.getMaxConnections(), limits.getMaxConnectionsPerIp(),
				limits.getConnectionThrottle());
	}

	/**
	 * The connection limits of one endpoint alone, on top of the node's.
	 */
	static ConnectionLimits endpointLimits(GofrWsProperties properties, String name) {
		GofrWsProperties.Endpoint endpoint = properties.getEndpoints().get(name);
		if (endpoint == null) {
			return ConnectionLimits.NONE;
		}
		GofrWsProperties.EndpointLimits limits = endpoint.getLimits();
		return connectionLimits("gofr.ws.endpoints." + name + ".limits",
				(limits.getMaxConnections() != null) ? limits.getMaxConnections() : 0,
				(limits.getMaxConnectionsPerIp() != null) ? limits.getMaxConnectionsPerIp() : 0,
				(limits.getConnectionThrottle() != null) ? limits.getConnectionThrottle() : Duration.ZERO);
	}

	private static ConnectionLimits connectionLimits(String prefix, int max, int perIp, Duration throttle) {
		if (max < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-connections", max,
					"The limit must not be negative; 0 means no limit.");
		}
		if (perIp < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-connections-per-ip", perIp,
					"The limit must not be negative; 0 means no limit.");
		}
		if (throttle.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".connection-throttle", throttle,
					"The throttle must not be negative; 0 means none.");
		}
		return new ConnectionLimits(max, perIp, throttle);
	}

	private void checkEndpointProperties(WsEndpoints endpoints) {
		Set<String> known = new TreeSet<>();
		endpoints.all().forEach((endpoint) -> known.add(endpoint.name()));
		for (String name : this.properties.getEndpoints().keySet()) {
			if (!known.contains(name)) {
				throw new InvalidConfigurationPropertyValueException("gofr.ws.endpoints." + name, name,
						"No WebSocket route is named '" + name + "'. Routes: " + known + ".");
			}
		}
	}

	private EndpointSettings settings() {
		GofrWsProperties.Send send = this.properties.getSend();
		long bufferLimit = positive("gofr.ws.send.buffer-limit", send.getBufferLimit());
		if (send.getTimeout().isNegative() || send.getTimeout().isZero()) {
			throw new InvalidConfigurationPropertyValueException("gofr.ws.send.timeout", send.getTimeout(),
					"The send timeout must be positive.");
		}
		return new EndpointSettings(messageSize("gofr.ws.max-text-message-size", this.properties.getMaxTextMessageSize()),
				messageSize("gofr.ws.max-binary-message-size", this.properties.getMaxBinaryMessageSize()),
				new SendSettings(bufferLimit, send.getTimeout(), send.getOverflow()), heartbeat(null, null));
	}

	/**
	 * The heartbeat of an endpoint: its own values where set, the global ones otherwise; a bad
	 * combination fails naming the property that made it.
	 */
	private HeartbeatSettings heartbeat(@Nullable String name, GofrWsProperties.@Nullable Endpoint overrides) {
		GofrWsProperties.Heartbeat global = this.properties.getHeartbeat();
		GofrWsProperties.EndpointHeartbeat own = (overrides != null) ? overrides.getHeartbeat() : null;
		String prefix = (own != null && own.getPongWait() != null) ? "gofr.ws.endpoints." + name + ".heartbeat"
				: "gofr.ws.heartbeat";
		boolean enabled = (own != null && own.getEnabled() != null) ? own.getEnabled() : global.isEnabled();
		Duration pingInterval = (own != null && own.getPingInterval() != null) ? own.getPingInterval()
				: global.getPingInterval();
		Duration pongWait = (own != null && own.getPongWait() != null) ? own.getPongWait() : global.getPongWait();
		if (pingInterval.isNegative() || pingInterval.isZero()) {
			String property = (own != null && own.getPingInterval() != null)
					? "gofr.ws.endpoints." + name + ".heartbeat.ping-interval" : "gofr.ws.heartbeat.ping-interval";
			throw new InvalidConfigurationPropertyValueException(property, pingInterval,
					"The ping interval must be positive.");
		}
		if (pongWait.compareTo(pingInterval) < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".pong-wait", pongWait,
					"The pong wait must not be shorter than the ping interval (" + pingInterval + ").");
		}
		return new HeartbeatSettings(enabled, pingInterval, pongWait);
	}

	private static int messageSize(String property, DataSize size) {
		long bytes = positive(property, size);
		if (bytes > Integer.MAX_VALUE - 8) {
			throw new InvalidConfigurationPropertyValueException(property, size, "A message size must be below 2GB.");
		}
		return (int) bytes;
	}

	private static long positive(String property, DataSize size) {
		if (size.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(property, size, "The size must be positive.");
		}
		return size.toBytes();
	}

}
