package dev.gofr.ws.autoconfigure.actuate;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code websocket} Actuator endpoint.
 */
@ConfigurationProperties("management.endpoint.websocket")
public class WebSocketEndpointProperties {

	/**
	 * When to show connection metadata values instead of masking them: never, always or
	 * when-authorized.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see metadata values when show-values is when-authorized; empty means any
	 * authenticated user.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
