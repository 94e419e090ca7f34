package dev.gofr.ws.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.broadcast.BroadcastListener;
import dev.gofr.ws.broadcast.BroadcastRelay;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.error.ErrorFrameFormat;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.handshake.HandshakeAuthenticator;
import dev.gofr.ws.handshake.HandshakeCapture;
import dev.gofr.ws.handshake.PrincipalHandshakeHandler;
import dev.gofr.ws.handshake.WsHandshakeInterceptor;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.history.InMemoryHistory;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.observation.HandshakeObservationInterceptor;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.ConnectionSecurity;
import dev.gofr.ws.server.ConnectionSweeper;
import dev.gofr.ws.server.GracefulShutdown;
import dev.gofr.ws.server.NodeServices;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.server.Routes;
import dev.gofr.ws.time.Ticker;
import dev.gofr.ws.transport.ContainerUpgradeStrategy;
import jakarta.servlet.ServletContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Serves every {@link WsRoute} bean and every {@link dev.gofr.ws.controller.WsController} bean on its
 * path, with the node's registry, outbound queues, sweeper and graceful shutdown, configured by
 * {@link GofrWsProperties}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketHandler.class)
@ConditionalOnBooleanProperty(name = "gofr.ws.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GofrWsProperties.class)
public final class GofrWsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectionRegistry gofrWsConnectionRegistry() {
		return new ConnectionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	Rooms gofrWsRooms(GofrWsProperties properties, History history) {
		return new Rooms(RouteFactory.roomLimits(properties), history);
	}

	/**
	 * The history of the rooms that keep one ({@code gofr.ws.history.*} and the routes' own), on
	 * this node's heap; none unless enabled. With clustering on, the cluster's configuration gives
	 * one in Redis.
	 */
	@Bean
	@ConditionalOnMissingBean
	History gofrWsHistory(GofrWsProperties properties, Ticker ticker) {
		HistoryRules rules = RouteFactory.historyRules(properties);
		return rules.isEmpty() ? History.NONE : new InMemoryHistory(rules, ticker);
	}

	@Bean
	@ConditionalOnMissingBean
	Broadcaster gofrWsBroadcaster(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec,
			ObjectProvider<BroadcastListener> listeners, ObjectProvider<BroadcastRelay> relay) {
		return new Broadcaster(registry, rooms, codec, listeners.orderedStream().toList(),
				relay.getIfAvailable(() -> BroadcastRelay.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	ErrorFrameFormat gofrWsErrorFrameFormat() {
		return new JsonErrorFrameFormat();
	}

	/**
	 * The time that heartbeats, send timeouts, connection throttles, rate limits and the shutdown
	 * are measured on. A test replaces it with a {@link dev.gofr.ws.time.ManualTicker} to move time
	 * instead of waiting for it.
	 * @return the system's monotonic clock
	 */
	@Bean
	@ConditionalOnMissingBean
	Ticker gofrWsTicker() {
		return Ticker.system();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	NodeServices gofrWsNodeServices(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec,
			ErrorFrameFormat errorFormat, ObjectProvider<ConnectionListener> listeners,
			ObjectProvider<HeartbeatListener> heartbeatListeners, GofrWsProperties properties, Ticker ticker,
			ObjectProvider<ConnectionSecurity> security) {
		GofrWsProperties.Send send = properties.getSend();
		if (send.getWriterThreads() < 0) {
			throw new InvalidConfigurationPropertyValueException("gofr.ws.send.writer-threads", send.getWriterThreads(),
					"Must be 0 (one per available processor) or more");
		}
		return new NodeServices(registry, rooms, codec, errorFormat, listeners.orderedStream().toList(),
				heartbeatListeners.orderedStream().toList(), send.getWriterThreads(), send.isInlineCompletions(), ticker,
				security.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	Routes gofrWsRoutes(ObjectProvider<WsRoute> routes, ListableBeanFactory beanFactory,
			GofrWsProperties properties, NodeServices node, ObjectProvider<MessageInterceptor> interceptors,
			Environment environment) {
		HandlerExecutors executors = new HandlerExecutors(properties, beanFactory,
				Threading.VIRTUAL.isActive(environment));
		return new RouteFactory(properties, node, executors).create(routes, beanFactory,
				interceptors.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionLimiter gofrWsConnectionLimiter(GofrWsProperties properties, NodeServices node) {
		return new ConnectionLimiter("node", RouteFactory.nodeLimits(properties), node::handshakeRejected,
				RouteWebSocketHandler::nameOf, node.ticker());
	}

	@Bean
	@ConditionalOnMissingBean
	GracefulShutdown gofrWsGracefulShutdown(NodeServices node, GofrWsProperties properties) {
		return new GracefulShutdown(node, properties.getShutdown().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionSweeper gofrWsConnectionSweeper(NodeServices node, Routes routes) {
		return new ConnectionSweeper(node,
				ConnectionSweeper.tickFor(routes.all().stream().map((route) -> route.settings().heartbeat()).toList(),
						routes.all().stream().map((route) -> route.settings().send().timeout()).toList()));
	}

	@Bean
	@ConditionalOnMissingBean
	DefaultHandshakeChain gofrWsDefaultHandshakeChain(GofrWsProperties properties, NodeServices node,
			GracefulShutdown shutdown, ConnectionLimiter nodeLimiter, ObjectProvider<HandshakeAuthenticator> authenticator,
			ObjectProvider<WsHandshakeInterceptor> interceptors, ObjectProvider<HandshakeObservationInterceptor> observation) {
		return new DefaultHandshakeChain(properties, node, shutdown, nodeLimiter, authenticator.getIfAvailable(),
				interceptors.orderedStream().toList(), observation.getIfAvailable());
	}

	@Bean
	WebSocketHandlerMapping gofrWsHandlerMapping(Routes routes, GofrWsProperties properties,
			ObjectProvider<HandshakeChain> chains, DefaultHandshakeChain defaultChain, NodeServices node) {
		HandshakeChain chain = handshakeChain(chains, defaultChain);
		ConnectionSecurity security = node.security();
		HandshakeInterceptor securityCapture = (security != null) ? security.handshakeInterceptor() : null;
		Map<String, Object> urlMap = new LinkedHashMap<>();
		for (RouteWebSocketHandler route : routes.all()) {
			PrincipalHandshakeHandler handshakeHandler = new PrincipalHandshakeHandler(
					new ContainerUpgradeStrategy(RouteFactory.compression(properties, route.name())),
					route.route().subprotocols());
			WebSocketHttpRequestHandler handler = new WebSocketHttpRequestHandler(route, handshakeHandler);
			List<HandshakeInterceptor> interceptors = new ArrayList<>(chain.interceptorsFor(route));
			// not a check, so no chain leaves it out: last, where only accepted handshakes reach it
			interceptors.add(new HandshakeCapture(route.route().routePath(),
					RouteFactory.handshakeHeaders(properties, route.name())));
			if (securityCapture != null) {
				interceptors.add(securityCapture); // what the connection's security reads of it, such as the HTTP session
			}
			handler.setHandshakeInterceptors(interceptors);
			urlMap.put(route.route().path(), handler);
		}
		WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
		mapping.setUrlMap(urlMap);
		mapping.setOrder(1);
		mapping.setPhase(GracefulShutdown.PHASE - 1); // keep answering handshakes (with 503) while connections drain
		return mapping;
	}

	/**
	 * The application's {@link HandshakeChain} where it declares one, gofr-ws's otherwise.
	 */
	private static HandshakeChain handshakeChain(ObjectProvider<HandshakeChain> chains, DefaultHandshakeChain defaults) {
		List<HandshakeChain> own = chains.orderedStream().filter((chain) -> chain != defaults).toList();
		if (own.size() > 1) {
			throw new IllegalStateException("Only one HandshakeChain bean can decide the handshake checks; found "
					+ own.size() + ": " + own);
		}
		return own.isEmpty() ? defaults : own.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonCodecConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PayloadCodec gofrWsPayloadCodec(ObjectProvider<JsonMapper> jsonMapper) {
			return new JacksonPayloadCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("tools.jackson.databind.json.JsonMapper")
	static class NoJsonCodecConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PayloadCodec gofrWsPayloadCodec() {
			return PayloadCodec.unavailable(
					"No JSON library: add tools.jackson.core:jackson-databind or declare a PayloadCodec bean");
		}

	}

	/**
	 * Keeps Tomcat's per-connection message buffers small: gofr-ws receives messages in parts and
	 * assembles them only when they arrive, so an idle connection does not hold buffers sized for
	 * the largest message.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.websocket.server.ServerContainer")
	@ConditionalOnBooleanProperty(name = "gofr.ws.container.shrink-buffers", matchIfMissing = true)
	static class ContainerBufferConfiguration {

		@Bean
		ServletContextAware gofrWsContainerBuffers() {
			return ContainerBuffers::shrink;
		}

		/**
		 * Tomcat's other per-connection WebSocket buffers (input, output, encoder) are sized by a
		 * system property read once, when Tomcat's WebSocket classes load; this runs before the
		 * web server is created, and leaves a value the application set alone.
		 * @return the post-processor
		 */
		@Bean
		static BeanFactoryPostProcessor gofrWsTomcatIoBuffers() {
			return (beanFactory) -> {
				if (System.getProperty(ContainerBuffers.TOMCAT_IO_BUFFER_PROPERTY) == null) {
					System.setProperty(ContainerBuffers.TOMCAT_IO_BUFFER_PROPERTY,
							String.valueOf(ContainerBuffers.IO_BUFFER));
				}
			};
		}

	}

	/**
	 * Sizes Tomcat's per-connection socket buffers when {@code gofr.ws.container.socket-buffer-size}
	 * is set: with WebSocket's own buffers kept small, they are most of what an idle connection holds.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.tomcat.TomcatConnectorCustomizer")
	@ConditionalOnProperty(name = "gofr.ws.container.socket-buffer-size")
	static class TomcatSocketBufferConfiguration {

		/** The smallest socket buffer accepted: below it, every read and write of a handshake splits. */
		static final DataSize MIN_SOCKET_BUFFER = DataSize.ofBytes(512);

		/** The largest socket buffer accepted. */
		static final DataSize MAX_SOCKET_BUFFER = DataSize.ofMegabytes(1);

		@Bean
		TomcatConnectorCustomizer gofrWsTomcatSocketBuffers(GofrWsProperties properties) {
			DataSize size = properties.getContainer().getSocketBufferSize();
			if (size == null || size.compareTo(MIN_SOCKET_BUFFER) < 0 || size.compareTo(MAX_SOCKET_BUFFER) > 0) {
				throw new InvalidConfigurationPropertyValueException("gofr.ws.container.socket-buffer-size", size,
						"must be between " + MIN_SOCKET_BUFFER.toBytes() + " bytes and " + MAX_SOCKET_BUFFER.toMegabytes() + " MB");
			}
			String bytes = Long.toString(size.toBytes());
			return (connector) -> {
				connector.setProperty("socket.appReadBufSize", bytes);
				connector.setProperty("socket.appWriteBufSize", bytes);
			};
		}

	}

	static final class ContainerBuffers {

		/** Characters of Tomcat's per-connection text buffer. */
		static final int TEXT_BUFFER = 512;

		/** Bytes of Tomcat's per-connection binary buffer. */
		static final int BINARY_BUFFER = 1024;

		/** The system property that sizes Tomcat's per-connection WebSocket I/O buffers (8 KB each by default). */
		static final String TOMCAT_IO_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

		/** Bytes of each of Tomcat's per-connection WebSocket I/O buffers. */
		static final int IO_BUFFER = 1024;

		private ContainerBuffers() {
		}

		static void shrink(ServletContext servletContext) {
			if (servletContext.getAttribute("jakarta.websocket.server.ServerContainer") instanceof
					jakarta.websocket.server.ServerContainer container) {
				container.setDefaultMaxTextMessageBufferSize(TEXT_BUFFER);
				container.setDefaultMaxBinaryMessageBufferSize(BINARY_BUFFER);
			}
		}

	}

}
