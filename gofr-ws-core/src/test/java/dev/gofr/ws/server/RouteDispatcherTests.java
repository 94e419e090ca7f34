package dev.gofr.ws.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.ErrorPolicy;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RouteDispatcher}, on connections of a {@link TestNode}.
 */
class RouteDispatcherTests {

	private static final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final TestNode node = new TestNode();

	private final ConnectionListener listener = new ConnectionListener() {

		@Override
		public void error(WsConnection connection, WsErrorCode code) {
			RouteDispatcherTests.this.events.add("error " + code);
		}

		@Override
		public void closed(WsConnection connection, CloseStatus status) {
			RouteDispatcherTests.this.events.add("closed " + status.getCode());
		}

		@Override
		public void messageHandled(WsConnection connection, boolean binary, long handlingNanos) {
			RouteDispatcherTests.this.events.add("handled " + (binary ? "binary" : "text"));
		}

	};

	private RouteDispatcher dispatcher(WsRoute route, MessageInterceptor... interceptors) {
		return new RouteDispatcher(route, "test", List.of(interceptors), this.listener);
	}

	@Test
	void runsTheInterceptorsInOrderThenTheHandlerAndSendsTheReply() {
		List<String> order = new CopyOnWriteArrayList<>();
		MessageInterceptor first = (connection, message, chain) -> {
			order.add("first");
			return chain.proceed(connection, message);
		};
		MessageInterceptor second = (connection, message, chain) -> {
			order.add("second");
			return chain.proceed(connection, WsMessage.text(message.text().toUpperCase(), codec));
		};
		TestSocket socket = this.node.open("c1", "test");
		dispatcher(WsRoute.of("/ws/t", (c, message) -> "got " + message.text()), first, second).dispatch(socket.connection(),
				WsMessage.text("hi", codec));
		assertThat(order).containsExactly("first", "second");
		assertThat(socket.texts()).containsExactly("got HI");
		assertThat(this.events).containsExactly("handled text");
	}

	@Test
	void aTypeTheRouteRefusesClosesWithoutCallingTheHandler() {
		TestSocket socket = this.node.open("c1", "test");
		dispatcher(WsRoute.of("/ws/t", (c, message) -> {
			throw new AssertionError("not called");
		}).accepting(MessageType.TEXT)).dispatch(socket.connection(), WsMessage.binary(new byte[] { 1 }, codec));
		assertThat(socket.connection().state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(this.events).containsExactly("error INVALID_MESSAGE_TYPE");
	}

	@Test
	void aFailureIsReportedWithItsCodeOrInternal() {
		TestSocket socket = this.node.open("c1", "test");
		RouteDispatcher dispatcher = dispatcher(WsRoute.of("/ws/t", (c, message) -> {
			if (message.text().equals("deny")) {
				throw new WsException(WsErrorCode.FORBIDDEN, "not yours");
			}
			throw new IllegalStateException("bug");
		}));
		dispatcher.dispatch(socket.connection(), WsMessage.text("deny", codec));
		dispatcher.dispatch(socket.connection(), WsMessage.text("boom", codec));
		assertThat(socket.texts()).containsExactly("FORBIDDEN: not yours", "INTERNAL: Internal error");
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void aFailureClosesWhenThePolicyIsToClose() {
		TestSocket socket = this.node.open("c1", "test");
		dispatcher(WsRoute.of("/ws/t", (c, message) -> {
			throw new WsException(WsErrorCode.FORBIDDEN, "not yours");
		}).withErrorPolicy(ErrorPolicy.CLOSE)).dispatch(socket.connection(), WsMessage.text("x", codec));
		assertThat(socket.connection().state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(this.events).containsExactly("error FORBIDDEN", "handled text");
	}

	@Test
	void openAndCloseCallTheHandlerAndTheInterceptors() {
		List<String> calls = new CopyOnWriteArrayList<>();
		WsHandler handler = new WsHandler() {

			@Override
			public Object onMessage(WsConnection connection, WsMessage message) {
				return null;
			}

			@Override
			public void onOpen(WsConnection connection) {
				calls.add("open");
			}

			@Override
			public void onClose(WsConnection connection, CloseStatus status) {
				calls.add("onClose " + status.getCode());
			}

		};
		MessageInterceptor interceptor = new MessageInterceptor() {

			@Override
			public Object intercept(WsConnection connection, WsMessage message,
					dev.gofr.ws.interceptor.MessageChain chain) throws Exception {
				return chain.proceed(connection, message);
			}

			@Override
			public void closed(WsConnection connection) {
				calls.add("interceptor closed");
			}

		};
		RouteDispatcher dispatcher = dispatcher(WsRoute.of("/ws/t", handler), interceptor);
		TestSocket socket = this.node.open("c1", "test");
		dispatcher.open(socket.connection());
		dispatcher.closed(socket.connection(), CloseStatus.GOING_AWAY);
		assertThat(calls).containsExactly("open", "interceptor closed", "onClose 1001");
		assertThat(this.events).containsExactly("closed 1001");
	}

	@Test
	void anOnOpenThatFailsClosesTheConnection() {
		TestSocket socket = this.node.open("c1", "test");
		dispatcher(WsRoute.of("/ws/t", new WsHandler() {

			@Override
			public Object onMessage(WsConnection c, WsMessage message) {
				return null;
			}

			@Override
			public void onOpen(WsConnection c) {
				throw new IllegalStateException("cannot open");
			}

		})).open(socket.connection());
		assertThat(socket.connection().state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(this.events).containsExactly("error INTERNAL");
	}

	@Test
	void aCompletionStageIsSentWhenItCompletesAndLaterRepliesWaitForIt() {
		List<CompletableFuture<Object>> pending = new CopyOnWriteArrayList<>();
		RouteDispatcher dispatcher = dispatcher(WsRoute.of("/ws/t", (c, message) -> switch (message.text()) {
			case "later" -> {
				CompletableFuture<Object> reply = new CompletableFuture<>();
				pending.add(reply);
				yield reply;
			}
			case "fail" -> throw new WsException(WsErrorCode.FORBIDDEN, "not now");
			default -> message.text();
		}));
		TestSocket socket = this.node.open("c1", "test");
		dispatcher.dispatch(socket.connection(), WsMessage.text("later", codec));
		dispatcher.dispatch(socket.connection(), WsMessage.text("now", codec));
		dispatcher.dispatch(socket.connection(), WsMessage.text("fail", codec));
		dispatcher.dispatch(socket.connection(), WsMessage.text("later", codec));
		pending.get(1).completeExceptionally(new IllegalStateException("bug"));
		assertThat(socket.texts()).isEmpty();
		pending.get(0).complete("first");
		assertThat(socket.texts()).containsExactly("first", "now", "FORBIDDEN: not now", "INTERNAL: Internal error");
		dispatcher.dispatch(socket.connection(), WsMessage.text("after", codec));
		assertThat(socket.texts()).last().isEqualTo("after");
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void aStageThatFailsClosesWhenThePolicyIsToClose() {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		RouteDispatcher dispatcher = dispatcher(
				WsRoute.of("/ws/t", (c, message) -> reply).withErrorPolicy(ErrorPolicy.CLOSE));
		TestSocket socket = this.node.open("c1", "test");
		dispatcher.dispatch(socket.connection(), WsMessage.text("x", codec));
		reply.completeExceptionally(new WsException(WsErrorCode.FORBIDDEN, "not yours"));
		assertThat(socket.connection().state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(socket.closedWith()).isEqualTo("1008 not yours");
	}

}
