package dev.gofr.ws.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.gofr.ws.client.ReconnectSettings;
import dev.gofr.ws.client.ReconnectStrategy;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClientListener;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.time.Ticker;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.ClassUtils;

/**
 * Turns {@code gofr.ws.clients.<name>} into a {@link ReconnectingClient}, failing at startup on
 * values out of range, and on an SSL bundle or OAuth 2.0 client registration that cannot be had,
 * with an error that names the property.
 */
final class ClientFactory {

	private final BeanFactory beans;

	private final List<ReconnectingClientCustomizer> customizers;

	private final List<ReconnectingClientListener> listeners;

	private final @Nullable ReconnectStrategy strategy;

	private final @Nullable PayloadCodec codec;

	private final Ticker ticker;

	private final @Nullable RetryRegistry retryRegistry;

	/**
	 * A factory with the application's beans: customizers and listeners, in order; a reconnect
	 * strategy, codec, ticker and Resilience4j retry registry when it has one of each; SSL bundles
	 * and OAuth 2.0 client registrations when a client names one.
	 */
	ClientFactory(BeanFactory beans) {
		this.beans = beans;
		this.customizers = beans.getBeanProvider(ReconnectingClientCustomizer.class).orderedStream().toList();
		this.listeners = beans.getBeanProvider(ReconnectingClientListener.class).orderedStream().toList();
		this.strategy = beans.getBeanProvider(ReconnectStrategy.class).getIfUnique();
		this.codec = beans.getBeanProvider(PayloadCodec.class).getIfUnique();
		this.ticker = beans.getBeanProvider(Ticker.class).getIfUnique(Ticker::system);
		this.retryRegistry = beans.getBeanProvider(RetryRegistry.class).getIfUnique();
	}

	ReconnectingClient create(String name, @Nullable ClientProperties properties) {
		String prefix = "gofr.ws.clients." + name;
		if (properties == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".url", null,
					"A client needs the server's ws:// or wss:// address.");
		}
		Setting<Duration> connectTimeout = Setting.of(prefix + ".connect-timeout", properties.getConnectTimeout());
		Setting<Integer> maxMessages = Setting.of(prefix + ".buffer.max-messages", properties.getBuffer().getMaxMessages());
		Setting<Integer> maxText = Setting.messageSize(prefix + ".max-text-message-size",
				properties.getMaxTextMessageSize());
		Setting<Integer> maxBinary = Setting.messageSize(prefix + ".max-binary-message-size",
				properties.getMaxBinaryMessageSize());
		ReconnectingClient.Builder builder = Setting.check(
				() -> ReconnectingClient.builder(name, url(prefix + ".url", properties.getUrl()))
					.connectTimeout(connectTimeout.value())
					.maxBufferedMessages(maxMessages.value())
					.maxTextMessageSize(maxText.value())
					.maxBinaryMessageSize(maxBinary.value()),
				Map.of("connectTimeout", connectTimeout, "maxBufferedMessages", maxMessages, "maxTextMessageSize",
						maxText, "maxBinaryMessageSize", maxBinary))
			.subprotocols(properties.getSubprotocols())
			.heartbeat(heartbeat(prefix + ".heartbeat", properties.getHeartbeat()))
			.reconnect(reconnect(prefix + ".reconnect", properties.getReconnect()))
			.compression(properties.getCompression().isEnabled())
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
		if (this.retryRegistry != null) {
			builder.retryRegistry(this.retryRegistry);
		}
		String bundle = properties.getSsl().getBundle();
		if (bundle != null && !bundle.isBlank()) {
			builder.sslContext(sslBundle(prefix + ".ssl.bundle", bundle).createSslContext());
		}
		String registrationId = properties.getOauth2().getClientRegistrationId();
		if (registrationId != null && !registrationId.isBlank()) {
			builder.headerSupplier(bearerTokens(prefix + ".oauth2.client-registration-id", registrationId, name));
		}
		this.customizers.forEach((customizer) -> customizer.customize(name, builder));
		return builder.build();
	}

	/**
	 * One of the application's SSL bundles, by name.
	 */
	private SslBundle sslBundle(String property, String bundle) {
		SslBundles bundles = this.beans.getBeanProvider(SslBundles.class).getIfAvailable();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(property, bundle,
					"The application has no SslBundles: Spring Boot's SslAutoConfiguration provides them.");
		}
		try {
			return bundles.getBundle(bundle);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, bundle,
					"No SSL bundle of that name: declare it under spring.ssl.bundle.jks." + bundle
							+ " or spring.ssl.bundle.pem." + bundle + ".");
		}
	}

	/**
	 * The headers of a client that authenticates with an OAuth 2.0 access token, with Spring
	 * Security's OAuth 2.0 client, which is optional.
	 */
	private Supplier<Map<String, String>> bearerTokens(String property, String registrationId,
			String name) {
		ClassLoader classLoader = (this.beans instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null; // the application's, as conditions see it
		if (!ClassUtils.isPresent(OAuth2ClientCredentials.MANAGER, classLoader)) {
			throw new InvalidConfigurationPropertyValueException(property, registrationId,
					"Spring Security's OAuth 2.0 client is not on the class path: add "
							+ "org.springframework.boot:spring-boot-starter-security-oauth2-client.");
		}
		return OAuth2ClientCredentials.headers(this.beans, property, registrationId, name);
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
