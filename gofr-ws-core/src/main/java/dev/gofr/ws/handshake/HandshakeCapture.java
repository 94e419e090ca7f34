package dev.gofr.ws.handshake;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gofr.ws.route.RoutePath;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last step of a route's handshake: it keeps, for the connection, the variables of the
 * route's path, the query and the headers of the allow-list, as a {@link HandshakeRequest} in the
 * handshake's attributes, where the connection finds it. It runs once every check has accepted
 * the handshake, so a refused one costs nothing here, and it never refuses.
 */
public final class HandshakeCapture implements HandshakeInterceptor {

	/** The attribute under which the handshake's {@link HandshakeRequest} is left. */
	public static final String ATTRIBUTE = HandshakeCapture.class.getName() + ".request";

	private final RoutePath path;

	private final String[] headerNames;

	/**
	 * Capture the handshakes of a route.
	 * @param path the route's path, whose variables are captured
	 * @param headerNames the headers kept (the allow-list), in any case; the others are not
	 */
	public HandshakeCapture(RoutePath path, List<String> headerNames) {
		this.path = path;
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		this.headerNames = headerNames.stream().map(String::trim).filter(names::add).toArray(String[]::new);
	}

	/**
	 * The headers kept.
	 * @return the names, as given
	 */
	public List<String> headerNames() {
		return List.of(this.headerNames);
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		Map<String, String> variables = this.path.hasVariables() ? pathVariables(request) : Map.of();
		@Nullable String[] values = new String[this.headerNames.length];
		if (values.length > 0) {
			HttpHeaders headers = request.getHeaders();
			for (int i = 0; i < values.length; i++) {
				values[i] = headers.getFirst(this.headerNames[i]);
			}
		}
		HandshakeRequest captured = HandshakeRequest.of(variables, request.getURI().getRawQuery(), this.headerNames,
				values);
		if (captured != HandshakeRequest.NONE) {
			attributes.put(ATTRIBUTE, captured);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

	/**
	 * The path variables, matched against the path within the application as Spring's handler
	 * mapping matched it: without the context path (and the servlet path of a prefix mapping).
	 */
	private Map<String, String> pathVariables(ServerHttpRequest request) {
		Map<String, String> variables = this.path.match(pathWithinApplication(request));
		return (variables != null) ? variables : Map.of();
	}

	private static String pathWithinApplication(ServerHttpRequest request) {
		if (request instanceof ServletServerHttpRequest servlet) {
			HttpServletRequest servletRequest = servlet.getServletRequest();
			RequestPath path = ServletRequestPathUtils.hasParsedRequestPath(servletRequest)
					? ServletRequestPathUtils.getParsedRequestPath(servletRequest)
					: RequestPath.parse(servletRequest.getRequestURI(), servletRequest.getContextPath());
			return path.pathWithinApplication().value();
		}
		return request.getURI().getRawPath();
	}

	@Override
	public String toString() {
		return "HandshakeCapture[" + this.path + ", headers=" + List.of(this.headerNames) + "]";
	}

}
