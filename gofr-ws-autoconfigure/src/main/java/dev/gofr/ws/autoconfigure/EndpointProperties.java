package dev.gofr.ws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of one route; unset values fall back to the global ones.
 * @see GofrWsProperties#getEndpoints()
 */
public class EndpointProperties {

	/**
	 * Path of the route, replacing the one given in code; a template such as
	 * /ws/rooms/{room} names variables that each match one segment.
	 */
	private @Nullable String path;

	/**
	 * Origins allowed to open connections on this route, replacing gofr.ws.allowed-origins.
	 */
	private @Nullable List<String> allowedOrigins;

	/**
	 * Subprotocols this route speaks, most preferred first: the handshake accepts the first
	 * of them the client offers; replaces those the route names in code; empty keeps them.
	 */
	private List<String> subprotocols = new ArrayList<>();

	/**
	 * Whether a handshake offering none of the route's subprotocols is refused with 400;
	 * unset keeps the route's own choice (false unless the route requires one).
	 */
	private @Nullable Boolean requireSubprotocol;

	@NestedConfigurationProperty
	private final HeartbeatProperties heartbeat = new HeartbeatProperties();

	@NestedConfigurationProperty
	private final LimitsProperties limits = new LimitsProperties();

	@NestedConfigurationProperty
	private final CompressionProperties compression = new CompressionProperties();

	@NestedConfigurationProperty
	private final HandshakeProperties handshake = new HandshakeProperties();

	@NestedConfigurationProperty
	private final HandlerProperties handler = new HandlerProperties();

	@NestedConfigurationProperty
	private final HistoryProperties history = new HistoryProperties();

	public List<String> getSubprotocols() {
		return this.subprotocols;
	}

	public void setSubprotocols(List<String> subprotocols) {
		this.subprotocols = subprotocols;
	}

	public @Nullable Boolean getRequireSubprotocol() {
		return this.requireSubprotocol;
	}

	public void setRequireSubprotocol(@Nullable Boolean requireSubprotocol) {
		this.requireSubprotocol = requireSubprotocol;
	}

	public CompressionProperties getCompression() {
		return this.compression;
	}

	public HandshakeProperties getHandshake() {
		return this.handshake;
	}

	public HandlerProperties getHandler() {
		return this.handler;
	}

	public HistoryProperties getHistory() {
		return this.history;
	}

	public HeartbeatProperties getHeartbeat() {
		return this.heartbeat;
	}

	public LimitsProperties getLimits() {
		return this.limits;
	}

	public @Nullable String getPath() {
		return this.path;
	}

	public void setPath(@Nullable String path) {
		this.path = path;
	}

	public @Nullable List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(@Nullable List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

}
