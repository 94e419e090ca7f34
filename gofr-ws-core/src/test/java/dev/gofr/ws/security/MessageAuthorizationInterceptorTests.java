package dev.gofr.ws.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.Discriminator;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageAuthorizationInterceptor} on a route of a node with
 * {@link SpringConnectionSecurity}, and for how the route answers access denials, from the rules
 * or from the handler.
 */
class MessageAuthorizationInterceptorTests {

	private static final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final List<WsErrorCode> errors = new CopyOnWriteArrayList<>();

	private final ConnectionListener listener = new ConnectionListener() {

		@Override
		public void error(WsConnection connection, WsErrorCode code) {
			MessageAuthorizationInterceptorTests.this.errors.add(code);
		}

	};

	private final MessageAuthorizationInterceptor interceptor = new MessageAuthorizationInterceptor(
			WsMessageAuthorizationManager.builder()
				.route("chat").types("broadcast").hasRole("MODERATOR")
				.route("chat").authenticated()
				.build(),
			(route) -> new Discriminator("kind"));

	private static Authentication user(String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated("alice", "secret",
				AuthorityUtils.createAuthorityList(authorities));
	}

	private TestSocket open(boolean closeOnDenial, String route, Authentication user) {
		TestNode node = new TestNode(SpringConnectionSecurity.builder(new ManualTicker()).closeOnDenial(closeOnDenial).build(),
				new ManualTicker(), this.listener);
		return node.open(route, (connection, message) -> {
			if (message.text().contains("deny")) {
				throw new AccessDeniedException("the service says no to " + connection.principal());
			}
			if (message.text().contains("bad-token")) {
				throw new BadCredentialsException("token signed by someone else");
			}
			this.handled.add(message.text() + " by " + SecurityContextHolder.getContext().getAuthentication().getName());
			return null;
		}, new TestSocket(user), this.interceptor);
	}

	private static void send(TestSocket socket, String text) {
		socket.connection().receive(WsMessage.text(text, codec));
	}

	@Test
	void aGrantedMessageReachesTheHandlerAsTheUser() {
		TestSocket socket = open(false, "chat", user("ROLE_MODERATOR"));
		send(socket, "{\"kind\":\"broadcast\"}");
		assertThat(this.handled).containsExactly("{\"kind\":\"broadcast\"} by alice");
	}

	@Test
	void aDeniedMessageIsDroppedWithForbiddenAndCounted() {
		TestSocket socket = open(false, "chat", user("ROLE_USER"));
		send(socket, "{\"kind\":\"broadcast\"}");
		send(socket, "{\"kind\":\"say\"}");
		assertThat(socket.texts()).containsExactly("FORBIDDEN: Access denied");
		assertThat(this.handled).containsExactly("{\"kind\":\"say\"} by alice");
		assertThat(this.errors).containsExactly(WsErrorCode.FORBIDDEN);
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void aMessageNoRuleMatchesIsDenied() {
		TestSocket socket = open(false, "elsewhere", user("ROLE_MODERATOR"));
		send(socket, "{\"kind\":\"say\"}");
		assertThat(socket.texts()).containsExactly("FORBIDDEN: Access denied");
		assertThat(this.handled).isEmpty();
	}

	@Test
	void aUserWhoIsNotAuthenticatedGetsUnauthorized() {
		Authentication unauthenticated = UsernamePasswordAuthenticationToken.unauthenticated("alice", "secret");
		TestSocket socket = open(false, "chat", unauthenticated);
		send(socket, "{\"kind\":\"say\"}");
		assertThat(socket.texts()).containsExactly("UNAUTHORIZED: Not authenticated");
		assertThat(this.errors).containsExactly(WsErrorCode.UNAUTHORIZED);
	}

	@Test
	void withClosingOnDenialTheConnectionClosesWith1008AndTheDenialIsCounted() {
		TestSocket socket = open(true, "chat", user("ROLE_USER"));
		send(socket, "{\"kind\":\"broadcast\"}");
		assertThat(socket.closedWith()).isEqualTo("1008 Access denied");
		assertThat(socket.texts()).isEmpty();
		assertThat(this.errors).containsExactly(WsErrorCode.FORBIDDEN);
	}

	@Test
	void anAccessDeniedExceptionOfTheHandlerIsForbiddenNotInternal() {
		TestSocket socket = open(false, "chat", user("ROLE_USER"));
		send(socket, "{\"kind\":\"deny\"}");
		send(socket, "{\"kind\":\"bad-token\"}");
		assertThat(socket.texts()).containsExactly("FORBIDDEN: Access denied", "UNAUTHORIZED: Not authenticated");
		assertThat(this.errors).containsExactly(WsErrorCode.FORBIDDEN, WsErrorCode.UNAUTHORIZED);
	}

	@Test
	void theHandlersDenialClosesWhenThePolicySays() {
		TestSocket socket = open(true, "chat", user("ROLE_USER"));
		send(socket, "{\"kind\":\"deny\"}");
		assertThat(socket.closedWith()).isEqualTo("1008 Access denied");
	}

	@Test
	void itRunsRightAfterTheObservation() {
		assertThat(this.interceptor.getOrder()).isGreaterThan(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
			.isLessThan(0);
	}

}
