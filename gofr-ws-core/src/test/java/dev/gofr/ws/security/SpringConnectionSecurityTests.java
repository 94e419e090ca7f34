package dev.gofr.ws.security;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.observation.MessageObservationInterceptor;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.ConnectionSweeper;
import dev.gofr.ws.server.HandlerExecution;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import dev.gofr.ws.time.ManualTicker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SpringConnectionSecurity}: connections of a node that has it, their events,
 * their credentials' expiry on the node's ticker, and the HTTP session logins they were opened
 * under.
 */
class SpringConnectionSecurityTests {

	private static final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private final ManualTicker ticker = new ManualTicker();

	private final long startNanos = this.ticker.nanos();

	/** The wall clock: {@link #START} when the test starts, then moving with the ticker. */
	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			SpringConnectionSecurityTests test = SpringConnectionSecurityTests.this;
			return START.plusNanos(test.ticker.nanos() - test.startNanos);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	/** When each user's credentials expire, by name; none for a name not listed. */
	private final Map<String, Instant> expiries = new java.util.concurrent.ConcurrentHashMap<>();

	private final List<String> seen = new CopyOnWriteArrayList<>();

	@AfterEach
	void noContextIsLeftOnTheTestThread() {
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
		SecurityContextHolder.clearContext();
	}

	private SpringConnectionSecurity.Builder security() {
		return SpringConnectionSecurity.builder(this.ticker)
			.clock(this.clock)
			.credentialExpiry(List.of((authentication) -> this.expiries.get(authentication.getName())));
	}

	private static Authentication user(String name, String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated(name, "secret",
				AuthorityUtils.createAuthorityList(authorities));
	}

	/** A handler that notes who each event ran as. */
	private final WsHandler recording = new WsHandler() {

		@Override
		public void onOpen(WsConnection connection) {
			SpringConnectionSecurityTests.this.seen.add("open as " + current());
		}

		@Override
		public @Nullable Object onMessage(WsConnection connection, WsMessage message) {
			if (message.text().startsWith("become ")) {
				connection.authenticate(user(message.text().substring(7)));
			}
			SpringConnectionSecurityTests.this.seen.add(message.text() + " as " + current());
			return null;
		}

		@Override
		public void onClose(WsConnection connection, CloseStatus status) {
			SpringConnectionSecurityTests.this.seen.add("close as " + current());
		}

	};

	private static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "nobody";
	}

	private TestSocket open(TestNode node, @Nullable Principal principal) {
		return openOver(node, new TestSocket(principal));
	}

	private TestSocket openOver(TestNode node, TestSocket socket) {
		return node.open("secured", this.recording, socket);
	}

	private static void send(TestSocket socket, String text) {
		socket.connection().receive(WsMessage.text(text, codec));
	}

	@Test
	void everyEventOfAConnectionRunsWithItsAuthenticationInTheHolderAndTheThreadIsLeftAsItWas() {
		TestNode node = new TestNode(security().build(), this.ticker);
		TestSocket alice = open(node, user("alice"));
		send(alice, "hi");
		assertThat(current()).isEqualTo("nobody");
		alice.connection().close();
		assertThat(this.seen).containsExactly("open as alice", "hi as alice", "close as alice");
	}

	@Test
	void aThreadThatRanAsSomeoneElseGetsItsOwnContextBack() {
		TestNode node = new TestNode(security().build(), this.ticker);
		TestSocket alice = open(node, user("alice"));
		SecurityContextHolder.setContext(new SecurityContextImpl(user("operator")));
		try {
			send(alice, "hi");
			assertThat(current()).isEqualTo("operator");
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		assertThat(this.seen).contains("hi as alice");
	}

	@Test
	void anAnonymousConnectionAndAPrincipalThatIsNoAuthenticationRunWithoutAContext() {
		TestNode node = new TestNode(security().build(), this.ticker);
		send(open(node, null), "anonymous");
		TestSocket container = open(node, () -> "dave");
		send(container, "container");
		assertThat(this.seen).contains("anonymous as nobody", "container as nobody");
		assertThat(container.connection().principal().getName()).isEqualTo("dave");
	}

	@Test
	void theSecurityContextIsMadeOnceForAConnection() {
		TestNode node = new TestNode(security().build(), this.ticker);
		List<Object> contexts = new CopyOnWriteArrayList<>();
		TestSocket socket = node.open("secured", (connection, message) -> {
			contexts.add(SecurityContextHolder.getContext());
			return null;
		}, new TestSocket(user("alice")));
		send(socket, "one");
		send(socket, "two");
		assertThat(contexts).hasSize(2);
		assertThat(contexts.get(0)).isSameAs(contexts.get(1));
	}

	@Test
	void aConnectionClosesWith1008AtTheFirstSweepAfterItsCredentialsExpire() {
		TestNode node = new TestNode(security().build(), this.ticker);
		this.expiries.put("alice", START.plusSeconds(2));
		TestSocket alice = open(node, user("alice"));
		ConnectionSweeper sweeper = new ConnectionSweeper(node.services(), Duration.ofSeconds(1));
		this.ticker.advance(Duration.ofMillis(1999));
		sweeper.sweep();
		assertThat(alice.connection().isOpen()).isTrue();
		this.ticker.advance(Duration.ofMillis(1));
		sweeper.sweep();
		assertThat(alice.closedWith()).isEqualTo("1008 Credentials expired");
	}

	@Test
	void credentialsExpiredAtTheHandshakeCloseAtTheFirstSweep() {
		TestNode node = new TestNode(security().build(), this.ticker);
		this.expiries.put("alice", START.minusSeconds(30)); // a token a resource server's clock skew let in
		TestSocket alice = open(node, user("alice"));
		new ConnectionSweeper(node.services(), Duration.ofSeconds(1)).sweep();
		assertThat(alice.closedWith()).isEqualTo("1008 Credentials expired");
	}

	@Test
	void theEarliestExpiryOfAllStrategiesCounts() {
		SpringConnectionSecurity security = security()
			.credentialExpiry(List.of((authentication) -> START.plusSeconds(1), (authentication) -> null))
			.build();
		this.expiries.put("alice", START.plusSeconds(5));
		TestNode node = new TestNode(security, this.ticker);
		TestSocket alice = open(node, user("alice"));
		this.ticker.advance(Duration.ofSeconds(1));
		new ConnectionSweeper(node.services(), Duration.ofSeconds(1)).sweep();
		assertThat(alice.closedWith()).isEqualTo("1008 Credentials expired");
	}

	@Test
	void withoutClosingOnExpiryAConnectionOutlivesItsCredentials() {
		TestNode node = new TestNode(security().closeOnExpiry(false).build(), this.ticker);
		this.expiries.put("alice", START.plusSeconds(2));
		TestSocket alice = open(node, user("alice"));
		this.ticker.advance(Duration.ofSeconds(50)); // within the heartbeat's pong wait
		new ConnectionSweeper(node.services(), Duration.ofSeconds(1)).sweep();
		assertThat(alice.connection().isOpen()).isTrue();
	}

	@Test
	void authenticatingAgainReplacesTheUserForTheRestOfTheMessageAndAfterAndExtendsTheLife() {
		TestNode node = new TestNode(security().build(), this.ticker);
		this.expiries.put("alice", START.plusSeconds(2));
		this.expiries.put("alice2", START.plusSeconds(21));
		TestSocket alice = open(node, user("alice"));
		ConnectionSweeper sweeper = new ConnectionSweeper(node.services(), Duration.ofSeconds(1));
		this.ticker.advance(Duration.ofSeconds(1));
		send(alice, "become alice2");
		send(alice, "next");
		this.ticker.advance(Duration.ofSeconds(10));
		sweeper.sweep();
		assertThat(alice.connection().isOpen()).isTrue();
		assertThat(alice.connection().principal().getName()).isEqualTo("alice2");
		assertThat(alice.connection().info().principal().getName()).isEqualTo("alice2");
		assertThat(this.seen).containsSubsequence("become alice2 as alice2", "next as alice2");
		this.ticker.advance(Duration.ofSeconds(10));
		sweeper.sweep();
		assertThat(alice.closedWith()).isEqualTo("1008 Credentials expired");
	}

	@Test
	void anAnonymousConnectionCanBeAuthenticatedInBand() {
		TestNode node = new TestNode(security().build(), this.ticker);
		TestSocket socket = open(node, null);
		send(socket, "before");
		send(socket, "become bob");
		send(socket, "after");
		assertThat(this.seen).containsSubsequence("before as nobody", "become bob as nobody", "after as bob");
		assertThat(socket.connection().principal().getName()).isEqualTo("bob");
	}

	@Test
	void aConnectionOpenedUnderASessionLoginClosesWhenTheSessionIsInvalidated() {
		TestNode node = new TestNode(security().build(), this.ticker);
		Authentication alice = user("alice");
		MockHttpSession session = loggedIn(alice);
		TestSocket socket = openOver(node, handshake(alice, session));
		assertThat(socket.attributes()).isEmpty(); // taken by the connection
		ConnectionSweeper sweeper = new ConnectionSweeper(node.services(), Duration.ofSeconds(1));
		sweeper.sweep();
		assertThat(socket.connection().isOpen()).isTrue();
		session.invalidate();
		sweeper.sweep();
		assertThat(socket.closedWith()).isEqualTo("1008 Session ended");
	}

	@Test
	void aConnectionOpenedUnderASessionLoginClosesWhenTheLoginLeavesTheSession() {
		TestNode node = new TestNode(security().build(), this.ticker);
		Authentication alice = user("alice");
		MockHttpSession session = loggedIn(alice);
		TestSocket socket = openOver(node, handshake(alice, session));
		session.removeAttribute(SpringConnectionSecurity.DEFAULT_SESSION_ATTRIBUTE); // logout that keeps the session
		new ConnectionSweeper(node.services(), Duration.ofSeconds(1)).sweep();
		assertThat(socket.closedWith()).isEqualTo("1008 Session ended");
	}

	@Test
	void aSessionWithoutTheLoginOfTheUserIsNotWatched() {
		TestNode node = new TestNode(security().build(), this.ticker);
		MockHttpSession session = new MockHttpSession(); // a session, but the user came with a token
		TestSocket socket = openOver(node, handshake(user("alice"), session));
		session.invalidate();
		new ConnectionSweeper(node.services(), Duration.ofSeconds(1)).sweep();
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void aSessionLoginIsStillWatchedAfterAuthenticatingAgain() {
		TestNode node = new TestNode(security().build(), this.ticker);
		Authentication alice = user("alice");
		MockHttpSession session = loggedIn(alice);
		TestSocket socket = openOver(node, handshake(alice, session));
		socket.connection().authenticate(user("alice"));
		session.invalidate();
		new ConnectionSweeper(node.services(), Duration.ofSeconds(1)).sweep();
		assertThat(socket.closedWith()).isEqualTo("1008 Session ended");
	}

	@Test
	void theHandshakeKeepsTheSessionOfTheRequestAndCreatesNone() throws Exception {
		SpringConnectionSecurity security = security().build();
		MockHttpServletRequest withSession = new MockHttpServletRequest();
		MockHttpSession session = new MockHttpSession();
		withSession.setSession(session);
		Map<String, Object> attributes = new java.util.HashMap<>();
		security.handshakeInterceptor()
			.beforeHandshake(new ServletServerHttpRequest(withSession),
					new ServletServerHttpResponse(new MockHttpServletResponse()), null, attributes);
		assertThat(attributes).containsValue(session);
		MockHttpServletRequest withoutSession = new MockHttpServletRequest();
		Map<String, Object> none = new java.util.HashMap<>();
		security.handshakeInterceptor()
			.beforeHandshake(new ServletServerHttpRequest(withoutSession),
					new ServletServerHttpResponse(new MockHttpServletResponse()), null, none);
		assertThat(none).isEmpty();
		assertThat(withoutSession.getSession(false)).isNull();
		assertThat(security().closeOnExpiry(false).build().handshakeInterceptor()).isNull();
	}

	@Test
	void aConnectionThatEndsLeavesTheSweepsAlone() {
		TestNode node = new TestNode(security().build(), this.ticker);
		this.expiries.put("alice", START.plusSeconds(1));
		TestSocket alice = open(node, user("alice"));
		alice.connection().close();
		this.ticker.advance(Duration.ofSeconds(2));
		new ConnectionSweeper(node.services(), Duration.ofSeconds(1)).sweep();
		assertThat(alice.closes()).containsExactly("1000 ");
		assertThat(alice.connection().state()).isEqualTo(ConnectionState.CLOSED);
	}

	@Test
	void theMessagesObservationAndTheUserAreBothCurrentInTheHandler() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		TestNode node = new TestNode(security().build(), this.ticker);
		TestSocket socket = node.open("observed", (connection, message) -> {
			Observation observation = registry.getCurrentObservation();
			this.seen.add(current() + " in " + ((observation != null) ? observation.getContext().getName() : "none"));
			return null;
		}, new TestSocket(user("alice")), new MessageObservationInterceptor(registry));
		send(socket, "hi");
		assertThat(this.seen).containsExactly("alice in gofr.ws.message");
		assertThat(registry.getCurrentObservation()).isNull();
	}

	@Test
	void aReplyThatFailsLaterIsReportedAsTheUserOnTheThreadThatCompletesIt() {
		TestNode node = new TestNode(security().build(), this.ticker);
		CompletableFuture<Object> later = new CompletableFuture<>();
		TestSocket socket = node.open("later", new WsHandler() {

			@Override
			public @Nullable Object onMessage(WsConnection connection, WsMessage message) {
				return later;
			}

			@Override
			public void onError(WsConnection connection, Throwable error) {
				SpringConnectionSecurityTests.this.seen.add("error as " + current());
			}

		}, new TestSocket(user("alice")));
		send(socket, "hi");
		later.completeExceptionally(new AccessDeniedException("not for you"));
		assertThat(socket.texts()).containsExactly("FORBIDDEN: Access denied");
		assertThat(this.seen).containsExactly("error as alice");
	}

	@Test
	void onAnExecutorOfTheApplicationHandlersRunAsTheUserAndItsThreadsAreLeftAsTheyWere() throws Exception {
		ExecutorService handlers = Executors.newSingleThreadExecutor();
		try {
			TestNode node = new TestNode(security().build(), this.ticker);
			RouteWebSocketHandler route = new RouteWebSocketHandler(WsRoute.of("/ws/slow", this.recording), "slow",
					RouteSettings.DEFAULTS.withExecution(HandlerExecution.on(handlers, 4)), node.services());
			TestSocket socket = node.create("c1", route, new TestSocket(user("alice")));
			socket.connection().open();
			send(socket, "hi");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.seen.contains("hi as alice"));
			assertThat(this.seen).containsExactly("open as alice", "hi as alice");
			assertThat(handlers.submit(SpringConnectionSecurityTests::current).get(10, TimeUnit.SECONDS))
				.isEqualTo("nobody");
		}
		finally {
			handlers.shutdownNow();
		}
	}

	@Test
	void aUserOfTheTestingKindRunsAsWell() {
		TestNode node = new TestNode(security().build(), this.ticker);
		send(open(node, new TestingAuthenticationToken("tess", null, "ROLE_USER")), "hi");
		assertThat(this.seen).contains("hi as tess");
	}

	private static MockHttpSession loggedIn(Authentication authentication) {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute(SpringConnectionSecurity.DEFAULT_SESSION_ATTRIBUTE, new SecurityContextImpl(authentication));
		return session;
	}

	private static TestSocket handshake(Authentication authentication, MockHttpSession session) {
		TestSocket socket = new TestSocket(authentication);
		socket.attributes().put(SessionCapture.ATTRIBUTE, session);
		return socket;
	}

}
