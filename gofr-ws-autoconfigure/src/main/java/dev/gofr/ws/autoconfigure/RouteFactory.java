package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gofr.ws.controller.ControllerHandler;
import dev.gofr.ws.controller.WsController;
import dev.gofr.ws.handshake.Subprotocols;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.history.HistorySettings;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.limit.ConnectionLimits;
import dev.gofr.ws.limit.RateLimit;
import dev.gofr.ws.limit.RateLimitInterceptor;
import dev.gofr.ws.room.RoomLimits;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.SendSettings;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.server.Routes;
import jakarta.validation.Validator;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Turns the {@link WsRoute} beans, the {@link WsController} beans and {@code gofr.ws.*} properties
 * into the node's {@link Routes}: resolves each route's name, applies its {@code gofr.ws.endpoints.<name>} settings (where its
 * handler runs through {@link HandlerExecutors}), and fails at startup on settings that name no route or values out of range,
 * naming the property.
 */
final class RouteFactory {

	private static final String ENDPOINTS = "gofr.ws.endpoints.";

	private final GofrWsProperties properties;

	private final NodeServices node;

	private final HandlerExecutors executors;

	RouteFactory(GofrWsProperties properties, NodeServices node, HandlerExecutors executors) {
		this.properties = properties;
		this.node = node;
		this.executors = executors;
	}

	Routes create(ObjectProvider<WsRoute> routes, ListableBeanFactory beanFactory,
			List<MessageInterceptor> globalInterceptors) {
		RouteSettings defaults = settings();
		this.executors.forRoute(null); // the node's setting fails at startup even when every route has its own
		List<RouteWebSocketHandler> handlers = new ArrayList<>();
		declaredRoutes(routes, beanFactory).forEach((name, declared) -> {
			WsRoute route = declared.route();
			EndpointProperties overrides = this.properties.getEndpoints().get(name);
			WsRoute resolved = route.withName(name);
			if (overrides != null && overrides.getPath() != null) {
				resolved = withPath(resolved, name, overrides.getPath());
			}
			resolved = resolved.withSubprotocols(subprotocols(name, resolved.subprotocols(), overrides));
			RouteSettings settings = new RouteSettings(defaults.maxTextMessageSize(),
					defaults.maxBinaryMessageSize(), defaults.send(), heartbeat(name, overrides),
					this.executors.forRoute(name));
			List<MessageInterceptor> interceptors = new ArrayList<>();
			RateLimit rateLimit = rateLimit(name, overrides);
			if (rateLimit.isLimited()) {
				// first: excess is dropped before any work
				interceptors.add(new RateLimitInterceptor(rateLimit, this.node.ticker()));
			}
			interceptors.addAll(globalInterceptors);
			interceptors.addAll(resolved.interceptors());
			handlers.add(new RouteWebSocketHandler(resolved, name, settings, this.node, interceptors));
		});
		Routes result = new Routes(handlers);
		checkEndpointProperties(result);
		return result;
	}

	/**
	 * Every route the application declares, by name: the {@link WsRoute} beans in their order,
	 * then a route for each {@link WsController} bean, both named by the same rule.
	 * @throws IllegalStateException when two of them have the same name, naming both
	 */
	private static Map<String, DeclaredRoute> declaredRoutes(ObjectProvider<WsRoute> routes,
			ListableBeanFactory beanFactory) {
		Map<WsHandler, String> handlerNames = new IdentityHashMap<>();
		beanFactory.getBeansOfType(WsHandler.class).forEach((name, handler) -> handlerNames.put(handler, name));
		Map<WsRoute, String> routeNames = new IdentityHashMap<>();
		beanFactory.getBeansOfType(WsRoute.class).forEach((name, route) -> routeNames.put(route, name));
		Map<String, DeclaredRoute> declared = new LinkedHashMap<>();
		routes.orderedStream().forEach((route) -> {
			String bean = routeNames.get(route);
			add(declared, route.resolveName(handlerNames.get(route.handler()), bean),
					new DeclaredRoute(route, (bean != null) ? "WsRoute bean '" + bean + "'" : route.toString()));
		});
		beanFactory.getBeansWithAnnotation(WsController.class).forEach((bean, controller) -> {
			ControllerHandler handler = controllerHandler(controller, beanFactory);
			WsRoute route = handler.route();
			add(declared, route.resolveName(bean, null), new DeclaredRoute(route,
					"@WsController bean '" + bean + "' (" + handler.controllerType().getName() + ")"));
		});
		return declared;
	}

	private static void add(Map<String, DeclaredRoute> declared, String name, DeclaredRoute route) {
		DeclaredRoute other = declared.putIfAbsent(name, route);
		if (other != null) {
			throw new IllegalStateException("Two WebSocket routes are named '" + name + "', of " + other.source()
					+ " and of " + route.source() + ": give one of them another name, with WsRoute.withName or"
					+ " @WsController(name = ...)");
		}
	}

	/**
	 * A route moved to the path of {@code gofr.ws.endpoints.<name>.path}, a template as in code.
	 */
	private static WsRoute withPath(WsRoute route, String name, String path) {
		String property = ENDPOINTS + name + ".path";
		if (!path.startsWith("/")) {
			throw new InvalidConfigurationPropertyValueException(property, path, "A path must start with '/'.");
		}
		try {
			return route.withPath(path);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, path, ex.getMessage());
		}
	}

	/**
	 * The handler of a controller, validating its {@code @Valid} payloads with the application's
	 * Jakarta {@code Validator} where there is one.
	 */
	private static ControllerHandler controllerHandler(Object controller, ListableBeanFactory beanFactory) {
		if (ClassUtils.isPresent("jakarta.validation.Validator", RouteFactory.class.getClassLoader())) {
			return ApplicationValidator.controllerHandler(controller, beanFactory);
		}
		return ControllerHandler.of(controller);
	}

	/**
	 * A route as the application declared it, and where, for errors.
	 */
	private record DeclaredRoute(WsRoute route, String source) {
	}

	/**
	 * Kept apart so that Jakarta Bean Validation is needed on the class path only when present.
	 */
	private static final class ApplicationValidator {

		static ControllerHandler controllerHandler(Object controller, ListableBeanFactory beanFactory) {
			Validator validator = beanFactory.getBeanProvider(Validator.class).getIfUnique();
			return (validator != null) ? ControllerHandler.of(controller, validator) : ControllerHandler.of(controller);
		}

	}

	/**
	 * The handshake headers a route's connections keep: its own list where set, the node's
	 * otherwise; a blank name fails naming the property.
	 */
	static List<String> handshakeHeaders(GofrWsProperties properties, String name) {
		EndpointProperties endpoint = properties.getEndpoints().get(name);
		Setting<List<String>> headers = Setting.route(name, "handshake", "headers",
				(endpoint != null) ? endpoint.getHandshake() : null, properties.getHandshake(),
				HandshakeProperties::getHeaders);
		for (String header : headers.value()) {
			if (header == null || header.isBlank()) {
				throw new InvalidConfigurationPropertyValueException(headers.property(), headers.value(),
						"A header name must not be blank.");
			}
		}
		return headers.value();
	}

	/**
	 * The subprotocols of a route: the properties' where set, the route's own otherwise.
	 */
	static Subprotocols subprotocols(String name, Subprotocols route, @Nullable EndpointProperties overrides) {
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
	 * Whether a route negotiates permessage-deflate: its own setting where set, the global
	 * one otherwise.
	 */
	static boolean compression(GofrWsProperties properties, String name) {
		EndpointProperties endpoint = properties.getEndpoints().get(name);
		return Setting.route(name, "compression", "enabled", (endpoint != null) ? endpoint.getCompression() : null,
				properties.getCompression(), CompressionProperties::isEnabled).value();
	}

	/**
	 * The origins a route accepts handshakes from: its own list where set, the global one
	 * otherwise.
	 */
	static List<String> allowedOrigins(GofrWsProperties properties, String name) {
		EndpointProperties endpoint = properties.getEndpoints().get(name);
		return (endpoint != null && endpoint.getAllowedOrigins() != null) ? endpoint.getAllowedOrigins()
				: properties.getAllowedOrigins();
	}

	/**
	 * The message rate of a route: its own values where set, the global ones otherwise (a
	 * route that sets its own rate and no burst gets the burst its rate implies).
	 */
	RateLimit rateLimit(String name, @Nullable EndpointProperties overrides) {
		LimitsProperties global = this.properties.getLimits();
		LimitsProperties own = (overrides != null) ? overrides.getLimits() : null;
		Setting<Double> rate = Setting.route(name, "limits", "message-rate", own, global,
				LimitsProperties::getMessageRate);
		// a route that sets its own rate and no burst gets the burst its rate implies, not the node's
		Integer globalBurst = rate.own() ? null : global.getMessageBurst();
		Setting<Integer> burst = (own != null && own.wasSet("message-burst") && own.getMessageBurst() != null)
				? new Setting<>(ENDPOINTS + name + ".limits.message-burst", own.getMessageBurst(), true)
				: Setting.of("gofr.ws.limits.message-burst",
						(globalBurst != null) ? globalBurst : (int) Math.max(1, Math.ceil(rate.value())));
		RateLimit.Action action = Setting.route(name, "limits", "on-rate-exceeded", own, global,
				LimitsProperties::getOnRateExceeded).value();
		RateLimit limit = Setting.check(() -> new RateLimit(rate.value(), burst.value(), action),
				Map.of("rate", rate, "burst", burst));
		return limit.isLimited() ? limit : RateLimit.NONE;
	}

	/**
	 * The connection limits of the whole node.
	 */
	static ConnectionLimits nodeLimits(GofrWsProperties properties) {
		LimitsProperties limits = properties.getLimits();
		return connectionLimits("gofr.ws.limits", limits);
	}

	/**
	 * The connection limits of one route alone, on top of the node's.
	 */
	static ConnectionLimits routeLimits(GofrWsProperties properties, String name) {
		EndpointProperties endpoint = properties.getEndpoints().get(name);
		if (endpoint == null) {
			return ConnectionLimits.NONE;
		}
		LimitsProperties limits = endpoint.getLimits();
		return connectionLimits(ENDPOINTS + name + ".limits", limits);
	}

	private static ConnectionLimits connectionLimits(String prefix, LimitsProperties limits) {
		int max = limits.getMaxConnections();
		int perIp = limits.getMaxConnectionsPerIp();
		Duration throttle = limits.getConnectionThrottle();
		@Nullable Integer set = limits.getConnectionThrottleBurst();
		int burst = (set != null) ? set : ConnectionLimits.defaultBurst(throttle);
		return Setting.check(() -> new ConnectionLimits(max, perIp, throttle, burst),
				Map.of("maxConnections", new Setting<>(prefix + ".max-connections", max, false), "maxConnectionsPerIp",
						new Setting<>(prefix + ".max-connections-per-ip", perIp, false), "throttle",
						new Setting<>(prefix + ".connection-throttle", throttle, false), "throttleBurst",
						new Setting<>(prefix + ".connection-throttle-burst", burst, false)));
	}

	private void checkEndpointProperties(Routes routes) {
		Set<String> known = new TreeSet<>();
		routes.all().forEach((route) -> known.add(route.name()));
		for (String name : this.properties.getEndpoints().keySet()) {
			if (!known.contains(name)) {
				throw new InvalidConfigurationPropertyValueException("gofr.ws.endpoints." + name, name,
						"No WebSocket route is named '" + name + "'. Routes: " + known + ".");
			}
		}
	}

	/**
	 * Which rooms keep a history, and how much each: first the rules of the routes that set their
	 * own {@code gofr.ws.endpoints.<name>.history} (in the order they are configured), then the
	 * node's {@code gofr.ws.history}; a rule only where its {@code enabled} is true, but every
	 * value checked.
	 */
	static HistoryRules historyRules(GofrWsProperties properties) {
		HistoryProperties global = properties.getHistory();
		List<HistorySettings> rules = new ArrayList<>();
		properties.getEndpoints().forEach((name, endpoint) -> {
			HistoryProperties own = endpoint.getHistory();
			if (own.wasAnySet()) {
				HistorySettings rule = historySettings(name, own, global);
				if (Setting.route(name, "history", "enabled", own, global, HistoryProperties::isEnabled).value()) {
					if (!own.wasSet("rooms")) {
						// the node's rooms (every room by default) would make this rule the node's
						throw new InvalidConfigurationPropertyValueException("gofr.ws.endpoints." + name + ".history.rooms",
								null, "A route's history names the rooms it keeps, such as 'chat-*'.");
					}
					rules.add(rule);
				}
			}
		});
		HistorySettings rule = historySettings(null, null, global);
		if (global.isEnabled()) {
			rules.add(rule);
		}
		return new HistoryRules(rules);
	}

	private static HistorySettings historySettings(@Nullable String name, @Nullable HistoryProperties own,
			HistoryProperties global) {
		Setting<Integer> size = Setting.route(name, "history", "size", own, global, HistoryProperties::getSize);
		Setting<Duration> ttl = Setting.route(name, "history", "ttl", own, global, HistoryProperties::getTtl);
		if (size.value() < 1) {
			throw new InvalidConfigurationPropertyValueException(size.property(), size.value(), "Must be at least 1.");
		}
		if (ttl.value().isNegative() || ttl.value().isZero()) {
			throw new InvalidConfigurationPropertyValueException(ttl.property(), ttl.value(), "Must be positive.");
		}
		List<String> rooms = Setting.route(name, "history", "rooms", own, global, HistoryProperties::getRooms).value();
		return new HistorySettings(rooms, size.value(), ttl.value());
	}

	/**
	 * How many rooms a connection may join and the node may hold.
	 */
	static RoomLimits roomLimits(GofrWsProperties properties) {
		NodeLimitsProperties limits = properties.getLimits();
		if (limits.getMaxRoomsPerConnection() < 0) {
			throw new InvalidConfigurationPropertyValueException("gofr.ws.limits.max-rooms-per-connection",
					limits.getMaxRoomsPerConnection(), "Must be 0 (no limit) or more.");
		}
		if (limits.getMaxRooms() < 0) {
			throw new InvalidConfigurationPropertyValueException("gofr.ws.limits.max-rooms", limits.getMaxRooms(),
					"Must be 0 (no limit) or more.");
		}
		return new RoomLimits(limits.getMaxRoomsPerConnection(), limits.getMaxRooms());
	}

	private RouteSettings settings() {
		GofrWsProperties.Send send = this.properties.getSend();
		Setting<Long> bufferLimit = Setting.of("gofr.ws.send.buffer-limit", send.getBufferLimit().toBytes());
		Setting<Duration> timeout = Setting.of("gofr.ws.send.timeout", send.getTimeout());
		SendSettings sendSettings = Setting.check(() -> new SendSettings(bufferLimit.value(), timeout.value(), send.getOverflow()),
				Map.of("bufferLimit", bufferLimit, "timeout", timeout));
		Setting<Integer> maxText = Setting.messageSize("gofr.ws.max-text-message-size", this.properties.getMaxTextMessageSize());
		Setting<Integer> maxBinary = Setting.messageSize("gofr.ws.max-binary-message-size",
				this.properties.getMaxBinaryMessageSize());
		return Setting.check(
				() -> new RouteSettings(maxText.value(), maxBinary.value(), sendSettings, heartbeat(null, null)),
				Map.of("maxTextMessageSize", maxText, "maxBinaryMessageSize", maxBinary));
	}

	/**
	 * The heartbeat of a route: its own values where set, the global ones otherwise; a bad
	 * combination fails naming the property that made it.
	 */
	private HeartbeatSettings heartbeat(@Nullable String name, @Nullable EndpointProperties overrides) {
		HeartbeatProperties global = this.properties.getHeartbeat();
		HeartbeatProperties own = (overrides != null) ? overrides.getHeartbeat() : null;
		boolean enabled = Setting.route(name, "heartbeat", "enabled", own, global, HeartbeatProperties::isEnabled)
			.value();
		Setting<Duration> pingInterval = Setting.route(name, "heartbeat", "ping-interval", own, global,
				HeartbeatProperties::getPingInterval);
		Setting<Duration> pongWait = Setting.route(name, "heartbeat", "pong-wait", own, global,
				HeartbeatProperties::getPongWait);
		return Setting.check(() -> new HeartbeatSettings(enabled, pingInterval.value(), pongWait.value()),
				Map.of("pingInterval", pingInterval, "pongWait", pongWait));
	}

}
