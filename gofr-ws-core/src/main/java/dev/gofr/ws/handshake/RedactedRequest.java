package dev.gofr.ws.handshake;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import dev.gofr.ws.transport.HeaderHidingRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServletServerHttpRequest;

/**
 * A handshake request with what may be a credential taken out: its query (which often carries a
 * token, {@code ?access_token=…}) and its {@code Authorization}, {@code Proxy-Authorization} and
 * {@code Cookie} headers. The handshake's checks and {@link HandshakeCapture} have read the
 * request whole; the negotiation and the upgrade that follow see it redacted, so that nothing
 * they log (Spring prints the request's URI and headers at TRACE, and each session with its URI
 * at DEBUG) and nothing the container's session keeps for the connection's life holds a
 * credential.
 */
final class RedactedRequest extends HeaderHidingRequest {

	private static final String[] CREDENTIALS = { "Authorization", "Proxy-Authorization", "Cookie" };

	RedactedRequest(HttpServletRequest request) {
		super(request, CREDENTIALS);
	}

	/**
	 * A request as the negotiation and the upgrade see it.
	 * @param request the handshake's request
	 * @return the request redacted; a request without a query or credential headers, or that is
	 * not a servlet's, as it is
	 */
	static ServerHttpRequest of(ServerHttpRequest request) {
		if (!(request instanceof ServletServerHttpRequest servlet)) {
			return request;
		}
		HttpServletRequest servletRequest = servlet.getServletRequest();
		// most handshakes carry no credential: they go on as they are, without a second request to read
		return (servletRequest.getQueryString() != null || hasCredential(servletRequest))
				? new ServletServerHttpRequest(new RedactedRequest(servletRequest)) : request;
	}

	private static boolean hasCredential(HttpServletRequest request) {
		for (String name : CREDENTIALS) {
			if (request.getHeader(name) != null) {
				return true;
			}
		}
		return false;
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
