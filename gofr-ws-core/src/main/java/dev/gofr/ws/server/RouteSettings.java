package dev.gofr.ws.server;

import dev.gofr.ws.error.InvalidSettingException;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.send.SendSettings;

/**
 * The settings that govern the connections of one route.
 *
 * @param maxTextMessageSize the largest text message accepted, in characters; larger ones close
 * the connection with 1009
 * @param maxBinaryMessageSize the largest binary message accepted, in bytes; larger ones close
 * the connection with 1009
 * @param send the outbound queue settings
 * @param heartbeat the heartbeat of each connection, unless the connection changes it
 * @param execution where the handler runs: the container's thread, or an executor
 */
public record RouteSettings(int maxTextMessageSize, int maxBinaryMessageSize, SendSettings send,
		HeartbeatSettings heartbeat, HandlerExecution execution) {

	/**
	 * The defaults: 64 KiB messages, default send and heartbeat settings, handlers on the
	 * container's thread.
	 */
	public static final RouteSettings DEFAULTS = new RouteSettings(64 * 1024, 64 * 1024, SendSettings.DEFAULTS,
			HeartbeatSettings.DEFAULTS);

	/**
	 * Settings whose handler runs on the container's thread.
	 * @param maxTextMessageSize the largest text message accepted, in characters
	 * @param maxBinaryMessageSize the largest binary message accepted, in bytes
	 * @param send the outbound queue settings
	 * @param heartbeat the heartbeat of each connection
	 */
	public RouteSettings(int maxTextMessageSize, int maxBinaryMessageSize, SendSettings send,
			HeartbeatSettings heartbeat) {
		this(maxTextMessageSize, maxBinaryMessageSize, send, heartbeat, HandlerExecution.CONTAINER);
	}

	/**
	 * These settings with the handler run elsewhere.
	 * @param execution where the handler runs
	 * @return the settings
	 */
	public RouteSettings withExecution(HandlerExecution execution) {
		return new RouteSettings(this.maxTextMessageSize, this.maxBinaryMessageSize, this.send, this.heartbeat,
				execution);
	}

	public RouteSettings {
		if (maxTextMessageSize <= 0) {
			throw new InvalidSettingException("maxTextMessageSize", maxTextMessageSize, "must be positive");
		}
		if (maxBinaryMessageSize <= 0) {
			throw new InvalidSettingException("maxBinaryMessageSize", maxBinaryMessageSize, "must be positive");
		}
	}

}
