package dev.gofr.ws.autoconfigure;

import java.util.List;

import dev.gofr.ws.server.RouteWebSocketHandler;

import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The checks a handshake passes on its way to a route, in order. The auto-configuration
 * uses a {@link DefaultHandshakeChain} unless the application declares a bean of this type: to
 * reorder the checks, leave one out or add one where the global
 * {@link dev.gofr.ws.handshake.WsHandshakeInterceptor} beans (which run last) cannot go, declare
 * one, usually by decorating the default:
 *
 * <pre class="code">
 * &#64;Bean
 * HandshakeChain handshakeChain(DefaultHandshakeChain defaults) {
 *     return (route) -&gt; {
 *         List&lt;HandshakeInterceptor&gt; chain = new ArrayList&lt;&gt;(defaults.interceptorsFor(route));
 *         chain.add(0, new TenantCheck());
 *         return chain;
 *     };
 * }
 * </pre>
 *
 * Whatever the chain, a handshake it accepts then has its path variables, query and allow-listed
 * headers kept for the connection ({@link dev.gofr.ws.handshake.HandshakeCapture}): that step
 * checks nothing, and no chain leaves it out.
 */
@FunctionalInterface
public interface HandshakeChain {

	/**
	 * The checks for one route's handshakes, asked once per route at startup.
	 * @param route the route's handler
	 * @return the interceptors, in the order they run
	 */
	List<HandshakeInterceptor> interceptorsFor(RouteWebSocketHandler route);

}
