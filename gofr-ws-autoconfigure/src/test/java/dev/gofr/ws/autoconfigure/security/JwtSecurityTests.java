package dev.gofr.ws.autoconfigure.security;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.gofr.ws.autoconfigure.ManualTimeConfiguration;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.server.ConnectionSweeper;
import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.time.ManualTicker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Spring Security end to end with a real resource server: the JDK's WebSocket client sends a JWT
 * at the handshake, signed by the tests' own key; method security sees the user in handlers and
 * controllers; the message rules refuse a type the user may not send; the connection closes when
 * the token expires, on a {@link ManualTicker} that the test moves (the token's {@code exp} is
 * read against the wall clock once, when the connection opens), and lives on when the client
 * authenticates again with a fresh token.
 */
// time moves in jumps of minutes here: the heartbeat, which would give up on the clients, is off
@GofrWsTest(classes = JwtApplication.class, properties = "gofr.ws.heartbeat.enabled=false")
@Import(ManualTimeConfiguration.class)
@EnabledIf("dev.gofr.ws.autoconfigure.security.BootSecurity#isAutoConfigured")
class JwtSecurityTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	WsClients clients;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	ConnectionSweeper sweeper;

	@Autowired
	ManualTicker ticker;

	@Autowired
	SimpleMeterRegistry meters;

	@AfterEach
	void closeClients() {
		this.clients.close();
		soon().until(() -> this.registry.count() == 0);
	}

	private static ConditionFactory soon() {
		return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

	private WsTestClient connect(String route, Tokens.Token token) {
		return this.clients.to(route).header("Authorization", token.bearer()).connect();
	}

	/** A client, and its connection once the server has opened it. */
	private WsConnection opened(String route, Runnable connect) {
		Set<String> known = this.registry.connections(route).stream().map(WsConnection::id).collect(Collectors.toSet());
		connect.run();
		return soon().until(() -> this.registry.connections(route)
			.stream()
			.filter((connection) -> !known.contains(connection.id()) && connection.isOpen())
			.findFirst(), Optional::isPresent).orElseThrow();
	}

	@Test
	void aHandshakeWithoutAValidTokenIsRefusedBySpringSecurity() {
		assertThatExceptionOfType(WsTestClient.HandshakeFailedException.class)
			.isThrownBy(() -> this.clients.connect("chat"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		assertThatExceptionOfType(WsTestClient.HandshakeFailedException.class)
			.isThrownBy(() -> this.clients.to("chat").header("Authorization", "Bearer not-a-jwt").connect())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
	}

	@Test
	void aBrowsersTokenOfferedAsASubprotocolAuthenticatesTheHandshake() throws Exception {
		Tokens.Token token = Tokens.issue("dora", Duration.ofMinutes(5));
		BlockingQueue<String> texts = new LinkedBlockingQueue<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("access_token", token.value())
			.buildAsync(this.clients.uri("chat"), new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					texts.add(data.toString());
					webSocket.request(1);
					return null;
				}

			})
			.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		try {
			assertThat(socket.getSubprotocol()).isEqualTo("access_token");
			socket.sendText("{\"type\":\"say\"}", true);
			assertThat(texts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("said by dora");
		}
		finally {
			socket.abort();
		}
	}

	@Test
	void aPreAuthorizeServiceCalledFromAHandlerSeesTheUser() {
		try (WsTestClient alice = connect("chat", Tokens.issue("alice", Duration.ofMinutes(5), "greet"));
				WsTestClient bob = connect("chat", Tokens.issue("bob", Duration.ofMinutes(5)))) {
			alice.sendText("{\"type\":\"greet\"}");
			assertThat(alice.awaitText()).isEqualTo("hello alice");
			bob.sendText("{\"type\":\"greet\"}");
			assertThat(bob.awaitText()).isEqualTo("{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"Access denied\"}");
			bob.sendText("{\"type\":\"say\"}");
			assertThat(bob.awaitText()).isEqualTo("said by bob");
		}
	}

	@Test
	void aMessageTypeTheUserMayNotSendGetsForbiddenAndIsCounted() {
		double before = forbidden();
		try (WsTestClient alice = connect("chat", Tokens.issue("alice", Duration.ofMinutes(5)));
				WsTestClient carol = connect("chat", Tokens.issue("carol", Duration.ofMinutes(5), "broadcast"))) {
			alice.sendText("{\"type\":\"broadcast\",\"text\":\"hi\"}");
			assertThat(alice.awaitText()).isEqualTo("{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"Access denied\"}");
			alice.sendText("{\"type\":\"say\",\"text\":\"hi\"}");
			assertThat(alice.awaitText()).isEqualTo("said by alice");
			carol.sendText("{\"type\":\"broadcast\",\"text\":\"hi\"}");
			assertThat(carol.awaitText()).isEqualTo("broadcast by carol");
		}
		assertThat(forbidden()).isEqualTo(before + 1);
	}

	@Test
	void theRulesReadAControllersTypesFromItsDiscriminatorAndItsPreAuthorizeMethodsSeeTheUser() {
		try (WsTestClient alice = connect("secure", Tokens.issue("alice", Duration.ofMinutes(5)));
				WsTestClient admin = connect("secure", Tokens.issue("root", Duration.ofMinutes(5), "admin", "broadcast"))) {
			alice.sendText("{\"op\":\"broadcast\"}");
			assertThat(alice.awaitText()).contains("\"code\":\"FORBIDDEN\"");
			alice.sendText("{\"op\":\"admin\"}");
			assertThat(alice.awaitText()).contains("\"code\":\"FORBIDDEN\"");
			admin.sendText("{\"op\":\"admin\"}");
			assertThat(admin.awaitText()).isEqualTo("admin by root");
			admin.sendText("{\"op\":\"broadcast\"}");
			assertThat(admin.awaitText()).isEqualTo("broadcast by root");
		}
	}

	@Test
	void aConnectionClosesWith1008WhenItsTokenExpires() {
		Tokens.Token token = Tokens.issue("alice", Duration.ofSeconds(2));
		Instant before = Instant.now();
		WsTestClient[] client = new WsTestClient[1];
		opened("chat", () -> client[0] = connect("chat", token));
		Instant after = Instant.now();
		long startNanos = this.ticker.nanos();
		// the connection read the exp against the wall clock while it opened, between before and after
		sweepAt(startNanos, Duration.between(after, token.expiresAt()).minusMillis(50));
		client[0].sendText("{\"type\":\"say\"}");
		assertThat(client[0].awaitText()).isEqualTo("said by alice");
		sweepAt(startNanos, Duration.between(before, token.expiresAt()));
		Frame.Close close = client[0].awaitClose();
		assertThat(close.code()).isEqualTo(1008);
		assertThat(close.reason()).isEqualTo("Credentials expired");
	}

	@Test
	void authenticatingAgainWithAFreshTokenExtendsTheLife() {
		Tokens.Token first = Tokens.issue("alice", Duration.ofSeconds(2));
		Tokens.Token fresh = Tokens.issue("alice", Duration.ofMinutes(2));
		Instant before = Instant.now();
		WsTestClient[] client = new WsTestClient[1];
		WsConnection connection = opened("secure", () -> client[0] = connect("secure", first));
		long startNanos = this.ticker.nanos();
		client[0].sendText("{\"op\":\"auth\",\"token\":\"" + fresh.value() + "\"}");
		assertThat(client[0].awaitText()).isEqualTo("authenticated as alice");
		sweepAt(startNanos, Duration.between(before, first.expiresAt()).plusSeconds(5));
		client[0].sendText("{\"op\":\"whoami\"}");
		assertThat(client[0].awaitText()).isEqualTo("token " + fresh.id());
		assertThat(connection.principal().getName()).isEqualTo("alice");
		// the fresh exp was read against the wall clock after before, while the ticker stood at the start
		sweepAt(startNanos, Duration.between(before, fresh.expiresAt()));
		assertThat(client[0].awaitClose().reason()).isEqualTo("Credentials expired");
	}

	@Test
	void aTokenThatDoesNotValidateIsUnauthorizedAndTheConnectionLivesOn() {
		try (WsTestClient alice = connect("secure", Tokens.issue("alice", Duration.ofMinutes(5)))) {
			alice.sendText("{\"op\":\"auth\",\"token\":\"forged\"}");
			assertThat(alice.awaitText())
				.isEqualTo("{\"type\":\"error\",\"code\":\"UNAUTHORIZED\",\"message\":\"Not authenticated\"}");
			alice.sendText("{\"op\":\"whoami\"}");
			assertThat(alice.awaitText()).startsWith("token ");
		}
	}

	/**
	 * Move the node's time to a point after the start, and sweep, once the frames already written
	 * have left for the peer's socket, as they would have long before in real time.
	 */
	private void sweepAt(long startNanos, Duration sinceStart) {
		soon().until(() -> this.registry.connections().stream().allMatch((c) -> c.info().bytesQueued() == 0));
		long target = startNanos + sinceStart.toNanos();
		if (target > this.ticker.nanos()) {
			this.ticker.advance(Duration.ofNanos(target - this.ticker.nanos()));
		}
		this.sweeper.sweep();
	}

	private double forbidden() {
		return this.meters.find("gofr.ws.errors")
			.tags("endpoint", "chat", "code", "FORBIDDEN")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
