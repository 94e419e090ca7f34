package dev.gofr.ws.autoconfigure.integration;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.handshake.WsHandshakeInterceptor;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * What the close race tests add to {@link TestApplication}: a handshake that can be held, a route
 * that records the order of its handler's callbacks, and (when the property
 * {@code close-race.tomcat-close-window} is set) a Tomcat abnormal-close window lowered to 1 ms,
 * which makes a close frame that is scheduled late miss it. Given as a source where wanted, and
 * deliberately not a {@code @Configuration}, for the same reason as {@link ChaosConfiguration}.
 */
class CloseRaceConfiguration {

	/** Tomcat's per-session bound on writing a close frame with any code but 1000. */
	static final String ABNORMAL_CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	@Bean
	HandshakeHold handshakeHold() {
		return new HandshakeHold();
	}

	@Bean
	CallbackOrder callbackOrder() {
		return new CallbackOrder();
	}

	/** Records onOpen and onClose of each connection, in the order the handler sees them. */
	@Bean
	WsRoute orderRoute(CallbackOrder order) {
		return WsRoute.of("/ws/order", new WsHandler() {

			@Override
			public @Nullable Object onMessage(WsConnection connection, WsMessage message) {
				return message.payload();
			}

			@Override
			public void onOpen(WsConnection connection) {
				order.add(connection.id(), "open");
			}

			@Override
			public void onClose(WsConnection connection, CloseStatus status) {
				order.add(connection.id(), "close " + status.getCode());
			}

		}).withName("order");
	}

	@Bean
	ShortTomcatCloseWindow shortTomcatCloseWindow(Environment environment) {
		return new ShortTomcatCloseWindow(environment.getProperty("close-race.tomcat-close-window", Boolean.class, false));
	}

	/**
	 * Holds a handshake whose query is {@code hold} in the interceptor chain, after gofr-ws's
	 * shutdown check let it through, until released.
	 */
	static final class HandshakeHold implements WsHandshakeInterceptor {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch released = new CountDownLatch(1);

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) throws InterruptedException {
			if ("hold".equals(request.getURI().getQuery())) {
				this.entered.countDown();
				return this.released.await(60, TimeUnit.SECONDS);
			}
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
		}

	}

	/**
	 * The callbacks each connection's handler received, in order. Also a listener that, when a
	 * connection of the {@code order} route opens, closes it from another thread and holds the
	 * opening thread up to 200 ms, or until the connection is closed: the window in which a close
	 * may overtake the handler's {@code onOpen}, made wide.
	 */
	static final class CallbackOrder implements ConnectionListener {

		@Override
		public void opened(WsConnection connection) {
			if (!connection.endpoint().equals("order")) {
				return;
			}
			CompletableFuture.runAsync(connection::close);
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
			while (connection.state() != ConnectionState.CLOSED && System.nanoTime() - deadline < 0) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}

		private final Map<String, List<String>> calls = new ConcurrentHashMap<>();

		void add(String id, String call) {
			this.calls.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>()).add(call);
		}

		Map<String, List<String>> calls() {
			return this.calls;
		}

	}

	/**
	 * Lowers Tomcat's abnormal-close window of every new connection to 1 ms, so that a close
	 * frame written a little late fails, as it does now and then with the default 50 ms when many
	 * closes queue on a busy node. Reaches Tomcat's session by reflection: a fault injected for
	 * a test, not an API.
	 */
	static final class ShortTomcatCloseWindow implements ConnectionListener {

		private final boolean enabled;

		ShortTomcatCloseWindow(boolean enabled) {
			this.enabled = enabled;
		}

		private static Object field(Object target, String name) throws ReflectiveOperationException {
			Field field = target.getClass().getDeclaredField(name);
			field.setAccessible(true);
			return field.get(target);
		}

		@Override
		public void opened(WsConnection connection) {
			if (!this.enabled) {
				return;
			}
			try {
				WebSocketSession session = (WebSocketSession) field(field(connection, "transport"), "session");
				Class<?> jakartaSession = Class.forName("jakarta.websocket.Session");
				Object tomcat = ((NativeWebSocketSession) session).getNativeSession(jakartaSession);
				Method userProperties = jakartaSession.getMethod("getUserProperties");
				@SuppressWarnings("unchecked")
				Map<String, Object> properties = (Map<String, Object>) userProperties.invoke(tomcat);
				properties.put(ABNORMAL_CLOSE_SEND_TIMEOUT, 1L);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot reach Tomcat's session of " + connection, ex);
			}
		}

	}

}
