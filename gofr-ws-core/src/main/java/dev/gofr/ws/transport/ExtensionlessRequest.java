package dev.gofr.ws.transport;

import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A handshake request without its {@code Sec-WebSocket-Extensions} header. Tomcat negotiates
 * every extension it has installed (permessage-deflate) with any client that asks, whatever the
 * application selected, unless the request it reads asks for none.
 */
final class ExtensionlessRequest extends HttpServletRequestWrapper {

	private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

	ExtensionlessRequest(HttpServletRequest request) {
		super(request);
	}

	@Override
	public @Nullable String getHeader(String name) {
		return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		return Collections.enumeration(
				Collections.list(super.getHeaderNames()).stream().filter((name) -> !EXTENSIONS.equalsIgnoreCase(name)).toList());
	}

}
