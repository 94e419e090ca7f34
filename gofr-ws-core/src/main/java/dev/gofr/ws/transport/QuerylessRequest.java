package dev.gofr.ws.transport;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A handshake request as the container sees it when it upgrades: without its query. The query
 * often carries a token ({@code ?access_token=…}); the connection has kept what it needs of it
 * by then, and a container that never sees it cannot put it in the session's URI, which Spring's
 * session prints in its logs ({@code StandardWebSocketSession[id=…, uri=…]}).
 */
final class QuerylessRequest extends HttpServletRequestWrapper {

	QuerylessRequest(HttpServletRequest request) {
		super(request);
	}

	@Override
	public @Nullable String getQueryString() {
		return null;
	}

	@Override
	public @Nullable String getParameter(String name) {
		return null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return Collections.emptyMap();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.emptyEnumeration();
	}

	@Override
	public String @Nullable [] getParameterValues(String name) {
		return null;
	}

}
