package dev.gofr.ws.interceptor;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.RouteDispatcher;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuthorizationInterceptor}: messages run through a route behind it, from
 * connections whose user the tests choose.
 */
class AuthorizationInterceptorTests {

	private static final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final Set<String> revoked = new CopyOnWriteArraySet<>();

	private final TestNode node = new TestNode();

	private final AuthorizationInterceptor activeAccount = AuthorizationInterceptor
		.require((principal) -> !this.revoked.contains(principal.getName()), "an active account");

	private RouteDispatcher route(AuthorizationInterceptor interceptor) {
		return new RouteDispatcher(WsRoute.of("/ws/secured", (connection, message) -> {
			this.handled.add(message.text());
			return null;
		}), "secured", List.of(interceptor), new ConnectionListener() {
		});
	}

	private TestSocket of(Principal principal) {
		return this.node.open("secured", principal);
	}

	private static void send(RouteDispatcher route, TestSocket socket, String text) {
		route.dispatch(socket.connection(), WsMessage.text(text, codec));
	}

	@Test
	void aConnectionWithoutAUserGetsUnauthorizedAndItsMessageIsDropped() {
		TestSocket anonymous = this.node.open("secured");
		send(route(this.activeAccount), anonymous, "hi");
		assertThat(this.handled).isEmpty();
		assertThat(anonymous.texts()).containsExactly("UNAUTHORIZED: Not authenticated");
		assertThat(anonymous.connection().state()).isEqualTo(ConnectionState.OPEN);
	}

	@Test
	void aUserWhoseAccessIsRevokedGetsForbiddenOnTheNextMessageAndStaysConnected() {
		RouteDispatcher route = route(this.activeAccount);
		TestSocket alice = of(() -> "alice");
		send(route, alice, "before");
		this.revoked.add("alice");
		send(route, alice, "after");
		assertThat(this.handled).containsExactly("before");
		assertThat(alice.texts()).containsExactly("FORBIDDEN: Requires an active account");
		assertThat(alice.connection().state()).isEqualTo(ConnectionState.OPEN);
	}

	@Test
	void theClosingVariantClosesWith1008InsteadOfAnswering() {
		RouteDispatcher route = route(this.activeAccount.closing());
		this.revoked.add("bob");
		TestSocket bob = of(() -> "bob");
		send(route, bob, "hi");
		assertThat(bob.closedWith()).isEqualTo("1008 Requires an active account");
		TestSocket anonymous = this.node.open("secured");
		send(route, anonymous, "hi");
		assertThat(anonymous.closedWith()).isEqualTo("1008 Not authenticated");
		assertThat(this.handled).isEmpty();
		assertThat(bob.texts()).isEmpty();
	}

	@Test
	void requireAuthenticatedFollowsSpringSecuritysAuthentication() {
		RouteDispatcher route = route(AuthorizationInterceptor.requireAuthenticated());
		UsernamePasswordAuthenticationToken carol = UsernamePasswordAuthenticationToken.authenticated("carol", null,
				AuthorityUtils.NO_AUTHORITIES);
		TestSocket socket = of(carol);
		send(route, socket, "signed in");
		carol.setAuthenticated(false); // the session behind it expired
		send(route, socket, "signed out");
		send(route, of(() -> "dave"), "a principal of the container's own"); // not Spring Security's: enough
		assertThat(this.handled).containsExactly("signed in", "a principal of the container's own");
		assertThat(socket.texts()).containsExactly("FORBIDDEN: Requires an authenticated user");
	}

	@Test
	void requireAuthorityChecksTheAuthoritiesOfAnAuthenticatedUser() {
		RouteDispatcher route = route(AuthorizationInterceptor.requireAuthority("ROLE_CHAT"));
		TestSocket chatter = of(UsernamePasswordAuthenticationToken.authenticated("erin", null,
				AuthorityUtils.createAuthorityList("ROLE_CHAT")));
		TestSocket reader = of(UsernamePasswordAuthenticationToken.authenticated("frank", null,
				AuthorityUtils.createAuthorityList("ROLE_READ")));
		UsernamePasswordAuthenticationToken grace = UsernamePasswordAuthenticationToken.authenticated("grace", null,
				AuthorityUtils.createAuthorityList("ROLE_CHAT"));
		grace.setAuthenticated(false);
		TestSocket unverified = of(grace);
		send(route, chatter, "from erin");
		send(route, reader, "from frank");
		send(route, unverified, "from grace");
		assertThat(this.handled).containsExactly("from erin");
		assertThat(reader.texts()).containsExactly("FORBIDDEN: Requires authority ROLE_CHAT");
		assertThat(unverified.texts()).containsExactly("FORBIDDEN: Requires authority ROLE_CHAT");
	}

}
