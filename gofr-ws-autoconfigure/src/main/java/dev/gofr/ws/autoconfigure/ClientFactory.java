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
import dev.gofr.ws.time.Ticker;
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

	private final Ticker ticker;

	ClientFactory(List<ReconnectingClientCustomizer> customizers, List<ReconnectingClientListener> listeners,
			@Nullable ReconnectStrategy strategy, @Nullable PayloadCodec codec, Ticker ticker) {
		this.customizers = customizers;
		this.listeners = listeners;
		this.strategy = strategy;
		this.codec = codec;
		this.ticker = ticker;
	}

	ReconnectingClient create(String name, @Nullable ClientProperties properties) {
		String prefix = "gofr.ws.clients." + name;
		if (properties == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".url", null,
					"A client needs the server's ws:// or wss:// address.");
		}
		Setting<Duration> connectTimeout = Setting.of(prefix + ".connect-timeout", properties.getConnectTimeout());
		Setting<Integer> maxMessages = Setting.of(prefix + ".buffer.max-messages", properties.getBuffer().getMaxMessages());
		ReconnectingClient.Builder builder = Setting.check(
				() -> ReconnectingClient.builder(name, url(prefix + ".url", properties.getUrl()))
					.connectTimeout(connectTimeout.value())
					.maxBufferedMessages(maxMessages.value()),
				Map.of("connectTimeout", connectTimeout, "maxBufferedMessages", maxMessages))
			.subprotocols(properties.getSubprotocols())
			.heartbeat(heartbeat(prefix + ".heartbeat", properties.getHeartbeat()))
			.reconnect(reconnect(prefix + ".reconnect", properties.getReconnect()))
			.listeners(this.listeners)
			.ticker(this.ticker);
		for (Map.Entry<String, String> header : properties.getHeaders().entrySet()) {
			try {
				builder.header(header.getKey(), header.getValue());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".headers." + header.getKey(),
						header.getValue(), ex.getMessage());
			}
		}
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

	private static HeartbeatSettings heartbeat(String prefix, HeartbeatProperties heartbeat) {
		Setting<Duration> pingInterval = Setting.of(prefix + ".ping-interval", heartbeat.getPingInterval());
		Setting<Duration> pongWait = Setting.of(prefix + ".pong-wait", heartbeat.getPongWait());
		return Setting.check(() -> new HeartbeatSettings(heartbeat.isEnabled(), pingInterval.value(), pongWait.value()),
				Map.of("pingInterval", pingInterval, "pongWait", pongWait));
	}

	private static ReconnectSettings reconnect(String prefix, ClientProperties.Reconnect reconnect) {
		Setting<Duration> initialDelay = Setting.of(prefix + ".initial-delay", reconnect.getInitialDelay());
		Setting<Duration> maxDelay = Setting.of(prefix + ".max-delay", reconnect.getMaxDelay());
		Setting<Double> multiplier = Setting.of(prefix + ".multiplier", reconnect.getMultiplier());
		Setting<Double> jitter = Setting.of(prefix + ".jitter", reconnect.getJitter());
		Setting<Integer> maxAttempts = Setting.of(prefix + ".max-attempts", reconnect.getMaxAttempts());
		return Setting.check(
				() -> new ReconnectSettings(reconnect.isEnabled(), initialDelay.value(), maxDelay.value(),
						multiplier.value(), jitter.value(), maxAttempts.value()),
				Map.of("initialDelay", initialDelay, "maxDelay", maxDelay, "multiplier", multiplier, "jitter", jitter,
						"maxAttempts", maxAttempts));
	}

}
