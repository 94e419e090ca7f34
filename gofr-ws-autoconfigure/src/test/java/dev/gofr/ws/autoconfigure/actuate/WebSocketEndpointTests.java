package dev.gofr.ws.autoconfigure.actuate;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint.ClientDescriptor;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint.ClosedDescriptor;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint.RoomDescriptor;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint.SessionDescriptor;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint.WebSocketDescriptor;
import dev.gofr.ws.client.ClientState;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.test.InMemoryConnection;
import dev.gofr.ws.test.InMemoryRoute;
import dev.gofr.ws.test.InMemoryServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketEndpoint}: what an operator reads and does, over connections of an
 * {@link InMemoryServer}.
 */
class WebSocketEndpointTests {

	private final InMemoryServer server = new InMemoryServer();

	private final InMemoryRoute chat = this.server.route(WsRoute.of("/ws/chat", (connection, message) -> null),
			"chat");

	private final InMemoryRoute feed = this.server.route(WsRoute.of("/ws/feed", (connection, message) -> null),
			"feed");

	private WebSocketEndpoint endpoint(Show showValues, Set<String> roles) {
		return new WebSocketEndpoint(this.server.registry(), this.server.rooms(), showValues, roles);
	}

	private WebSocketEndpoint endpoint() {
		return endpoint(Show.NEVER, Set.of());
	}

	private static List<String> ids(List<SessionDescriptor> sessions) {
		return sessions.stream().map(SessionDescriptor::id).toList();
	}

	@Test
	void countsConnectionsPerEndpointAndListsRoomsWithTheirMembers() {
		InMemoryConnection alice = this.chat.connect();
		InMemoryConnection bob = this.chat.connect();
		this.feed.connect();
		alice.join("lobby");
		bob.join("lobby");
		bob.join("ops");
		this.chat.connect().close(1000, "bye");
		WebSocketDescriptor summary = endpoint().websocket(SecurityContext.NONE, null, null, null);
		assertThat(summary.connections().active()).isEqualTo(3);
		assertThat(summary.connections().opened()).isEqualTo(4);
		assertThat(summary.connections().byEndpoint()).containsExactly(Map.entry("chat", 2), Map.entry("feed", 1));
		assertThat(summary.rooms()).containsExactlyInAnyOrder(new RoomDescriptor("lobby", 2), new RoomDescriptor("ops", 1));
		assertThat(summary.sessions()).hasSize(3);
		assertThat(summary.clients()).isEmpty();
		assertThat(summary.cluster()).isNull();
	}

	@Test
	void theSessionListIsFilteredByEndpointAndRoom() {
		InMemoryConnection alice = this.chat.connect();
		InMemoryConnection bob = this.chat.connect();
		InMemoryConnection ticker = this.feed.connect();
		alice.join("lobby");
		ticker.join("lobby");
		WebSocketEndpoint endpoint = endpoint();
		assertThat(ids(endpoint.websocket(SecurityContext.NONE, "chat", null, null).sessions()))
			.containsExactlyInAnyOrder(alice.id(), bob.id());
		assertThat(ids(endpoint.websocket(SecurityContext.NONE, null, "lobby", null).sessions()))
			.containsExactlyInAnyOrder(alice.id(), ticker.id());
		assertThat(ids(endpoint.websocket(SecurityContext.NONE, "feed", "lobby", null).sessions()))
			.containsExactly(ticker.id());
		assertThat(endpoint.websocket(SecurityContext.NONE, null, "nowhere", null).sessions()).isEmpty();
	}

	@Test
	void theSessionListIsBoundedToTheLongestConnectedOldestFirst() {
		for (int i = 0; i < 150; i++) {
			this.chat.connect();
		}
		WebSocketEndpoint endpoint = endpoint();
		List<SessionDescriptor> listed = endpoint.websocket(SecurityContext.NONE, null, null, null).sessions();
		assertThat(listed).hasSize(WebSocketEndpoint.DEFAULT_LIMIT)
			.isSortedAccordingTo(Comparator.comparing(SessionDescriptor::connectedAt));
		Instant youngestListed = listed.get(listed.size() - 1).connectedAt();
		List<String> listedIds = ids(listed);
		assertThat(this.server.registry().connections()).filteredOn((connection) -> !listedIds.contains(connection.id()))
			.extracting(WsConnection::connectedAt)
			.allSatisfy((connectedAt) -> assertThat(connectedAt).isAfterOrEqualTo(youngestListed));
		assertThat(endpoint.websocket(SecurityContext.NONE, null, null, 7).sessions()).hasSize(7);
		assertThat(endpoint.websocket(SecurityContext.NONE, null, null, 0).sessions()).isEmpty();
	}

	@Test
	void oneSessionByIdWithWhatItDidOrNoneWhenUnknown() {
		InMemoryConnection alice = this.chat.connect();
		alice.join("ops");
		alice.join("lobby");
		alice.receiveText("hello");
		SessionDescriptor session = endpoint().session(SecurityContext.NONE, alice.id());
		assertThat(session).isNotNull();
		assertThat(session.endpoint()).isEqualTo("chat");
		assertThat(session.state()).isEqualTo("OPEN");
		assertThat(session.rooms()).containsExactly("lobby", "ops");
		assertThat(session.messagesReceived()).isOne();
		assertThat(session.bytesReceived()).isEqualTo(5);
		assertThat(endpoint().session(SecurityContext.NONE, "unknown")).isNull();
	}

	@Test
	void metadataValuesAreMaskedUnlessShown() {
		InMemoryConnection alice = this.chat.connect();
		alice.set("name", "alice");
		alice.set("plan", "gold");
		assertThat(endpoint().session(SecurityContext.NONE, alice.id()).metadata())
			.containsExactly(Map.entry("name", "******"), Map.entry("plan", "******"));
		assertThat(endpoint(Show.ALWAYS, Set.of()).session(SecurityContext.NONE, alice.id()).metadata())
			.containsExactly(Map.entry("name", "alice"), Map.entry("plan", "gold"));
		WebSocketEndpoint forOperators = endpoint(Show.WHEN_AUTHORIZED, Set.of("OPS"));
		assertThat(forOperators.session(caller("ops", "OPS"), alice.id()).metadata()).containsEntry("name", "alice");
		assertThat(forOperators.session(caller("dev", "DEV"), alice.id()).metadata()).containsEntry("name", "******");
		assertThat(forOperators.session(SecurityContext.NONE, alice.id()).metadata()).containsEntry("name", "******");
	}

	@Test
	void pathVariablesAreMaskedUnlessShownAndTheQueryAndHeadersNeverAre() {
		InMemoryRoute rooms = this.server.route(WsRoute.of("/ws/rooms/{room}", (connection, message) -> null), "rooms");
		InMemoryConnection alice = rooms.handshake()
			.uri("/ws/rooms/lobby?token=secret")
			.header("X-Tenant", "acme")
			.connect();
		SessionDescriptor masked = endpoint().session(SecurityContext.NONE, alice.id());
		assertThat(masked.pathVariables()).containsExactly(Map.entry("room", "******"));
		SessionDescriptor shown = endpoint(Show.ALWAYS, Set.of()).session(SecurityContext.NONE, alice.id());
		assertThat(shown.pathVariables()).containsExactly(Map.entry("room", "lobby"));
		assertThat(shown.toString()).doesNotContain("secret", "acme");
		assertThat(endpoint(Show.ALWAYS, Set.of()).websocket(SecurityContext.NONE, null, null, null).toString())
			.doesNotContain("secret", "acme");
		assertThat(endpoint().session(SecurityContext.NONE, this.chat.connect().id()).pathVariables()).isEmpty();
	}

	@Test
	void theClientsBlockShowsEachClientsStateAndCounts() throws Exception {
		try (ClientsInEachState clients = new ClientsInEachState()) {
			Map<ClientState, ReconnectingClient> byState = new EnumMap<>(ClientState.class);
			for (ClientState state : ClientState.values()) {
				byState.put(state, clients.in(state, state.name().toLowerCase(Locale.ROOT).replace("_", "-")));
			}
			ReconnectingClient tooSmall = byState.get(ClientState.OPEN);
			clients.upstream().broadcast("x".repeat(70 * 1024)); // over its 64 KB: closed with 1009, and back
			await().atMost(Duration.ofSeconds(30)).until(() -> tooSmall.reconnects() == 1 && tooSmall.isOpen());
			WebSocketEndpoint endpoint = new WebSocketEndpoint(this.server.registry(), this.server.rooms(), Show.NEVER,
					Set.of(), clients::clients);
			List<ClientDescriptor> listed = endpoint.websocket(SecurityContext.NONE, null, null, null).clients();
			assertThat(listed).extracting(ClientDescriptor::name)
				.containsExactly("closed", "connecting", "gave-up", "open", "reconnecting");
			assertThat(listed).extracting(ClientDescriptor::state)
				.containsExactly("CLOSED", "CONNECTING", "GAVE_UP", "OPEN", "RECONNECTING");
			ClientDescriptor open = listed.get(3);
			assertThat(open.connectedAt()).isNotNull();
			assertThat(open.lastError()).as("the drop it came back from").contains("closed with 1009");
			assertThat(open.attempts()).isOne();
			assertThat(open.oversizedMessages()).isOne();
			assertThat(open.reconnects()).isOne();
			assertThat(open.retryAfterWaits()).isZero();
			assertThat(open.rejected()).isZero();
			assertThat(open.buffered()).isZero();
			ClientDescriptor gaveUp = listed.get(2);
			assertThat(gaveUp.connectedAt()).isNull();
			assertThat(gaveUp.lastError()).isNotNull();
			assertThat(gaveUp.url()).isEqualTo("ws://127.0.0.1:1/feed");
		}
	}

	@Test
	void anOperatorClosesASessionWith1000() {
		InMemoryConnection alice = this.chat.connect();
		ClosedDescriptor closed = endpoint().close(alice.id());
		assertThat(closed).isEqualTo(new ClosedDescriptor(alice.id(), 1000, "closed by operator"));
		assertThat(alice.closeStatus()).isEqualTo(new CloseStatus(1000, "closed by operator"));
		assertThat(this.server.registry().count()).isZero();
		assertThat(endpoint().close(alice.id())).as("no longer known").isNull();
	}

	private static SecurityContext caller(String name, String role) {
		return new SecurityContext() {

			@Override
			public @Nullable Principal getPrincipal() {
				return () -> name;
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return role.equals(candidate);
			}

		};
	}

}
