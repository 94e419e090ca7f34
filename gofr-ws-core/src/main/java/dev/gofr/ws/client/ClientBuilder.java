package dev.gofr.ws.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.InvalidSettingException;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@link ReconnectingClient.Builder}, each checked as it is set, and their
 * defaults, which are those of {@code gofr.ws.clients.<name>.*}. Only that builder extends it:
 * its public methods are the builder's.
 */
abstract class ClientBuilder {

	final String name;

	final URI url;

	final Map<String, String> headers = new LinkedHashMap<>();

	final List<String> subprotocols = new ArrayList<>();

	Duration connectTimeout = Duration.ofSeconds(10);

	HeartbeatSettings heartbeat = HeartbeatSettings.DEFAULTS;

	ReconnectSettings reconnect = ReconnectSettings.DEFAULTS;

	@Nullable ReconnectStrategy strategy;

	int maxBufferedMessages = 1000;

	ClientMessageHandler handler = (client, message) -> {
	};

	final List<ReconnectingClientListener> listeners = new ArrayList<>();

	@Nullable PayloadCodec codec;

	@Nullable HttpClient httpClient;

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
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("sec-websocket-") || lower.equals("connection") || lower.equals("upgrade")
				|| lower.equals("host") || lower.equals("content-length")) {
			throw new IllegalArgumentException("The header '" + name + "' is set by the WebSocket handshake itself");
		}
		this.headers.put(name, value);
		return self();
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
	 * The HTTP client to connect with; by default one shared by every client.
	 * @param httpClient the client
	 * @return this builder
	 */
	public ReconnectingClient.Builder httpClient(HttpClient httpClient) {
		this.httpClient = httpClient;
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
