package dev.gofr.ws.transport;

import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A handshake request without some of its headers, for what reads the request after gofr-ws's
 * checks. Without {@code Sec-WebSocket-Extensions}, it keeps Tomcat from negotiating the
 * extensions it has installed (permessage-deflate) with any client that asks, whatever the
 * application selected, since Tomcat negotiates none when the request it reads asks for none.
 */
public class HeaderHidingRequest extends HttpServletRequestWrapper {

	/** The header that offers extensions. */
	static final String EXTENSIONS = "Sec-WebSocket-Extensions";

	private final Set<String> hidden = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	/**
	 * Hide headers of a request.
	 * @param request the request
	 * @param hidden the names of the headers hidden, in any case
	 */
	public HeaderHidingRequest(HttpServletRequest request, Collection<String> hidden) {
		super(request);
		this.hidden.addAll(hidden);
	}

	@Override
	public @Nullable String getHeader(String name) {
		return this.hidden.contains(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return this.hidden.contains(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		return Collections.enumeration(
				Collections.list(super.getHeaderNames()).stream().filter((name) -> !this.hidden.contains(name)).toList());
	}

}
