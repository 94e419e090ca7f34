package dev.gofr.ws.test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.SendResult;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link InMemoryConnection}.
 */
class InMemoryConnectionTests {

	private final InMemoryRoute echo = InMemoryRoute.of(WsRoute.of("/ws/echo", (c, message) -> message.payload()));

	@Test
	void repliesAreRecordedInTheirOwnType() {
		InMemoryConnection connection = this.echo.connect();
		connection.receiveText("hello").receiveBinary(new byte[] { 1, 2, 3 });
		assertThat(connection.messages()).extracting(OutboundFrame::kind)
			.containsExactly(OutboundFrame.Kind.TEXT, OutboundFrame.Kind.BINARY);
		assertThat(connection).message(0).hasText("hello");
		assertThat(connection).lastMessage().hasBytes(1, 2, 3);
		assertThat(connection.info().messagesReceived()).isEqualTo(2);
		assertThat(connection.info().messagesSent()).isEqualTo(2);
	}

	@Test
	void aReplyThatIsNeitherTextNorBytesIsSentAsJson() {
		InMemoryConnection connection = InMemoryRoute
			.of(WsRoute.of("/ws/json", (c, message) -> Map.of("type", "joined", "members", 2)))
			.connect()
			.receiveText("join");
		assertThat(connection).lastMessage().isJson().hasPath("$.type", "joined").hasPath("$.members", 2);
	}

	@Test
	void receiveJsonWritesTheObjectWithTheCodec() {
		InMemoryConnection connection = this.echo.connect().receiveJson(Map.of("type", "say"));
		assertThat(connection.texts()).containsExactly("{\"type\":\"say\"}");
	}

	@Test
	void aHandlerFailureBecomesTheErrorFrameAndTheConnectionStaysOpen() {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		InMemoryConnection connection = InMemoryRoute.of(WsRoute.of("/ws/fails", new WsHandler() {

			@Override
			public Object onMessage(WsConnection c, WsMessage message) {
				throw new IllegalStateException("bug in the handler");
			}

			@Override
			public void onError(WsConnection c, Throwable error) {
				errors.add(error);
			}

		})).connect().receiveText("x");
		assertThat(connection).isOpen().lastMessage().isError(WsErrorCode.INTERNAL).hasPath("$.message", "Internal error");
		assertThat(errors).singleElement().isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aMessageTypeTheRouteRefusesClosesWith1003() {
		InMemoryConnection connection = InMemoryRoute
			.of(WsRoute.of("/ws/text-only", (c, message) -> message.payload()).accepting(MessageType.TEXT))
			.connect()
			.receiveBinary(new byte[] { 1 });
		assertThat(connection).isClosedWith(1003).hasReasonContaining("binary");
	}

	@Test
	void aCloseDuringAMessageTakesEffectAfterTheHandlerReturned() {
		List<String> calls = new CopyOnWriteArrayList<>();
		InMemoryConnection connection = InMemoryRoute.of(WsRoute.of("/ws/bye", new WsHandler() {

			@Override
			public Object onMessage(WsConnection c, WsMessage message) {
				c.close(4000, "asked to leave");
				calls.add("after close: " + c.state());
				return "too late";
			}

			@Override
			public void onClose(WsConnection c, CloseStatus status) {
				calls.add("onClose " + status.getCode());
			}

		})).connect().receiveText("bye");
		assertThat(calls).containsExactly("after close: CLOSING", "onClose 4000");
		assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(connection).hasSentNothing().isClosedWith(4000).hasReason("asked to leave");
		assertThat(connection.frames()).extracting(OutboundFrame::kind).containsExactly(OutboundFrame.Kind.CLOSE);
	}

	@Test
	void aCloseLeavesRoomsAndRegistryAndTellsTheInterceptors() {
		List<String> released = new CopyOnWriteArrayList<>();
		MessageInterceptor interceptor = new MessageInterceptor() {

			@Override
			public Object intercept(WsConnection c, WsMessage message, dev.gofr.ws.interceptor.MessageChain chain)
					throws Exception {
				return chain.proceed(c, message);
			}

			@Override
			public void closed(WsConnection c) {
				released.add(c.id());
			}

		};
		InMemoryServer server = new InMemoryServer();
		InMemoryConnection connection = server.route(WsRoute.of("/ws/rooms", (c, message) -> {
			c.join(message.text());
			return null;
		}, interceptor)).connect().receiveText("lobby");
		assertThat(connection.rooms()).containsExactly("lobby");
		connection.dropFromPeer();
		assertThat(connection).isClosedWith(1006);
		assertThat(server.rooms().count("lobby")).isZero();
		assertThat(server.registry().count()).isZero();
		assertThat(released).containsExactly(connection.id());
	}

	@Test
	void aClosedConnectionRefusesSendsAndMessages() {
		InMemoryConnection connection = this.echo.connect().closeFromPeer(1001, "going away");
		assertThat(connection.sendText("late")).isEqualTo(SendResult.CLOSED);
		assertThatIllegalStateException().isThrownBy(() -> connection.receiveText("late"))
			.withMessageContaining("CLOSED")
			.withMessageContaining("1001");
	}

	@Test
	void recordsControlFramesAndBuffersWithoutConsumingThem() {
		InMemoryConnection connection = this.echo.connect();
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 7, 8 });
		connection.sendBinary(buffer);
		connection.sendPing(new byte[] { 1 });
		assertThat(buffer.remaining()).isEqualTo(2);
		assertThat(connection.frames()).extracting(OutboundFrame::kind)
			.containsExactly(OutboundFrame.Kind.BINARY, OutboundFrame.Kind.PING);
		assertThat(connection.clear().frames()).isEmpty();
	}

	@Test
	void metadataAndHeartbeatAreKeptPerConnection() {
		InMemoryConnection connection = this.echo.connect();
		connection.set("name", "alice");
		connection.heartbeat(dev.gofr.ws.heartbeat.HeartbeatSettings.OFF);
		assertThat(connection.get("name", String.class)).isEqualTo("alice");
		assertThat(connection.metadata()).containsOnlyKeys("name");
		assertThat(connection.heartbeat().enabled()).isFalse();
		assertThat(connection.remove("name")).isEqualTo("alice");
	}

}
