package dev.gofr.ws.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

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

	private final String[] hidden;

	/**
	 * Hide headers of a request.
	 * @param request the request
	 * @param hidden the names of the headers hidden, in any case
	 */
	public HeaderHidingRequest(HttpServletRequest request, String... hidden) {
		super(request);
		this.hidden = hidden.clone();
	}

	@Override
	public @Nullable String getHeader(String name) {
		return isHidden(name) ? null : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		return isHidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> shown = new ArrayList<>();
		for (Enumeration<String> names = super.getHeaderNames(); names.hasMoreElements();) {
			String name = names.nextElement();
			if (!isHidden(name)) {
				shown.add(name);
			}
		}
		return Collections.enumeration(shown);
	}

	private boolean isHidden(String name) {
		for (String hiddenName : this.hidden) {
			if (hiddenName.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

}
