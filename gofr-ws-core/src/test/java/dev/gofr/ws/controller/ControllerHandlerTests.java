package dev.gofr.ws.controller;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.server.RouteSettings;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ControllerHandler}, on connections of a {@link TestNode}, whose error frames
 * read {@code "CODE: message"}.
 */
class ControllerHandlerTests {

	private static final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private final TestNode node = new TestNode();

	private TestSocket open(Object controller) {
		return open(controller, null);
	}

	private TestSocket open(Object controller, @Nullable Principal principal) {
		WsRoute route = ControllerHandler.of(controller).route();
		return this.node.open("c1", new RouteWebSocketHandler(route, "test", RouteSettings.DEFAULTS,
				this.node.services()), principal);
	}

	private static void text(TestSocket socket, String text) {
		socket.connection().receive(WsMessage.text(text, codec));
	}

	@Test
	void aMessageGoesToTheMethodItsTypeNamesAndTheReplyIsJson() {
		ChatController chat = new ChatController();
		TestSocket socket = open(chat, () -> "alice");
		text(socket, "{\"type\":\"join\",\"room\":\"lobby\"}");
		text(socket, "{\"text\":\"hi\",\"type\":\"say\"}");
		text(socket, "{\"nested\":{\"type\":\"join\"},\"type\":\"shout\",\"text\":\"hey\"}");
		assertThat(socket.texts()).containsExactly("welcome", "{\"room\":\"lobby\",\"user\":\"alice\"}", "alice: hi",
				"alice: HEY");
	}

	@Test
	void anUnknownOrMissingTypeIsAnInvalidPayloadNamingTheKnownTypes() {
		TestSocket socket = open(new ChatController());
		text(socket, "{\"type\":\"dance\"}");
		text(socket, "{\"text\":\"no type\"}");
		assertThat(socket.texts()).containsExactly("welcome",
				"INVALID_PAYLOAD: Unknown type \"dance\"; expected one of: join, say, shout",
				"INVALID_PAYLOAD: Missing \"type\"; expected one of: join, say, shout");
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void textThatIsNoJsonIsAnInvalidPayloadSayingSo() {
		TestSocket socket = open(new ChatController());
		text(socket, "not json");
		text(socket, "{\"type\":");
		assertThat(socket.texts()).hasSize(3).last().asString().startsWith("INVALID_PAYLOAD: Malformed JSON");
		assertThat(socket.texts().get(1)).startsWith("INVALID_PAYLOAD: Malformed JSON");
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void aPayloadThatDoesNotBindIsAnInvalidPayload() {
		TestSocket socket = open(new ChatController());
		text(socket, "{\"type\":\"join\",\"room\":[1,2]");
		assertThat(socket.texts()).last().asString().startsWith("INVALID_PAYLOAD: ");
	}

	@Test
	void theDiscriminatorFieldCanBeAnother() {
		TestSocket socket = open(new OpController());
		text(socket, "{\"type\":\"ignored\",\"op\":\"add\",\"a\":2,\"b\":3}");
		text(socket, "{\"op\":\"sub\"}");
		assertThat(socket.texts()).containsExactly("5", "INVALID_PAYLOAD: Unknown op \"sub\"; expected one of: add");
	}

	@Test
	void theOnlyMessageMethodTakesEveryTextMessageByItsType() {
		TestSocket socket = open(new EchoController());
		text(socket, "{\"text\":\"hi\",\"times\":2}");
		assertThat(socket.texts()).containsExactly("{\"text\":\"hihi\"}");
	}

	@Test
	void aBinaryMessageGoesToTheBinaryMethod() {
		TestSocket socket = open(new ChatController());
		socket.connection().receive(WsMessage.binary(new byte[] { 1, 2, 3 }, codec));
		OutboundFrame reply = socket.frames().get(socket.frames().size() - 1);
		assertThat(reply.kind()).isEqualTo(OutboundFrame.Kind.BINARY);
		assertThat(reply.size()).isEqualTo(3);
		assertThat(reply.bytes().get(0)).isEqualTo((byte) 3);
	}

	@Test
	void aControllerWithoutABinaryMethodDoesNotAcceptBinaryMessages() {
		assertThat(ControllerHandler.of(new EchoController()).route().accepts()).containsExactly(MessageType.TEXT);
		TestSocket socket = open(new EchoController());
		socket.connection().receive(WsMessage.binary(new byte[] { 1 }, codec));
		assertThat(socket.closedWith()).isEqualTo("1003 Endpoint test does not accept binary messages");
	}

	@Test
	void aControllerWithOnlyABinaryMethodDoesNotAcceptText() {
		assertThat(ControllerHandler.of(new BinaryController()).route().accepts()).containsExactly(MessageType.BINARY);
		TestSocket socket = open(new BinaryController());
		text(socket, "hello");
		assertThat(socket.closedWith()).isEqualTo("1003 Endpoint test does not accept text messages");
	}

	@Test
	void theRouteHasTheControllersPathAndName() {
		WsRoute route = ControllerHandler.of(new OpController()).route();
		assertThat(route.path()).isEqualTo("/ws/calc");
		assertThat(route.name()).isEqualTo("calculator");
		assertThat(ControllerHandler.of(new ChatController()).route().name()).isNull();
	}

	@Test
	void anInvalidPayloadListsTheFieldsThatFail() {
		TestSocket socket = open(new ValidatedController());
		text(socket, "{\"type\":\"say\",\"room\":\"a-room-far-too-long\",\"text\":\" \"}");
		text(socket, "{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
		assertThat(socket.texts()).containsExactly(
				"INVALID_PAYLOAD: Invalid message: room size must be between 0 and 8; text must not be blank",
				"lobby: hi");
	}

	@Test
	void theMostSpecificErrorMethodHandlesAFailure() {
		TestSocket socket = open(new FailingController());
		text(socket, "{\"type\":\"state\"}");
		text(socket, "{\"type\":\"argument\"}");
		text(socket, "{\"type\":\"io\"}");
		text(socket, "{\"type\":\"quiet\"}");
		assertThat(socket.texts()).containsExactly("state handled: broken state",
				"FORBIDDEN: runtime handled: bad argument", "INTERNAL: Internal error");
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void anErrorInOnOpenGoesToTheErrorMethods() {
		FailingController controller = new FailingController();
		TestSocket socket = open(controller);
		assertThat(socket.connection().isOpen()).isTrue();
		assertThat(controller.openFailures).containsExactly("open failed");
	}

	@Test
	void repliesThatCompleteOutOfOrderLeaveInTheOrderOfTheMessages() {
		AsyncController controller = new AsyncController();
		TestSocket socket = open(controller);
		text(socket, "{\"type\":\"later\",\"text\":\"a\"}");
		text(socket, "{\"type\":\"later\",\"text\":\"b\"}");
		text(socket, "{\"type\":\"now\",\"text\":\"c\"}");
		text(socket, "{\"type\":\"later\",\"text\":\"d\"}");
		controller.pending.get(3).complete("d");
		controller.pending.get(1).complete("b");
		assertThat(socket.texts()).isEmpty();
		controller.pending.get(0).complete("a");
		assertThat(socket.texts()).containsExactly("a", "b", "c", "d");
		text(socket, "{\"type\":\"now\",\"text\":\"e\"}");
		assertThat(socket.texts()).containsExactly("a", "b", "c", "d", "e");
	}

	@Test
	void aStageThatFailsIsReportedInItsTurnThroughTheErrorMethods() {
		AsyncController controller = new AsyncController();
		TestSocket socket = open(controller);
		text(socket, "{\"type\":\"later\",\"text\":\"a\"}");
		text(socket, "{\"type\":\"later\",\"text\":\"b\"}");
		text(socket, "{\"type\":\"later\",\"text\":\"c\"}");
		controller.pending.get(2).completeExceptionally(new WsException(WsErrorCode.FORBIDDEN, "not c"));
		controller.pending.get(1).completeExceptionally(new IllegalStateException("b failed"));
		controller.pending.get(0).complete("a");
		assertThat(socket.texts()).containsExactly("a", "recovered: b failed", "FORBIDDEN: not c");
		assertThat(socket.connection().isOpen()).isTrue();
	}

	@Test
	void handshakeValuesTheConnectionDoesNotHaveTakeTheirDefaults() {
		TestSocket socket = open(new HandshakeController());
		text(socket, "{}");
		assertThat(socket.texts()).containsExactly("null 10 none");
	}

	@Test
	void theCloseMethodGetsTheCloseStatus() {
		ChatController chat = new ChatController();
		TestSocket socket = open(chat);
		socket.closeFromPeer(new CloseStatus(4000, "gone"));
		assertThat(chat.closes).containsExactly("4000 gone");
	}

	@Test
	void aParameterThatCannotBeResolvedFailsNamingTheMethodAndTheParameter() {
		assertThatIllegalStateException().isThrownBy(() -> ControllerHandler.of(new TwoPayloads()))
			.withMessage("Cannot resolve parameter 'second' (Say) of @OnMessage method " + TwoPayloads.class.getName()
					+ ".say(Join, Say): it would be a second payload, after 'first'; @OnMessage methods take one payload"
					+ " (a record, a class or the text as a String), the WsConnection, the WsMessage, the Principal,"
					+ " and values of the handshake annotated @PathVariable, @RequestParam or @RequestHeader");
		assertThatIllegalStateException().isThrownBy(() -> ControllerHandler.of(new OpenWithAPayload()))
			.withMessageStartingWith("Cannot resolve parameter 'join' (Join) of @OnOpen method "
					+ OpenWithAPayload.class.getName() + ".open(WsConnection, Join): @OnOpen methods take");
		assertThatIllegalStateException().isThrownBy(() -> ControllerHandler.of(new UnknownPathVariable()))
			.withMessage("Cannot resolve parameter 'user' (String) of @OnMessage method "
					+ UnknownPathVariable.class.getName() + ".say(String, String): the path has no variable {user};"
					+ " its variables are [room]");
		assertThatIllegalStateException().isThrownBy(() -> ControllerHandler.of(new BinaryRecord()))
			.withMessageContaining("parameter 'say' (Say) of @OnBinary method")
			.withMessageEndingWith(": the payload of a binary message is a byte[] or a ByteBuffer");
	}

	@Test
	void conflictingMethodsFailNamingBoth() {
		assertThatIllegalStateException().isThrownBy(() -> ControllerHandler.of(new SameType()))
			.withMessageContaining(SameType.class.getName() + ".one(String)")
			.withMessageContaining(SameType.class.getName() + ".two(String)")
			.withMessageEndingWith("both answer \"x\"");
		assertThatIllegalStateException().isThrownBy(() -> ControllerHandler.of(new OnlyAndTyped()))
			.withMessageContaining("answers every text message, so it must be the only @OnMessage method");
		assertThatIllegalStateException().isThrownBy(() -> ControllerHandler.of(new NothingAnnotated()))
			.withMessageEndingWith("has no method annotated @OnOpen, @OnMessage, @OnBinary, @OnClose or @OnError");
		assertThatIllegalArgumentException().isThrownBy(() -> ControllerHandler.of(new Object()))
			.withMessage("java.lang.Object is not annotated @WsController");
	}

	@Test
	void pathVariablesAreReadFromTheTemplate() {
		assertThat(ControllerHandler.pathVariables("/ws/{tenant}/rooms/{room:[a-z]+}/{*rest}"))
			.containsExactly("tenant", "room", "rest");
		assertThat(ControllerHandler.pathVariables("/ws/chat")).isEmpty();
	}

	record Join(String room) {
	}

	record Joined(String room, String user) {
	}

	record Say(String text) {
	}

	@WsController("/ws/chat/{room}")
	static class ChatController {

		final List<String> closes = new CopyOnWriteArrayList<>();

		@OnOpen
		String hello() {
			return "welcome";
		}

		@OnMessage("join")
		Joined join(Join join, Principal user) {
			return new Joined(join.room(), user.getName());
		}

		@OnMessage({ "say", "shout" })
		String say(Say say, WsMessage message, WsConnection connection) {
			String text = message.text().contains("shout") ? say.text().toUpperCase() : say.text();
			return connection.principal().getName() + ": " + text;
		}

		@OnBinary
		ByteBuffer reversed(byte[] bytes) {
			byte[] reversed = new byte[bytes.length];
			for (int i = 0; i < bytes.length; i++) {
				reversed[i] = bytes[bytes.length - 1 - i];
			}
			return ByteBuffer.wrap(reversed);
		}

		@OnClose
		void closed(CloseStatus status) {
			this.closes.add(status.getCode() + " " + status.getReason());
		}

	}

	record Sum(int a, int b) {
	}

	@WsController(path = "/ws/calc", name = "calculator", discriminator = "op")
	static class OpController {

		@OnMessage("add")
		String add(Sum sum) {
			return String.valueOf(sum.a() + sum.b());
		}

	}

	record Echo(String text, int times) {
	}

	record Echoed(String text) {
	}

	@WsController("/ws/echo")
	static class EchoController {

		@OnMessage
		Echoed echo(Echo echo) {
			return new Echoed(echo.text().repeat(echo.times()));
		}

	}

	@WsController("/ws/bytes")
	static class BinaryController {

		@OnBinary
		byte[] same(WsMessage message) {
			return message.bytes();
		}

	}

	record Checked(@Size(max = 8) String room, @NotBlank String text) {
	}

	@WsController("/ws/validated")
	static class ValidatedController {

		@OnMessage("say")
		String say(@Valid Checked say) {
			return say.room() + ": " + say.text();
		}

	}

	@WsController("/ws/failing")
	static class FailingController {

		final List<String> openFailures = new CopyOnWriteArrayList<>();

		@OnOpen
		void open() {
			throw new UnsupportedOperationException("open failed");
		}

		@OnMessage("state")
		String state() {
			throw new IllegalStateException("broken state");
		}

		@OnMessage("argument")
		String argument() {
			throw new IllegalArgumentException("bad argument");
		}

		@OnMessage("io")
		String io() throws IOException {
			throw new IOException("disk");
		}

		@OnMessage("quiet")
		String quiet() {
			throw new ArrayStoreException("swallowed");
		}

		@OnError
		String state(IllegalStateException ex) {
			return "state handled: " + ex.getMessage();
		}

		@OnError(RuntimeException.class)
		WsException runtime(RuntimeException ex) {
			return new WsException(WsErrorCode.FORBIDDEN, "runtime handled: " + ex.getMessage());
		}

		@OnError({ UnsupportedOperationException.class, ArrayStoreException.class })
		void ignored(RuntimeException ex, @Nullable WsMessage message) {
			if (message == null) {
				this.openFailures.add(ex.getMessage());
			}
		}

	}

	@WsController("/ws/async")
	static class AsyncController {

		final List<CompletableFuture<String>> pending = new ArrayList<>();

		@OnMessage("later")
		CompletionStage<String> later() {
			CompletableFuture<String> reply = new CompletableFuture<>();
			this.pending.add(reply);
			return reply;
		}

		@OnMessage("now")
		String now(Say say) {
			this.pending.add(CompletableFuture.completedFuture(say.text()));
			return say.text();
		}

		@OnError
		String recovered(IllegalStateException ex) {
			return "recovered: " + ex.getMessage();
		}

	}

	@WsController("/ws/rooms/{room}")
	static class HandshakeController {

		@OnMessage
		String values(@PathVariable(required = false) String room, @RequestParam(defaultValue = "10") int limit,
				@RequestHeader(name = "X-Client", defaultValue = "none") String client) {
			return room + " " + limit + " " + client;
		}

	}

	@WsController("/ws/x")
	static class TwoPayloads {

		@OnMessage("x")
		void say(Join first, Say second) {
		}

	}

	@WsController("/ws/x")
	static class OpenWithAPayload {

		@OnOpen
		void open(WsConnection connection, Join join) {
		}

	}

	@WsController("/ws/rooms/{room}")
	static class UnknownPathVariable {

		@OnMessage
		void say(@PathVariable String room, @PathVariable String user) {
		}

	}

	@WsController("/ws/x")
	static class BinaryRecord {

		@OnBinary
		void binary(Say say) {
		}

	}

	@WsController("/ws/x")
	static class SameType {

		@OnMessage("x")
		void one(String text) {
		}

		@OnMessage("x")
		void two(String text) {
		}

	}

	@WsController("/ws/x")
	static class OnlyAndTyped {

		@OnMessage
		void all(String text) {
		}

		@OnMessage("x")
		void typed(String text) {
		}

	}

	@WsController("/ws/x")
	static class NothingAnnotated {

		void notACallback() {
		}

	}

}
