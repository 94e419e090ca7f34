package dev.gofr.ws.handshake;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses, with 400, a handshake that offers none of the subprotocols a route requires, so a
 * client speaking an old or unknown protocol is told at once rather than connected to a server
 * that will not understand it.
 */
public final class SubprotocolCheck implements HandshakeInterceptor {

	private final Subprotocols subprotocols;

	private final BiConsumer<String, String> rejections;

	private final Function<WebSocketHandler, String> routeNames;

	/**
	 * Create the check.
	 * @param subprotocols the route's subprotocols; a handshake is refused only when they are
	 * required
	 * @param rejections told of every refusal, with the route's name and the reason
	 * {@code subprotocol}
	 * @param routeNames names the route of a handshake's handler
	 */
	public SubprotocolCheck(Subprotocols subprotocols, BiConsumer<String, String> rejections,
			Function<WebSocketHandler, String> routeNames) {
		this.subprotocols = subprotocols;
		this.rejections = rejections;
		this.routeNames = routeNames;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (!this.subprotocols.required()
				|| this.subprotocols.select(new WebSocketHttpHeaders(request.getHeaders()).getSecWebSocketProtocol()) != null) {
			return true;
		}
		response.setStatusCode(HttpStatus.BAD_REQUEST);
		this.rejections.accept(this.routeNames.apply(wsHandler), "subprotocol");
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
