package dev.gofr.ws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * What a connection keeps of its handshake request, besides its route's path variables and
 * its query. A route may set its own under {@code gofr.ws.endpoints.<name>.handshake}; unset, it is
 * the node's.
 * @see GofrWsProperties#getHandshake()
 * @see EndpointProperties#getHandshake()
 */
public class HandshakeProperties extends RouteOverridable {

	/**
	 * Request headers a connection keeps from its handshake, by name (case-insensitive), for
	 * WsConnection.handshakeHeader; the others are not kept, so list a credential such as
	 * Authorization only when a handler must read it.
	 */
	private List<String> headers = new ArrayList<>();

	public List<String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(List<String> headers) {
		this.headers = headers;
		markSet("headers");
	}

}
