package dev.gofr.ws.autoconfigure;

/**
 * The permessage-deflate extension (RFC 7692). A route may set its own under
 * {@code gofr.ws.endpoints.<name>.compression}; unset, it is the node's.
 * @see GofrWsProperties#getCompression()
 * @see EndpointProperties#getCompression()
 */
public class CompressionProperties extends RouteOverridable {

	/**
	 * Whether permessage-deflate is negotiated with clients that offer it; it trades server
	 * CPU for fewer bytes on the wire (see docs/compression.md), and compressing secrets next
	 * to attacker-chosen text can leak them (CRIME/BREACH).
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
		markSet("enabled");
	}

}
