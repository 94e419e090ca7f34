package dev.gofr.ws.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.interceptor.MessageChain;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.ErrorPolicy;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * The way a whole message takes through a route, once the socket has delivered it: the check of
 * its type against what the route accepts, the interceptors in order, the handler, the reply
 * queued on the connection, and, when something fails, the route's {@link ErrorPolicy} (an error
 * frame through {@link WsConnection#sendError}, or a close). A reply that is a
 * {@link CompletionStage} is queued when it completes, after the replies to the messages before
 * it, and a stage that fails is handled as a handler that threw. Also the route's open and close
 * callbacks.
 * <p>
 * Each of these runs as the connection's {@link ConnectionUser}, when its node's
 * {@link ConnectionSecurity} gave it one: with Spring Security, the connection's
 * {@code Authentication} is in the {@code SecurityContextHolder} while the interceptors, the
 * handler and its callbacks run, and is taken away after, on whatever thread calls the
 * dispatcher. A failure that is an access denial (Spring Security's
 * {@code AccessDeniedException}, {@code AuthenticationException}) is reported as
 * {@code FORBIDDEN} or {@code UNAUTHORIZED}, and closes the connection with 1008 when the node's
 * security says so.
 * <p>
 * {@link RouteWebSocketHandler} runs every message of a real socket through one of these. It is
 * public so that a test can run a route, with the same interceptors and error handling, against a
 * connection of its own, such as gofr-ws-test's in-memory connection. Immutable and safe to share
 * between connections; calls for one connection must not overlap, as on a socket.
 */
public final class RouteDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(RouteDispatcher.class);

	private final WsRoute route;

	private final String name;

	private final List<MessageInterceptor> interceptors;

	private final ConnectionListener events;

	private final MessageChain chain;

	private final OrderedReplies pending = new OrderedReplies(this::deliverAsUser);

	/**
	 * Create the dispatcher of a route.
	 * @param route the route
	 * @param name the route's resolved name, as in {@code gofr.ws.endpoints.<name>}
	 * @param interceptors every interceptor between the socket and the handler, in order: the
	 * global ones, then the route's own
	 * @param events told about errors and handled messages
	 */
	public RouteDispatcher(WsRoute route, String name, List<MessageInterceptor> interceptors,
			ConnectionListener events) {
		this.route = route;
		this.name = name;
		this.interceptors = List.copyOf(interceptors);
		this.events = events;
		this.chain = MessageChain.of(this.interceptors, route.handler());
	}

	/**
	 * The route.
	 * @return the route
	 */
	public WsRoute route() {
		return this.route;
	}

	/**
	 * The route's name.
	 * @return the name under {@code gofr.ws.endpoints}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The interceptors between the socket and the handler, in order.
	 * @return an unmodifiable list
	 */
	public List<MessageInterceptor> interceptors() {
		return this.interceptors;
	}

	/**
	 * Call the handler's {@code onOpen}; when it fails, report the error and close the
	 * connection with 1011.
	 * @param connection the new connection, already open
	 */
	public void open(WsConnection connection) {
		asUser(connection, () -> {
			try {
				this.route.handler().onOpen(connection);
			}
			catch (Throwable ex) {
				logger.warn("Handler of endpoint '{}' failed to open connection {}", this.name, connection.id(), ex);
				notifyError(connection, ex);
				this.events.error(connection, WsErrorCode.INTERNAL);
				connection.close(CloseCodes.SERVER_ERROR, "Internal error");
			}
		});
	}

	/**
	 * The user a connection's events run as: with Spring Security, the connection's
	 * {@code Authentication} in the {@code SecurityContextHolder}, around the interceptors, the
	 * handler and its callbacks, whichever thread calls this dispatcher.
	 */
	private static @Nullable ConnectionUser userOf(WsConnection connection) {
		return (connection instanceof ServerConnection server) ? server.user() : null;
	}

	/**
	 * Run an event of a connection other than a message (those take the same way inline) as its
	 * user.
	 */
	private static void asUser(WsConnection connection, Runnable event) {
		ConnectionUser user = userOf(connection);
		if (user == null) {
			event.run();
			return;
		}
		Object previous = user.enter();
		try {
			event.run();
		}
		finally {
			user.exit(previous);
		}
	}

	/**
	 * Handle one whole data message: a type the route does not accept closes the connection with
	 * 1003; otherwise the message runs through the interceptors and the handler, a non-null reply
	 * is queued with {@link WsConnection#send(Object)}, and a failure is handled by the route's
	 * error policy. A {@link CompletionStage} reply is queued once it completes; while one is on its
	 * way, later replies and failures of the same connection wait for it, so that they keep the
	 * order of the messages.
	 * @param connection the connection the message came on; must be open
	 * @param message the message
	 */
	public void dispatch(WsConnection connection, WsMessage message) {
		ConnectionUser user = userOf(connection);
		if (user == null) {
			handle(connection, message);
			return;
		}
		Object previous = user.enter();
		try {
			handle(connection, message);
		}
		finally {
			user.exit(previous);
		}
	}

	private void handle(WsConnection connection, WsMessage message) {
		if (!this.route.accepts(message.type())) {
			this.events.error(connection, WsErrorCode.INVALID_MESSAGE_TYPE);
			connection.close(CloseCodes.UNSUPPORTED_DATA,
					"Endpoint " + this.name + " does not accept " + message.type().name().toLowerCase() + " messages");
			return;
		}
		long start = System.nanoTime();
		try {
			Object reply = this.chain.proceed(connection, message);
			if (reply != null) {
				reply(connection, reply);
			}
		}
		catch (Throwable ex) {
			failed(connection, ex);
		}
		this.events.messageHandled(connection, message.isBinary(), System.nanoTime() - start);
	}

	// reply and failed are kept out of handle, which stays small enough to be inlined
	private void reply(WsConnection connection, Object reply) {
		if (reply instanceof CompletionStage<?> later) {
			this.pending.add(connection, later);
		}
		else if (this.pending.waiting(connection)) {
			this.pending.add(connection, CompletableFuture.completedFuture(reply));
		}
		else {
			connection.send(reply);
		}
	}

	private void failed(WsConnection connection, Throwable ex) {
		if (this.pending.waiting(connection)) {
			this.pending.add(connection, CompletableFuture.failedFuture(ex));
		}
		else {
			handlerFailed(connection, ex);
		}
	}

	/**
	 * A reply whose turn has come, or its failure, on the thread that completed it, as the
	 * connection's user: the error callbacks it may lead to are the application's code.
	 */
	private void deliverAsUser(WsConnection connection, @Nullable Object reply, @Nullable Throwable failure) {
		asUser(connection, () -> deliver(connection, reply, failure));
	}

	/**
	 * A reply whose turn has come, or its failure: queued, or handled as a handler's failure.
	 */
	private void deliver(WsConnection connection, @Nullable Object reply, @Nullable Throwable failure) {
		try {
			if (failure != null) {
				handlerFailed(connection, failure);
			}
			else if (reply != null) {
				connection.send(reply);
			}
		}
		catch (Throwable ex) {
			try {
				handlerFailed(connection, ex);
			}
			catch (Throwable again) {
				logger.warn("Could not report a failed reply on connection {}", connection.id(), again);
			}
		}
	}

	private void handlerFailed(WsConnection connection, Throwable ex) {
		WsErrorCode code = WsErrorCode.of(ex, connection.principal());
		String message;
		boolean denied = false;
		if (code == WsErrorCode.INTERNAL) {
			message = "Internal error";
			logger.warn("Handler of endpoint '{}' failed on connection {}", this.name, connection.id(), ex);
		}
		else if (ex instanceof WsException wsException) {
			message = wsException.getMessage();
			logger.debug("Handler of endpoint '{}' reported {}", this.name, wsException.on("handle", connection.id()));
		}
		else {
			// Spring Security's denials: their messages are not meant for the client
			denied = true;
			message = (code == WsErrorCode.FORBIDDEN) ? "Access denied" : "Not authenticated";
			logger.debug("Access denied on connection {} of endpoint '{}': {}", connection.id(), this.name,
					ex.toString());
		}
		notifyError(connection, ex);
		if (this.route.errorPolicy() == ErrorPolicy.CLOSE || (denied && closesOnDenial(connection))) {
			this.events.error(connection, code);
			connection.close(code.closeCode(), message);
		}
		else {
			connection.sendError(code, message); // tells the listeners
		}
	}

	/**
	 * Tell the handler's {@code onError} about a failure; a failure of the callback itself is
	 * logged and goes no further.
	 * @param connection the connection
	 * @param error the failure
	 */
	public void notifyError(WsConnection connection, Throwable error) {
		asUser(connection, () -> {
			try {
				this.route.handler().onError(connection, error);
			}
			catch (Throwable ex) {
				logger.warn("Error callback of endpoint '{}' failed", this.name, ex);
			}
		});
	}

	private static boolean closesOnDenial(WsConnection connection) {
		ConnectionSecurity security = (connection instanceof ServerConnection server) ? server.node().security() : null;
		return security != null && security.closesOnDenial();
	}

	/**
	 * The end of a connection, once: each interceptor's {@code closed}, the listeners'
	 * {@code closed}, then the handler's {@code onClose}. A failing callback is logged and does
	 * not stop the others.
	 * @param connection the connection, now closed
	 * @param status the close status to report
	 */
	public void closed(WsConnection connection, CloseStatus status) {
		asUser(connection, () -> end(connection, status));
	}

	private void end(WsConnection connection, CloseStatus status) {
		this.pending.ended(connection);
		for (MessageInterceptor interceptor : this.interceptors) {
			try {
				interceptor.closed(connection);
			}
			catch (RuntimeException ex) {
				logger.warn("Interceptor {} failed on the close of connection {}", interceptor, connection.id(), ex);
			}
		}
		this.events.closed(connection, status);
		try {
			this.route.handler().onClose(connection, status);
		}
		catch (Throwable ex) {
			logger.warn("Close callback of endpoint '{}' failed for connection {}", this.name, connection.id(), ex);
		}
	}

	@Override
	public String toString() {
		return "RouteDispatcher[" + this.name + " " + this.route.path() + "]";
	}

}
