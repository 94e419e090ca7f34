package dev.gofr.ws.autoconfigure;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;

import static org.awaitility.Awaitility.await;

/**
 * Java-WebSocket's server as the upstream of the reconnecting clients under test: it greets each
 * connection with {@code welcome}, and records the {@code Authorization} header of each handshake,
 * the texts it hears, the pings and the close codes. Over TLS, it presents the self-signed
 * certificate of {@code tls/server.p12} (for {@code localhost} and {@code 127.0.0.1}), which
 * {@code tls/truststore.p12} trusts; both have the password {@code secret}.
 */
public final class Upstream extends WebSocketServer {

	/** The password of the test key stores. */
	public static final String PASSWORD = "secret";

	/** The {@code Authorization} header of each handshake, in order; empty when there was none. */
	public final List<String> authorizations = new CopyOnWriteArrayList<>();

	/** The close code of each connection that ended. */
	public final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

	/** The texts heard. */
	public final List<String> received = new CopyOnWriteArrayList<>();

	/** The pings heard. */
	public final AtomicInteger pings = new AtomicInteger();

	private final boolean tls;

	private Upstream(boolean tls) {
		super(new InetSocketAddress("127.0.0.1", 0));
		this.tls = tls;
		setReuseAddr(true);
	}

	/**
	 * A plain {@code ws://} upstream, started.
	 * @return the upstream
	 */
	public static Upstream listening() {
		return start(new Upstream(false));
	}

	/**
	 * A {@code wss://} upstream with the certificate of {@code tls/server.p12}, started.
	 * @return the upstream
	 * @throws Exception when the key store cannot be read
	 */
	public static Upstream listeningWithTls() throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Upstream.class.getResourceAsStream("/tls/server.p12")) {
			keys.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		Upstream upstream = new Upstream(true);
		upstream.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(context));
		return start(upstream);
	}

	private static Upstream start(Upstream upstream) {
		upstream.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.getPort() != 0);
		return upstream;
	}

	/**
	 * The address to connect to: {@code 127.0.0.1}, which the certificate names too.
	 * @return the {@code ws://} or {@code wss://} URL
	 */
	public String url() {
		return (this.tls ? "wss" : "ws") + "://127.0.0.1:" + getPort() + "/";
	}

	/**
	 * Close every connection with 1001, as a server going away does.
	 */
	public void dropAll() {
		getConnections().forEach((connection) -> connection.close(1001, "going away"));
	}

	@Override
	public void onOpen(WebSocket conn, ClientHandshake handshake) {
		this.authorizations.add(handshake.hasFieldValue("Authorization") ? handshake.getFieldValue("Authorization") : "");
		conn.send("welcome");
	}

	@Override
	public void onClose(WebSocket conn, int code, String reason, boolean remote) {
		this.closeCodes.add(code);
	}

	@Override
	public void onMessage(WebSocket conn, String message) {
		this.received.add(message);
	}

	@Override
	public void onWebsocketPing(WebSocket conn, Framedata ping) {
		this.pings.incrementAndGet();
		super.onWebsocketPing(conn, ping);
	}

	@Override
	public void onError(WebSocket conn, Exception ex) {
	}

	@Override
	public void onStart() {
	}

}
