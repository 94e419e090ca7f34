package dev.gofr.ws.handshake;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Refuses handshakes from origins that are not allowed (403), the defence against cross-site
 * WebSocket hijacking: a page on another site cannot open a connection that carries the user's
 * cookies. Origins match exactly (scheme, host and port, case-insensitive), never by substring, so
 * {@code https://good.example.evil.com} does not pass for {@code https://good.example}. With no
 * origins configured only the same origin is allowed; {@code "*"} allows any. A request without
 * an {@code Origin} header (not a browser) passes.
 */
public final class OriginCheck implements HandshakeInterceptor {

	private final Set<String> allowed;

	private final boolean any;

	private final BiConsumer<String, String> rejections;

	private final Function<WebSocketHandler, String> routeNames;

	/**
	 * Create the check.
	 * @param allowedOrigins the origins allowed; empty for the same origin only; {@code "*"} for any
	 * @param rejections told of every refusal, with the route's name and the reason {@code origin}
	 * @param routeNames names the route of a handshake's handler
	 */
	public OriginCheck(List<String> allowedOrigins, BiConsumer<String, String> rejections,
			Function<WebSocketHandler, String> routeNames) {
		this.any = allowedOrigins.contains("*");
		this.allowed = allowedOrigins.stream().map(OriginCheck::normalize).collect(Collectors.toUnmodifiableSet());
		this.rejections = rejections;
		this.routeNames = routeNames;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (origin == null || this.any || isAllowed(request, origin)) {
			return true;
		}
		response.setStatusCode(HttpStatus.FORBIDDEN);
		this.rejections.accept(this.routeNames.apply(wsHandler), "origin");
		return false;
	}

	private boolean isAllowed(ServerHttpRequest request, String origin) {
		if (this.allowed.isEmpty()) {
			return WebUtils.isSameOrigin(request);
		}
		return this.allowed.contains(normalize(origin));
	}

	private static String normalize(String origin) {
		String trimmed = origin.trim().toLowerCase(Locale.ROOT);
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

}
