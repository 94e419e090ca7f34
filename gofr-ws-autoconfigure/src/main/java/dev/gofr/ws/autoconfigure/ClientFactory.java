package dev.gofr.ws.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gofr.ws.client.ReconnectSettings;
import dev.gofr.ws.client.ReconnectStrategy;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClientListener;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code gofr.ws.clients.<name>} into a {@link ReconnectingClient}, failing at startup on
 * values out of range with an error that names the property.
 */
final class ClientFactory {

	private final List<ReconnectingClientCustomizer> customizers;

	private final List<ReconnectingClientListener> listeners;

	private final @Nullable ReconnectStrategy strategy;

	private final @Nullable PayloadCodec codec;

	ClientFactory(List<ReconnectingClientCustomizer> customizers, List<ReconnectingClientListener> listeners,
			@Nullable ReconnectStrategy strategy, @Nullable PayloadCodec codec) {
		this.customizers = customizers;
		this.listeners = listeners;
		this.strategy = strategy;
		this.codec = codec;
	}

	ReconnectingClient create(String name, GofrWsProperties.@Nullable Client properties) {
		String prefix = "gofr.ws.clients." + name;
		if (properties == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".url", null,
					"A client needs the server's ws:// or wss:// address.");
		}
		ReconnectingClient.Builder builder = ReconnectingClient.builder(name, url(prefix + ".url", properties.getUrl()))
			.connectTimeout(positive(prefix + ".connect-timeout", properties.getConnectTimeout()))
			.subprotocols(properties.getSubprotocols())
			.heartbeat(heartbeat(prefix + ".heartbeat", properties.getHeartbeat()))
			.reconnect(reconnect(prefix + ".reconnect", properties.getReconnect()))
			.listeners(this.listeners);
		for (Map.Entry<String, String> header : properties.getHeaders().entrySet()) {
			try {
				builder.header(header.getKey(), header.getValue());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".headers." + header.getKey(),
						header.getValue(), ex.getMessage());
			}
		}
		int maxMessages = properties.getBuffer().getMaxMessages();
		if (maxMessages < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".buffer.max-messages", maxMessages,
					"The buffer size must not be negative; 0 holds nothing.");
		}
		builder.maxBufferedMessages(maxMessages);
		if (this.strategy != null) {
			builder.reconnectStrategy(this.strategy);
		}
		if (this.codec != null) {
			builder.codec(this.codec);
		}
		this.customizers.forEach((customizer) -> customizer.customize(name, builder));
		return builder.build();
	}

	private static URI url(String property, @Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(property, url,
					"A client needs the server's ws:// or wss:// address.");
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(property, url, "Not a URL: " + ex.getMessage());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("ws") && !scheme.equals("wss")) {
			throw new InvalidConfigurationPropertyValueException(property, url,
					"The address must start with ws:// or wss://.");
		}
		if (uri.getHost() == null) {
			throw new InvalidConfigurationPropertyValueException(property, url, "The address has no host.");
		}
		return uri;
	}

	private static HeartbeatSettings heartbeat(String prefix, GofrWsProperties.ClientHeartbeat heartbeat) {
		Duration pingInterval = positive(prefix + ".ping-interval", heartbeat.getPingInterval());
		if (heartbeat.getPongWait().compareTo(pingInterval) < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".pong-wait", heartbeat.getPongWait(),
					"The pong wait must not be shorter than the ping interval (" + pingInterval + ").");
		}
		return new HeartbeatSettings(heartbeat.isEnabled(), pingInterval, heartbeat.getPongWait());
	}

	private static ReconnectSettings reconnect(String prefix, GofrWsProperties.Reconnect reconnect) {
		Duration initialDelay = positive(prefix + ".initial-delay", reconnect.getInitialDelay());
		if (reconnect.getMaxDelay().compareTo(initialDelay) < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-delay", reconnect.getMaxDelay(),
					"The longest delay must not be shorter than the initial delay (" + initialDelay + ").");
		}
		if (!(reconnect.getMultiplier() >= 1.0) || Double.isInfinite(reconnect.getMultiplier())) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".multiplier", reconnect.getMultiplier(),
					"The multiplier must be at least 1.");
		}
		if (!(reconnect.getJitter() >= 0.0 && reconnect.getJitter() <= 1.0)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".jitter", reconnect.getJitter(),
					"The jitter must be between 0 (none) and 1.");
		}
		if (reconnect.getMaxAttempts() < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-attempts", reconnect.getMaxAttempts(),
					"The attempt limit must not be negative; 0 means no limit.");
		}
		return new ReconnectSettings(reconnect.isEnabled(), initialDelay, reconnect.getMaxDelay(),
				reconnect.getMultiplier(), reconnect.getJitter(), reconnect.getMaxAttempts());
	}

	private static Duration positive(String property, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, duration, "The duration must be positive.");
		}
		return duration;
	}

}
