package dev.gofr.ws.sample;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.history.HistorySettings;
import dev.gofr.ws.test.InMemoryConnection;
import dev.gofr.ws.test.InMemoryRoute;
import dev.gofr.ws.test.InMemoryServer;
import org.junit.jupiter.api.Test;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ChatController}, without a server: its route, with the same dispatch,
 * validation and error handling as in the application, runs against in-memory connections, so
 * each test takes milliseconds.
 */
class ChatControllerTests {

	private final InMemoryServer server = new InMemoryServer();

	/** The chat route as the application serves it, from the controller the test gives. */
	private InMemoryRoute chat(Function<Broadcaster, ChatController> controller) {
		return this.server.controller(controller.apply(this.server.broadcaster()));
	}

	private static InMemoryConnection member(InMemoryRoute chat, String name, String room) {
		return chat.connect()
			.receiveText("{\"type\":\"name\",\"name\":\"" + name + "\"}")
			.receiveText("{\"type\":\"join\",\"room\":\"" + room + "\"}")
			.clear();
	}

	@Test
	void joinAnswersWithTheRoomAndItsMemberCount() {
		InMemoryRoute chat = chat(ChatController::new);
		chat.connect().receiveText("{\"type\":\"join\",\"room\":\"lobby\"}");
		InMemoryConnection bob = chat.connect().receiveText("{\"type\":\"join\",\"room\":\"lobby\"}");
		assertThat(bob).lastMessage().isJson().hasPath("$.type", "joined").hasPath("$.room", "lobby").hasPath("$.members", 2);
		assertThat(bob.rooms()).containsExactly("lobby");
	}

	@Test
	void aJoinWithTheLastOffsetSeenGetsJoinedThenWhatTheRoomSaidMeanwhile() {
		InMemoryServer server = InMemoryServer.builder()
			.history(new HistorySettings(List.of("*"), 100, Duration.ofMinutes(5)))
			.build();
		InMemoryRoute chat = server.controller(new ChatController(server.broadcaster()));
		InMemoryConnection bob = member(chat, "bob", "lobby");
		bob.receiveText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"one\"}");
		assertThat(bob).lastMessage().isJson().hasPath("$.offset", 1);
		String epoch = bob.texts().get(0).replaceAll(".*\"epoch\":\"(\\w+)\".*", "$1");
		bob.receiveText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"two\"}");

		InMemoryConnection back = chat.connect()
			.receiveText("{\"type\":\"join\",\"room\":\"lobby\",\"offset\":1,\"epoch\":\"" + epoch + "\"}");
		assertThat(back.texts()).hasSize(2);
		assertThat(back.texts().get(0)).isEqualTo("{\"type\":\"joined\",\"room\":\"lobby\",\"members\":2,\"recovered\":true}");
		assertThat(back).lastMessage().isJson().hasPath("$.text", "two").hasPath("$.offset", 2).hasPath("$.epoch", epoch);
	}

	@Test
	void leaveAnswersLeft() {
		InMemoryConnection alice = member(chat(ChatController::new), "alice", "lobby");
		alice.receiveText("{\"type\":\"leave\",\"room\":\"lobby\"}");
		assertThat(alice).lastMessage().isJson().hasPath("$.type", "left").hasPath("$.room", "lobby");
		assertThat(alice.rooms()).isEmpty();
	}

	@Test
	void aSayReachesEveryMemberOfTheRoomSenderIncludedAndNoOneElse() {
		saysReachTheWholeRoom(ChatController::new);
	}

	@Test
	void theSameTestCatchesAControllerThatLeavesTheSenderOut() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> saysReachTheWholeRoom(SenderLeftOut::new))
			.withMessageContaining("to have been sent 1 messages but it was sent 0");
	}

	private void saysReachTheWholeRoom(Function<Broadcaster, ChatController> controller) {
		InMemoryRoute chat = chat(controller);
		InMemoryConnection alice = member(chat, "alice", "lobby");
		InMemoryConnection bob = member(chat, "bob", "lobby");
		InMemoryConnection carol = member(chat, "carol", "kitchen");
		alice.receiveText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
		for (InMemoryConnection member : new InMemoryConnection[] { bob, alice }) {
			assertThat(member).hasSentMessages(1)
				.lastMessage()
				.isJson()
				.hasPath("$.type", "message")
				.hasPath("$.room", "lobby")
				.hasPath("$.from", "alice")
				.hasPath("$.text", "hi");
		}
		assertThat(carol).hasSentNothing();
	}

	@Test
	void aBroadcastReachesEveryChatConnectionWithANullRoom() {
		InMemoryRoute chat = chat(ChatController::new);
		InMemoryConnection alice = member(chat, "alice", "lobby");
		InMemoryConnection bob = member(chat, "bob", "kitchen");
		bob.receiveText("{\"type\":\"broadcast\",\"text\":\"everyone\"}");
		for (InMemoryConnection connection : new InMemoryConnection[] { alice, bob }) {
			assertThat(connection).lastMessage().isJson().hasPath("$.room", null).hasPath("$.from", "bob");
		}
	}

	@Test
	void withoutANameTheSenderIsItsConnectionId() {
		InMemoryRoute chat = chat(ChatController::new);
		InMemoryConnection anonymous = chat.connect().receiveText("{\"type\":\"join\",\"room\":\"r\"}");
		anonymous.receiveText("{\"type\":\"say\",\"room\":\"r\",\"text\":\"who?\"}");
		assertThat(anonymous).lastMessage().isJson().hasPath("$.from", anonymous.id());
	}

	@Test
	void sayingInARoomNotJoinedIsForbiddenAndTheConnectionStaysOpen() {
		InMemoryConnection alice = chat(ChatController::new).connect()
			.receiveText("{\"type\":\"say\",\"room\":\"elsewhere\",\"text\":\"hi\"}");
		assertThat(alice).isOpen().lastMessage().isError(WsErrorCode.FORBIDDEN).hasPathSatisfying("$.message",
				(message) -> assertThat(message).asString().contains("elsewhere"));
	}

	@Test
	void invalidJsonAndUnknownCommandsGetInvalidPayload() {
		InMemoryConnection alice = chat(ChatController::new).connect();
		alice.receiveText("{not json");
		assertThat(alice).isOpen().lastMessage().isError(WsErrorCode.INVALID_PAYLOAD);
		alice.receiveText("{\"type\":\"teleport\"}");
		assertThat(alice).isOpen().lastMessage().isError(WsErrorCode.INVALID_PAYLOAD);
	}

	@Test
	void aMissingFieldGetsInvalidPayloadNamingIt() {
		InMemoryConnection alice = chat(ChatController::new).connect().receiveText("{\"type\":\"join\"}");
		assertThat(alice).isOpen().lastMessage().isError(WsErrorCode.INVALID_PAYLOAD).hasPathSatisfying("$.message",
				(message) -> assertThat(message).asString().contains("room"));
	}

	@Test
	void aBlankOrTooLongFieldGetsInvalidPayloadNamingIt() {
		InMemoryConnection alice = member(chat(ChatController::new), "alice", "lobby");
		alice.receiveText("{\"type\":\"name\",\"name\":\" \"}");
		assertThat(alice).lastMessage().isError(WsErrorCode.INVALID_PAYLOAD).hasPathSatisfying("$.message",
				(message) -> assertThat(message).asString().contains("name"));
		alice.receiveText("{\"type\":\"join\",\"room\":\"" + "r".repeat(65) + "\"}");
		assertThat(alice).lastMessage().isError(WsErrorCode.INVALID_PAYLOAD).hasPathSatisfying("$.message",
				(message) -> assertThat(message).asString().contains("room"));
		alice.receiveText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"" + "x".repeat(4097) + "\"}");
		assertThat(alice).isOpen().lastMessage().isError(WsErrorCode.INVALID_PAYLOAD).hasPathSatisfying("$.message",
				(message) -> assertThat(message).asString().contains("text"));
		assertThat(alice.rooms()).containsExactly("lobby");
	}

	@Test
	void theLongestNameRoomAndTextPass() {
		InMemoryConnection alice = member(chat(ChatController::new), "a".repeat(64), "r".repeat(64));
		alice.receiveText("{\"type\":\"say\",\"room\":\"" + "r".repeat(64) + "\",\"text\":\"" + "x".repeat(4096) + "\"}");
		assertThat(alice).lastMessage().isJson().hasPath("$.type", "message").hasPath("$.from", "a".repeat(64));
	}

	@Test
	void fieldsACommandDoesNotUseAreIgnored() {
		InMemoryConnection alice = chat(ChatController::new).connect()
			.receiveText("{\"type\":\"join\",\"room\":\"lobby\",\"offset\":3,\"epoch\":\"e\"}");
		assertThat(alice).lastMessage().isJson().hasPath("$.type", "joined").hasPath("$.room", "lobby");
	}

	@Test
	void binaryMessagesCloseWith1003() {
		InMemoryConnection alice = chat(ChatController::new).connect().receiveBinary(new byte[] { 1 });
		assertThat(alice).isClosedWith(1003);
	}

	/**
	 * A deliberately broken chat: a say reaches the room except the sender.
	 */
	static final class SenderLeftOut extends ChatController {

		private final Broadcaster broadcaster;

		SenderLeftOut(Broadcaster broadcaster) {
			super(broadcaster);
			this.broadcaster = broadcaster;
		}

		@Override
		void say(ChatCommand.Say command, WsConnection connection) {
			this.broadcaster.toRoom(command.room())
				.except(connection)
				.send(new ChatEvent.Message(command.room(), String.valueOf(connection.get(NAME)), command.text()));
		}

	}

}
