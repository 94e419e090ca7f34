package dev.gofr.ws.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.gofr.ws.handshake.Subprotocols;
import dev.gofr.ws.interceptor.MessageInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A path tied to a handler, GoFr-style ({@code app.WebSocket("/ws", handler)}). Declare routes
 * as beans:
 *
 * <pre class="code">
 * &#64;Bean
 * WsRoute echo() {
 *     return WsRoute.of("/ws/echo", (connection, message) -&gt; message.payload());
 * }
 * </pre>
 *
 * The route's name keys its settings under {@code gofr.ws.endpoints.<name>}. Unless set with
 * {@link #withName}, it is the handler's bean name without a {@code Handler} suffix; for a
 * handler that is not a bean, the route's bean name without a {@code Route} suffix; otherwise the
 * last segment of the path. Immutable: the {@code with…} methods return a new route.
 */
public final class WsRoute {

	private final RoutePath path;

	private final WsHandler handler;

	private final @Nullable String name;

	private final Set<MessageType> accepts;

	private final ErrorPolicy errorPolicy;

	private final List<MessageInterceptor> interceptors;

	private final boolean authenticated;

	private final Subprotocols subprotocols;

	private WsRoute(RoutePath path, WsHandler handler, @Nullable String name, Set<MessageType> accepts,
			ErrorPolicy errorPolicy, List<MessageInterceptor> interceptors, boolean authenticated,
			Subprotocols subprotocols) {
		this.path = path;
		this.handler = handler;
		this.name = name;
		this.accepts = accepts;
		this.errorPolicy = errorPolicy;
		this.interceptors = interceptors;
		this.authenticated = authenticated;
		this.subprotocols = subprotocols;
	}

	/**
	 * A route for a path and a handler, accepting text and binary messages and reporting
	 * handler errors with an error frame. The path may be a template whose variables each match
	 * one segment, read on the connection with {@link dev.gofr.ws.connection.WsConnection#pathVariable}:
	 * <pre class="code">
	 * WsRoute.of("/ws/rooms/{room}", (connection, message) -&gt; connection.pathVariable("room") + ": " + message.text());
	 * </pre>
	 * @param path the path, such as {@code /ws/chat} or {@code /ws/rooms/{room}}
	 * @param handler the handler
	 * @return the route
	 * @throws IllegalArgumentException when the path is not one ({@link RoutePath#of})
	 */
	public static WsRoute of(String path, WsHandler handler) {
		RoutePath parsed = RoutePath.of(path);
		Assert.notNull(handler, "handler must not be null");
		return new WsRoute(parsed, handler, null, EnumSet.allOf(MessageType.class), ErrorPolicy.REPORT, List.of(),
				false, Subprotocols.NONE);
	}

	/**
	 * A route with its own interceptors (middleware that applies to this route only); they run
	 * after the global ones, in the order given.
	 * @param path the path
	 * @param handler the handler
	 * @param interceptors the route's interceptors
	 * @return the route
	 */
	public static WsRoute of(String path, WsHandler handler, MessageInterceptor... interceptors) {
		return of(path, handler).withInterceptors(interceptors);
	}

	/**
	 * This route with interceptors added after its current ones.
	 * @param interceptors the interceptors
	 * @return a new route
	 */
	public WsRoute withInterceptors(MessageInterceptor... interceptors) {
		List<MessageInterceptor> all = new ArrayList<>(this.interceptors);
		all.addAll(Arrays.asList(interceptors));
		return new WsRoute(this.path, this.handler, this.name, this.accepts, this.errorPolicy, List.copyOf(all),
				this.authenticated, this.subprotocols);
	}

	/**
	 * This route refusing handshakes without an authenticated user (401): one from Spring
	 * Security, or from the application's {@code HandshakeAuthenticator}.
	 * @return a new route
	 */
	public WsRoute authenticated() {
		return new WsRoute(this.path, this.handler, this.name, this.accepts, this.errorPolicy, this.interceptors, true,
				this.subprotocols);
	}

	/**
	 * This route speaking subprotocols, most preferred first: the handshake accepts the first of
	 * them that the client offers, and a client offering none connects without a subprotocol.
	 * {@code gofr.ws.endpoints.<name>.subprotocols} replaces them.
	 * @param subprotocols the subprotocols, such as {@code chat.v2, chat.v1}
	 * @return a new route
	 */
	public WsRoute withSubprotocols(String... subprotocols) {
		return withSubprotocols(new Subprotocols(List.of(subprotocols), false));
	}

	/**
	 * This route speaking subprotocols, and whether a client must speak one of them: a handshake
	 * offering none is then refused with 400.
	 * {@code gofr.ws.endpoints.<name>.subprotocols} and {@code .require-subprotocol} replace them.
	 * @param subprotocols the subprotocols, most preferred first, and whether one is required
	 * @return a new route
	 */
	public WsRoute withSubprotocols(Subprotocols subprotocols) {
		Assert.notNull(subprotocols, "subprotocols must not be null");
		return new WsRoute(this.path, this.handler, this.name, this.accepts, this.errorPolicy, this.interceptors,
				this.authenticated, subprotocols);
	}

	/**
	 * The subprotocols the route speaks.
	 * @return the subprotocols, most preferred first; {@link Subprotocols#NONE} unless set
	 */
	public Subprotocols subprotocols() {
		return this.subprotocols;
	}

	/**
	 * The route's own interceptors.
	 * @return an unmodifiable list
	 */
	public List<MessageInterceptor> interceptors() {
		return this.interceptors;
	}

	/**
	 * Whether handshakes need an authenticated user.
	 * @return {@code true} when they do
	 */
	public boolean isAuthenticated() {
		return this.authenticated;
	}

	/**
	 * This route with an explicit name.
	 * @param name the name under {@code gofr.ws.endpoints}
	 * @return a new route
	 */
	public WsRoute withName(String name) {
		Assert.hasText(name, "name must not be empty");
		return new WsRoute(this.path, this.handler, name, this.accepts, this.errorPolicy, this.interceptors,
				this.authenticated, this.subprotocols);
	}

	/**
	 * This route with another path, as {@code gofr.ws.endpoints.<name>.path} does.
	 * @param path the path, a template as in {@link #of}
	 * @return a new route
	 * @throws IllegalArgumentException when the path is not one ({@link RoutePath#of})
	 */
	public WsRoute withPath(String path) {
		WsRoute moved = of(path, this.handler);
		return new WsRoute(moved.path, this.handler, this.name, this.accepts, this.errorPolicy, this.interceptors,
				this.authenticated, this.subprotocols);
	}

	/**
	 * This route accepting only the given message types; others close the connection with 1003.
	 * @param first a type accepted
	 * @param more further types accepted
	 * @return a new route
	 */
	public WsRoute accepting(MessageType first, MessageType... more) {
		return new WsRoute(this.path, this.handler, this.name, EnumSet.of(first, more), this.errorPolicy,
				this.interceptors, this.authenticated, this.subprotocols);
	}

	/**
	 * This route accepting only the given message types, possibly none, as for a route that only
	 * pushes; others close the connection with 1003.
	 * @param types the types accepted
	 * @return a new route
	 */
	public WsRoute accepting(Set<MessageType> types) {
		Assert.notNull(types, "types must not be null");
		Set<MessageType> accepted = types.isEmpty() ? EnumSet.noneOf(MessageType.class) : EnumSet.copyOf(types);
		return new WsRoute(this.path, this.handler, this.name, accepted, this.errorPolicy, this.interceptors,
				this.authenticated, this.subprotocols);
	}

	/**
	 * This route with another policy for handler errors.
	 * @param errorPolicy the policy
	 * @return a new route
	 */
	public WsRoute withErrorPolicy(ErrorPolicy errorPolicy) {
		return new WsRoute(this.path, this.handler, this.name, this.accepts, errorPolicy, this.interceptors,
				this.authenticated, this.subprotocols);
	}

	/**
	 * The path.
	 * @return the path as written, such as {@code /ws/rooms/{room}}
	 */
	public String path() {
		return this.path.value();
	}

	/**
	 * The path, parsed: what a handshake's path is matched against.
	 * @return the path
	 */
	public RoutePath routePath() {
		return this.path;
	}

	/**
	 * The handler.
	 * @return the handler
	 */
	public WsHandler handler() {
		return this.handler;
	}

	/**
	 * The explicit name.
	 * @return the name, or {@code null} when it is to be derived
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * The message types accepted.
	 * @return an unmodifiable set
	 */
	public Set<MessageType> accepts() {
		return Set.copyOf(this.accepts);
	}

	/**
	 * Whether a message type is accepted.
	 * @param type the type
	 * @return {@code true} if accepted
	 */
	public boolean accepts(MessageType type) {
		return this.accepts.contains(type);
	}

	/**
	 * What happens when the handler fails.
	 * @return the policy
	 */
	public ErrorPolicy errorPolicy() {
		return this.errorPolicy;
	}

	/**
	 * The name this route goes by ({@code gofr.ws.endpoints.<name>}, metrics, the Actuator
	 * endpoint), by the one rule every part of gofr-ws follows: the name it was given; else its
	 * handler's bean name ({@link #nameFromBean}); else its own bean name without a trailing
	 * {@code Route}; else the last segment of its path ({@link #nameFromPath}).
	 * @param handlerBean the bean name of the route's handler, if it is a bean
	 * @param routeBean the bean name of the route, if it is a bean
	 * @return the name
	 */
	public String resolveName(@Nullable String handlerBean, @Nullable String routeBean) {
		if (this.name != null) {
			return this.name;
		}
		if (handlerBean != null) {
			return nameFromBean(handlerBean);
		}
		if (routeBean != null && !routeBean.startsWith("dev.gofr.ws")) {
			String simple = simpleBeanName(routeBean);
			return (simple.endsWith("Route") && simple.length() > 5) ? simple.substring(0, simple.length() - 5)
					: simple;
		}
		return nameFromPath(this.path.value());
	}

	/**
	 * The name a route gets from its handler's bean name: without a qualifier (a nested class's
	 * bean is named {@code app.ChatHandler}, a fully qualified one {@code com.example.ChatHandler})
	 * and without a trailing {@code Handler}, {@code WebSocketHandler} or {@code WsHandler}, or, for
	 * an annotated controller, {@code Controller} or {@code WsController}.
	 * @param beanName the bean name, such as {@code chatHandler} or {@code chatController}
	 * @return the route name, such as {@code chat}
	 */
	public static String nameFromBean(String beanName) {
		String simple = simpleBeanName(beanName);
		for (String suffix : new String[] { "WebSocketHandler", "WsHandler", "Handler", "WsController",
				"Controller" }) {
			if (simple.endsWith(suffix) && simple.length() > suffix.length()) {
				return simple.substring(0, simple.length() - suffix.length());
			}
		}
		return simple;
	}

	/**
	 * A bean name without what qualifies it: {@code app.ChatHandler} and
	 * {@code com.example.App$ChatHandler} become {@code chatHandler}; a plain name is kept.
	 */
	private static String simpleBeanName(String beanName) {
		int qualifier = Math.max(beanName.lastIndexOf('.'), beanName.lastIndexOf('$'));
		if (qualifier < 0 || qualifier == beanName.length() - 1) {
			return beanName;
		}
		String simple = beanName.substring(qualifier + 1);
		return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
	}

	/**
	 * The name a route gets from its path: the last non-empty segment.
	 * @param path the path, such as {@code /ws/chat}
	 * @return the route name, such as {@code chat}
	 */
	public static String nameFromPath(String path) {
		String[] segments = path.split("/");
		for (int i = segments.length - 1; i >= 0; i--) {
			String segment = segments[i].replaceAll("[^A-Za-z0-9_-]", "");
			if (!segment.isEmpty()) {
				return segment;
			}
		}
		return "root";
	}

	@Override
	public String toString() {
		return "WsRoute[" + ((this.name != null) ? this.name + " " : "") + this.path + "]";
	}

}
