package dev.gofr.ws.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.registry.SessionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.time.ManualTicker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ServerConnection}: its close (what goes on the wire and what is recorded) and
 * its heartbeat, through a {@link ServerEndpoint} over a hand-written session whose close the test
 * holds and releases, on a {@link ManualTicker} the tests move.
 */
class ServerConnectionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<String> closed = new CopyOnWriteArrayList<>();

	private final List<String> pinged = new CopyOnWriteArrayList<>();

	private final ManualTicker ticker = new ManualTicker();

	private final WsServer server = new WsServer(new SessionRegistry(), new Rooms(), new JacksonPayloadCodec(),
			new JsonErrorFrameFormat(), List.of(new ConnectionListener() {

				@Override
				public void closed(WsConnection connection, CloseStatus status) {
					ServerConnectionTests.this.closed.add(status.getCode() + " " + status.getReason());
				}

			}), List.of(new HeartbeatListener() {

				@Override
				public void pingSent(WsConnection connection) {
					ServerConnectionTests.this.pinged.add(connection.id());
				}

			}), 1, false, this.ticker);

	private final ServerEndpoint endpoint = new ServerEndpoint(WsRoute.of("/ws/test", (connection, message) -> null),
			"test", EndpointSettings.DEFAULTS, this.server);

	@AfterEach
	void stop() {
		this.server.close();
	}

	private ServerConnection open(HeldSession session) {
		this.endpoint.afterConnectionEstablished(session);
		return this.server.registry()
			.connections()
			.stream()
			.map(ServerConnection.class::cast)
			.filter((connection) -> connection.session() == session)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aCutOffWhileTheCloseFrameIsBeingWrittenNeitherWritesAnotherNorChangesTheRecord() throws Exception {
		HeldSession session = new HeldSession(this.endpoint);
		ServerConnection connection = open(session);
		connection.close(1000, "bye");
		assertThat(session.closing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// the 1000 is on its way out; the sweeper, say, now cuts the connection off
		assertThat(connection.cutOff(4408, "Heartbeat timeout")).isTrue();
		session.release.countDown();
		await().atMost(WAIT).until(() -> this.closed.size() == 1);
		assertThat(session.closes).containsExactly("1000 bye");
		assertThat(this.closed).containsExactly("1000 bye");
	}

	@Test
	void aCutOffBeforeTheQueuedCloseIsReachedIsTheCloseThatIsWrittenAndRecorded() {
		HeldSession session = new HeldSession(this.endpoint);
		session.release.countDown();
		ServerConnection connection = open(session);
		session.holdWrites();
		connection.sendText("stuck");
		connection.close(1000, "bye"); // queued behind the stuck write
		assertThat(connection.cutOff(1013, "Send timeout")).isTrue();
		await().atMost(WAIT).until(() -> this.closed.size() == 1);
		assertThat(session.closes).containsExactly("1013 Send timeout");
		assertThat(this.closed).containsExactly("1013 Send timeout");
	}

	@Test
	void theHeartbeatPingsAConnectionSilentForAWholeIntervalAndNotOneThatSentSomething() {
		Duration interval = EndpointSettings.DEFAULTS.heartbeat().pingInterval();
		HeldSession silent = new HeldSession(this.endpoint);
		ServerConnection quiet = open(silent);
		HeldSession chatty = new HeldSession(this.endpoint);
		ServerConnection talking = open(chatty);
		this.ticker.advance(interval.minusMillis(1));
		talking.touch(); // a message came in: it is alive
		this.ticker.advance(Duration.ofMillis(1));
		sweep(quiet, talking); // an interval after both opened: only the silent one is pinged
		assertThat(this.pinged).containsExactly(quiet.id());
		await().atMost(WAIT).until(() -> pings(silent) == 1 && quiet.queue().inFlightSince() == 0);

		this.ticker.advance(interval.minusMillis(2));
		sweep(quiet, talking); // the one pinged, and the one heard from, a moment less than an interval ago
		assertThat(this.pinged).containsExactly(quiet.id());
		this.ticker.advance(Duration.ofMillis(1));
		sweep(quiet, talking); // an interval since the talking one was heard from
		assertThat(this.pinged).containsExactly(quiet.id(), talking.id());
		await().atMost(WAIT).until(() -> pings(chatty) == 1);
		assertThat(pings(silent)).isOne();
	}

	@Test
	void aPongToTheHeartbeatsPingMeasuresTheRoundTripOnTheTicker() {
		List<Duration> roundTrips = new CopyOnWriteArrayList<>();
		WsServer server = new WsServer(new SessionRegistry(), new Rooms(), new JacksonPayloadCodec(),
				new JsonErrorFrameFormat(), List.of(), List.of(new HeartbeatListener() {

					@Override
					public void pongReceived(WsConnection connection, byte[] payload, @Nullable Duration roundTrip) {
						roundTrips.add(roundTrip);
					}

				}), 1, false, this.ticker);
		try {
			ServerEndpoint endpoint = new ServerEndpoint(WsRoute.of("/ws/test", (connection, message) -> null), "test",
					EndpointSettings.DEFAULTS, server);
			HeldSession session = new HeldSession(endpoint);
			endpoint.afterConnectionEstablished(session);
			ServerConnection connection = (ServerConnection) server.registry().connections().iterator().next();
			this.ticker.advance(EndpointSettings.DEFAULTS.heartbeat().pingInterval());
			connection.sweep(this.ticker.nanos());
			await().atMost(WAIT).until(() -> pings(session) == 1);
			PingMessage ping = (PingMessage) session.sent.stream().filter(PingMessage.class::isInstance).findFirst()
				.orElseThrow();
			this.ticker.advance(Duration.ofMillis(250));
			endpoint.handleMessage(session, new PongMessage(ping.getPayload()));
			endpoint.handleMessage(session, new PongMessage(ByteBuffer.wrap("app".getBytes())));
			assertThat(roundTrips).containsExactly(Duration.ofMillis(250), null); // the application's own: no round trip
		}
		finally {
			server.close();
		}
	}

	private void sweep(ServerConnection... connections) {
		for (ServerConnection connection : connections) {
			connection.sweep(this.ticker.nanos());
		}
	}

	private static long pings(HeldSession session) {
		return session.sent.stream().filter(PingMessage.class::isInstance).count();
	}

	/**
	 * A session whose close waits until released, then reports the end as a container would.
	 */
	static final class HeldSession implements WebSocketSession {

		final CountDownLatch closing = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> closes = new CopyOnWriteArrayList<>();

		final List<WebSocketMessage<?>> sent = new CopyOnWriteArrayList<>();

		private final ServerEndpoint endpoint;

		private final Map<String, Object> attributes = new ConcurrentHashMap<>();

		private volatile boolean open = true;

		private volatile boolean holdWrites;

		private boolean closeStarted;

		private final CountDownLatch writesReleased = new CountDownLatch(1);

		HeldSession(ServerEndpoint endpoint) {
			this.endpoint = endpoint;
		}

		void holdWrites() {
			this.holdWrites = true;
		}

		/** The socket is gone, and the container never says so. */
		void vanish() {
			this.open = false;
		}

		@Override
		public String getId() {
			return "held";
		}

		@Override
		public URI getUri() {
			return URI.create("ws://localhost/ws/test");
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public @Nullable Principal getPrincipal() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public @Nullable String getAcceptedProtocol() {
			return null;
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getTextMessageSizeLimit() {
			return Integer.MAX_VALUE;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return Integer.MAX_VALUE;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			this.sent.add(message);
			if (this.holdWrites) {
				try {
					this.writesReleased.await(WAIT.toSeconds(), TimeUnit.SECONDS); // a peer that stopped reading
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new IOException("closed while writing");
			}
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public void close() {
			close(CloseStatus.NORMAL);
		}

		@Override
		public void close(CloseStatus status) {
			synchronized (this) {
				if (this.closeStarted) {
					return; // as containers do: once a close has begun, another is ignored
				}
				this.closeStarted = true;
			}
			this.closes.add(status.getCode() + " " + status.getReason());
			this.closing.countDown();
			try {
				this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.open = false;
			this.writesReleased.countDown();
			this.endpoint.afterConnectionClosed(this, status);
		}

	}

}
