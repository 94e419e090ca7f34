package dev.gofr.ws.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.WsController;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.security.MessageAuthorizationInterceptor;
import dev.gofr.ws.security.SpringConnectionSecurity;
import dev.gofr.ws.security.WsMessageAuthorizationManager;
import dev.gofr.ws.time.Ticker;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemoryServer}.
 */
class InMemoryServerTests {

	@Test
	void globalInterceptorsRunBeforeTheRoutesOwnInOrder() {
		List<String> order = new CopyOnWriteArrayList<>();
		MessageInterceptor global = (connection, message, chain) -> {
			order.add("global");
			return chain.proceed(connection, message);
		};
		MessageInterceptor own = (connection, message, chain) -> {
			order.add("own");
			return chain.proceed(connection, message);
		};
		InMemoryServer server = InMemoryServer.builder().interceptors(global).build();
		InMemoryConnection connection = server.route(WsRoute.of("/ws/chain", (c, message) -> {
			order.add("handler");
			return "done";
		}, own)).connect();
		connection.receiveText("go");
		assertThat(order).containsExactly("global", "own", "handler");
		assertThat(connection).hasSentTexts("done");
	}

	@Test
	void withSpringSecurityMessagesRunAsTheConnectionsUserAndDenialsAreForbidden() {
		InMemoryServer server = InMemoryServer.builder()
			.security(SpringConnectionSecurity.builder(Ticker.system()).build())
			.interceptors(new MessageAuthorizationInterceptor(
					WsMessageAuthorizationManager.builder().types("admin").hasRole("ADMIN").anyMessage().authenticated().build()))
			.build();
		InMemoryRoute route = server.route(WsRoute.of("/ws/secured",
				(connection, message) -> "hi " + SecurityContextHolder.getContext().getAuthentication().getName()));
		InMemoryConnection alice = route.connect(UsernamePasswordAuthenticationToken.authenticated("alice", "secret",
				AuthorityUtils.createAuthorityList("ROLE_USER")));
		alice.receiveText("{\"type\":\"say\"}").receiveText("{\"type\":\"admin\"}");
		assertThat(alice.texts()).containsExactly("hi alice",
				"{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"Access denied\"}");
		alice.clear();
		alice.authenticate(UsernamePasswordAuthenticationToken.authenticated("alice", "secret",
				AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		alice.receiveText("{\"type\":\"admin\"}");
		assertThat(alice).hasSentTexts("hi alice");
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void theBroadcasterReachesTheConnectionsOfItsNode() {
		InMemoryServer server = new InMemoryServer();
		InMemoryRoute room = server.route(WsRoute.of("/ws/room", (connection, message) -> {
			connection.join("lobby");
			return null;
		}));
		InMemoryConnection alice = room.connect().receiveText("join");
		InMemoryConnection bob = room.connect().receiveText("join");
		InMemoryConnection carol = room.connect();
		server.broadcaster().toRoom("lobby").send("hello lobby");
		assertThat(alice).hasSentTexts("hello lobby");
		assertThat(bob).hasSentTexts("hello lobby");
		assertThat(carol).hasSentNothing();
		assertThat(server.rooms().count("lobby")).isEqualTo(2);
	}

	@Test
	void listenersHearOfOpensErrorsAndCloses() {
		List<String> events = new CopyOnWriteArrayList<>();
		ConnectionListener listener = new ConnectionListener() {

			@Override
			public void opened(WsConnection connection) {
				events.add("opened");
			}

			@Override
			public void error(WsConnection connection, WsErrorCode code) {
				events.add("error " + code);
			}

			@Override
			public void closed(WsConnection connection, CloseStatus status) {
				events.add("closed " + status.getCode());
			}

		};
		InMemoryServer server = InMemoryServer.builder().listeners(listener).build();
		InMemoryConnection connection = server.route(WsRoute.of("/ws/fails", (c, message) -> {
			throw new IllegalStateException("bug");
		})).connect();
		connection.receiveText("x").closeFromPeer(1000, "bye");
		assertThat(events).containsExactly("opened", "error INTERNAL", "closed 1000");
	}

	@Test
	void aReplacedErrorFormatShapesTheErrorFrames() {
		InMemoryServer server = InMemoryServer.builder()
			.errorFormat((code, message) -> new TextMessage("ERR " + code))
			.build();
		InMemoryConnection connection = server.route(WsRoute.of("/ws/fails", (c, message) -> {
			throw new IllegalStateException("bug");
		})).connect();
		connection.receiveText("x");
		assertThat(connection).hasSentTexts("ERR INTERNAL");
	}

	@Test
	void aControllerRunsWithoutAServerNamedAfterItsClass() {
		InMemoryServer server = new InMemoryServer();
		InMemoryRoute route = server.controller(new GreetingController());
		assertThat(route.name()).isEqualTo("greeting");
		InMemoryConnection connection = route.connect(() -> "alice");
		connection.receiveText("{\"type\":\"hello\",\"punctuation\":\"!\"}");
		connection.receiveText("{\"type\":\"bye\"}");
		connection.receiveText("{\"type\":\"dance\"}");
		assertThat(connection).hasSentTexts("{\"greeting\":\"hello alice!\"}", "bye",
				"{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\",\"message\":\"Unknown type \\\"dance\\\"; expected one of: bye, hello\"}");
		connection.receiveBinary(new byte[] { 1 });
		assertThat(connection).isClosedWith(1003);
	}

	record Hello(String punctuation) {
	}

	record Greeting(String greeting) {
	}

	@WsController("/ws/greeting")
	static class GreetingController {

		@OnMessage("hello")
		Greeting hello(Hello hello, java.security.Principal user) {
			return new Greeting("hello " + user.getName() + hello.punctuation());
		}

		@OnMessage("bye")
		String bye() {
			return "bye";
		}

	}

}
