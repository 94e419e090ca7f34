package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gofr.ws.heartbeat.HeartbeatSettings;
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

	WsEndpoints create(ObjectProvider<WsRoute> routes, ListableBeanFactory beanFactory) {
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
			EndpointSettings settings = new EndpointSettings(defaults.maxTextMessageSize(),
					defaults.maxBinaryMessageSize(), defaults.send(), heartbeat(name, overrides));
			endpoints.add(new ServerEndpoint(resolved, name, settings, this.server));
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
