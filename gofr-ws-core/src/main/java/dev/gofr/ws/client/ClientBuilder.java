package dev.gofr.ws.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.InvalidSettingException;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.time.Ticker;
import io.github.resilience4j.retry.RetryRegistry;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@link ReconnectingClient.Builder}, each checked as it is set, and their
 * defaults, which are those of {@code gofr.ws.clients.<name>.*}. Only that builder extends it:
 * its public methods are the builder's.
 */
abstract class ClientBuilder {

	/** The largest incoming message by default, text or binary: 64 KiB, as on the server. */
	static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;

	final String name;

	final URI url;

	final Map<String, String> headers = new LinkedHashMap<>();

	@Nullable Supplier<Map<String, String>> headerSupplier;

	final List<String> subprotocols = new ArrayList<>();

	Duration connectTimeout = Duration.ofSeconds(10);

	HeartbeatSettings heartbeat = HeartbeatSettings.DEFAULTS;

	ReconnectSettings reconnect = ReconnectSettings.DEFAULTS;

	@Nullable ReconnectStrategy strategy;

	int maxBufferedMessages = 1000;

	int maxTextMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

	int maxBinaryMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

	boolean compression;

	@Nullable SSLContext sslContext;

	@Nullable RetryRegistry retryRegistry;

	ClientMessageHandler handler = (client, message) -> {
	};

	final List<ReconnectingClientListener> listeners = new ArrayList<>();

	@Nullable PayloadCodec codec;

	@Nullable WebSocketCoreClient webSocketClient;

	@Nullable ScheduledExecutorService scheduler;

	Ticker ticker = Ticker.system();

	ClientBuilder(String name, URI url) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("A client needs a name");
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("ws") && !scheme.equals("wss")) {
			throw new IllegalArgumentException("The url of client '" + name + "' must start with ws:// or wss://, was "
					+ url);
		}
		if (url.getHost() == null) {
			throw new IllegalArgumentException("The url of client '" + name + "' has no host: " + url);
		}
		this.name = name;
		this.url = url;
	}

	/**
	 * Add a request header to the handshake, such as {@code Authorization}. The WebSocket
	 * headers ({@code Sec-WebSocket-*}, {@code Connection}, {@code Upgrade}, {@code Host})
	 * are the client's own.
	 * @param name the header name
	 * @param value the value
	 * @return this builder
	 */
	public ReconnectingClient.Builder header(String name, String value) {
		this.headers.put(checkHeader(name), value);
		return self();
	}

	/**
	 * A header an application may set: not one of those the handshake sets itself.
	 * @return the name
	 * @throws IllegalArgumentException when it is one of those
	 */
	static String checkHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("sec-websocket-") || lower.equals("connection") || lower.equals("upgrade")
				|| lower.equals("host") || lower.equals("content-length")) {
			throw new IllegalArgumentException("The header '" + name + "' is set by the WebSocket handshake itself");
		}
		return name;
	}

	/**
	 * Add request headers to the handshake.
	 * @param headers the headers
	 * @return this builder
	 * @see #header(String, String)
	 */
	public ReconnectingClient.Builder headers(Map<String, String> headers) {
		headers.forEach(this::header);
		return self();
	}

	/**
	 * Headers made anew for each attempt, such as an {@code Authorization} header with an
	 * access token that may have been refreshed since the last one. They are added after the
	 * fixed {@link #header(String, String) headers}, whose value a header of the same name
	 * replaces. The supplier is called once per attempt, on a thread kept for header suppliers,
	 * so it may wait (for a token endpoint, say); the attempt's connect timeout counts that wait.
	 * When it throws, the attempt fails and the client tries again as after any failed attempt.
	 * @param headerSupplier the headers of one attempt
	 * @return this builder
	 */
	public ReconnectingClient.Builder headerSupplier(Supplier<Map<String, String>> headerSupplier) {
		this.headerSupplier = headerSupplier;
		return self();
	}

	/**
	 * The subprotocols to offer, in order of preference.
	 * @param subprotocols the subprotocols
	 * @return this builder
	 */
	public ReconnectingClient.Builder subprotocols(List<String> subprotocols) {
		this.subprotocols.clear();
		this.subprotocols.addAll(subprotocols);
		return self();
	}

	/**
	 * The longest one attempt may take, from the TCP connection to the end of the handshake;
	 * 10 seconds by default.
	 * @param connectTimeout the timeout; positive
	 * @return this builder
	 */
	public ReconnectingClient.Builder connectTimeout(Duration connectTimeout) {
		if (connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new InvalidSettingException("connectTimeout", connectTimeout, "must be positive");
		}
		this.connectTimeout = connectTimeout;
		return self();
	}

	/**
	 * The client-side heartbeat: a ping every {@code pingInterval}, and when nothing at all
	 * arrived from the server within {@code pongWait} the connection counts as dropped (4408)
	 * and the client reconnects. On, 30 s and 60 s, by default.
	 * @param heartbeat the settings; {@link HeartbeatSettings#OFF} for none
	 * @return this builder
	 */
	public ReconnectingClient.Builder heartbeat(HeartbeatSettings heartbeat) {
		this.heartbeat = heartbeat;
		return self();
	}

	/**
	 * When to try again; {@link ReconnectSettings#DEFAULTS} by default.
	 * @param reconnect the settings
	 * @return this builder
	 */
	public ReconnectingClient.Builder reconnect(ReconnectSettings reconnect) {
		this.reconnect = reconnect;
		return self();
	}

	/**
	 * Replace the exponential backoff of {@link #reconnect(ReconnectSettings)}; its attempt
	 * limit still applies.
	 * @param strategy the delays
	 * @return this builder
	 * @see ReconnectStrategy#of(io.github.resilience4j.core.IntervalBiFunction)
	 */
	public ReconnectingClient.Builder reconnectStrategy(ReconnectStrategy strategy) {
		this.strategy = strategy;
		return self();
	}

	/**
	 * The most sends that may wait to be written, while disconnected or while earlier ones
	 * are written; 1000 by default; 0 to buffer nothing.
	 * @param maxBufferedMessages the limit, in messages
	 * @return this builder
	 */
	public ReconnectingClient.Builder maxBufferedMessages(int maxBufferedMessages) {
		if (maxBufferedMessages < 0) {
			throw new InvalidSettingException("maxBufferedMessages", maxBufferedMessages, "must not be negative; 0 holds nothing");
		}
		this.maxBufferedMessages = maxBufferedMessages;
		return self();
	}

	/**
	 * The largest text message the server may send, in bytes of UTF-8; 64 KiB by default. A
	 * larger one closes the connection with 1009 (message too big), counted in
	 * {@link ReconnectingClient#oversizedMessages()}, and the client reconnects as after any drop.
	 * @param maxTextMessageSize the limit; positive
	 * @return this builder
	 */
	public ReconnectingClient.Builder maxTextMessageSize(int maxTextMessageSize) {
		if (maxTextMessageSize <= 0) {
			throw new InvalidSettingException("maxTextMessageSize", maxTextMessageSize, "must be positive");
		}
		this.maxTextMessageSize = maxTextMessageSize;
		return self();
	}

	/**
	 * The largest binary message the server may send; 64 KiB by default; see
	 * {@link #maxTextMessageSize(int)}.
	 * @param maxBinaryMessageSize the limit, in bytes; positive
	 * @return this builder
	 */
	public ReconnectingClient.Builder maxBinaryMessageSize(int maxBinaryMessageSize) {
		if (maxBinaryMessageSize <= 0) {
			throw new InvalidSettingException("maxBinaryMessageSize", maxBinaryMessageSize, "must be positive");
		}
		this.maxBinaryMessageSize = maxBinaryMessageSize;
		return self();
	}

	/**
	 * Offer permessage-deflate (RFC 7692) in the handshake; off by default. The server decides:
	 * {@link ReconnectingClient#extensions()} tells whether it took it.
	 * @param compression whether to offer it
	 * @return this builder
	 */
	public ReconnectingClient.Builder compression(boolean compression) {
		this.compression = compression;
		return self();
	}

	/**
	 * The TLS setup of {@code wss://} connections, such as one from a Spring Boot SSL bundle
	 * ({@code SslBundle.createSslContext()}); the JVM's default trust by default. The server's
	 * host name is checked against its certificate either way. A client with its own TLS setup has
	 * its own Jetty client, stopped when the client is {@link ReconnectingClient#close() closed}.
	 * @param sslContext the context
	 * @return this builder
	 */
	public ReconnectingClient.Builder sslContext(SSLContext sslContext) {
		this.sslContext = sslContext;
		return self();
	}

	/**
	 * Register the client's Resilience4j {@code Retry}, named {@code gofr-ws-client-<name>}, in
	 * this registry, so that what watches the registry (its Micrometer metrics, an Actuator
	 * endpoint) sees it; by default it belongs to no registry. A retry of the same name already
	 * there is replaced.
	 * @param retryRegistry the registry
	 * @return this builder
	 */
	public ReconnectingClient.Builder retryRegistry(RetryRegistry retryRegistry) {
		this.retryRegistry = retryRegistry;
		return self();
	}

	/**
	 * What to do with the messages the server sends; they are ignored by default.
	 * @param handler the handler
	 * @return this builder
	 */
	public ReconnectingClient.Builder onMessage(ClientMessageHandler handler) {
		this.handler = handler;
		return self();
	}

	/**
	 * Add a listener of the client's life.
	 * @param listener the listener
	 * @return this builder
	 */
	public ReconnectingClient.Builder listener(ReconnectingClientListener listener) {
		this.listeners.add(listener);
		return self();
	}

	/**
	 * Add listeners of the client's life.
	 * @param listeners the listeners, called in order
	 * @return this builder
	 */
	public ReconnectingClient.Builder listeners(List<? extends ReconnectingClientListener> listeners) {
		this.listeners.addAll(listeners);
		return self();
	}

	/**
	 * Call back on every connection that opens, the first and later ones.
	 * @param callback the callback
	 * @return this builder
	 * @see ReconnectingClientListener#connected
	 */
	public ReconnectingClient.Builder onConnected(Consumer<ReconnectingClient> callback) {
		return listener(new ReconnectingClientListener() {
			@Override
			public void connected(ReconnectingClient client) {
				callback.accept(client);
			}
		});
	}

	/**
	 * Call back when the connection ends.
	 * @param callback the callback, given the close code, reason and cause
	 * @return this builder
	 * @see ReconnectingClientListener#disconnected
	 */
	public ReconnectingClient.Builder onDisconnected(BiConsumer<ReconnectingClient, Disconnection> callback) {
		return listener(new ReconnectingClientListener() {
			@Override
			public void disconnected(ReconnectingClient client, Disconnection disconnection) {
				callback.accept(client, disconnection);
			}
		});
	}

	/**
	 * Call back when another attempt is scheduled.
	 * @param callback the callback, given the attempt number and the delay before it
	 * @return this builder
	 * @see ReconnectingClientListener#reconnecting
	 */
	public ReconnectingClient.Builder onReconnecting(BiConsumer<Integer, Duration> callback) {
		return listener(new ReconnectingClientListener() {
			@Override
			public void reconnecting(ReconnectingClient client, int attempt, Duration delay) {
				callback.accept(attempt, delay);
			}
		});
	}

	/**
	 * Call back when a connection opens again after a drop: re-join rooms or resubscribe
	 * here.
	 * @param callback the callback
	 * @return this builder
	 * @see ReconnectingClientListener#reconnected
	 */
	public ReconnectingClient.Builder onReconnected(Consumer<ReconnectingClient> callback) {
		return listener(new ReconnectingClientListener() {
			@Override
			public void reconnected(ReconnectingClient client) {
				callback.accept(client);
			}
		});
	}

	/**
	 * Call back when the client stops trying.
	 * @param callback the callback, given the last error
	 * @return this builder
	 * @see ReconnectingClientListener#gaveUp
	 */
	public ReconnectingClient.Builder onGaveUp(BiConsumer<ReconnectingClient, Throwable> callback) {
		return listener(new ReconnectingClientListener() {
			@Override
			public void gaveUp(ReconnectingClient client, Throwable lastError) {
				callback.accept(client, lastError);
			}
		});
	}

	/**
	 * The codec of {@link ReconnectingClient#sendJson} and {@link WsMessage#bind}; a default
	 * Jackson {@code JsonMapper} when Jackson is on the class path.
	 * @param codec the codec
	 * @return this builder
	 */
	public ReconnectingClient.Builder codec(PayloadCodec codec) {
		this.codec = codec;
		return self();
	}

	/**
	 * The Jetty WebSocket client to connect with, started, and stopped by its owner; by default
	 * one shared by every client without a TLS setup of its own.
	 * @param webSocketClient the client
	 * @return this builder
	 */
	public ReconnectingClient.Builder webSocketClient(WebSocketCoreClient webSocketClient) {
		this.webSocketClient = webSocketClient;
		return self();
	}

	/**
	 * Where attempts and heartbeat checks are scheduled; by default one thread shared by every
	 * client. Its tasks are short and never block.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public ReconnectingClient.Builder scheduler(ScheduledExecutorService scheduler) {
		this.scheduler = scheduler;
		return self();
	}

	/**
	 * The clock the heartbeat reads; {@link Ticker#system()} by default. A test gives a
	 * {@code ManualTicker} together with a {@link #scheduler(ScheduledExecutorService) scheduler}
	 * that it drives, and moves time instead of waiting for it.
	 * @param ticker the clock
	 * @return this builder
	 */
	public ReconnectingClient.Builder ticker(Ticker ticker) {
		this.ticker = ticker;
		return self();
	}

	private ReconnectingClient.Builder self() {
		return (ReconnectingClient.Builder) this;
	}

}
