package dev.gofr.ws.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.JsonErrorFrameFormat;
import dev.gofr.ws.heartbeat.HeartbeatListener;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.OverflowPolicy;
import dev.gofr.ws.send.SendResult;
import dev.gofr.ws.send.SendSettings;
import dev.gofr.ws.testing.TestSocket;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerConnection}: its open, its close handshake, its cut-offs, its end and its
 * heartbeat, over {@link TestSocket}s whose writes and closes the tests hold, fail or let through,
 * on a node without threads and a {@link ManualTicker} the tests move. Everything happens on the
 * test's thread, so nothing is awaited.
 */
class ServerConnectionTests {

	private static final Duration PING_INTERVAL = HeartbeatSettings.DEFAULTS.pingInterval();

	private static final Duration PONG_WAIT = HeartbeatSettings.DEFAULTS.pongWait();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final ManualTicker ticker = new ManualTicker();

	/** The tasks of a handler executor that the tests run by hand. */
	private final Queue<Runnable> tasks = new ArrayDeque<>();

	private final NodeServices node = NodeServices.withoutThreads(new ConnectionRegistry(), new Rooms(),
			new JacksonPayloadCodec(), new JsonErrorFrameFormat(), List.of(new ConnectionListener() {

				@Override
				public void opened(WsConnection connection) {
					ServerConnectionTests.this.events.add("opened");
				}

				@Override
				public void closed(WsConnection connection, CloseStatus status) {
					ServerConnectionTests.this.events.add("closed " + status.getCode() + " " + status.getReason());
				}

			}), List.of(new HeartbeatListener() {

				@Override
				public void pingSent(WsConnection connection) {
					ServerConnectionTests.this.events.add("ping " + connection.id());
				}

				@Override
				public void timedOut(WsConnection connection, Duration silence) {
					ServerConnectionTests.this.events.add("timed out after " + silence);
				}

			}), this.ticker, ids());

	private final RouteWebSocketHandler route = route(RouteSettings.DEFAULTS);

	private static Supplier<String> ids() {
		AtomicInteger ids = new AtomicInteger();
		return () -> "c" + ids.incrementAndGet();
	}

	private RouteWebSocketHandler route(RouteSettings settings) {
		return new RouteWebSocketHandler(WsRoute.of("/ws/test", new WsHandler() {

			@Override
			public Object onMessage(WsConnection connection, WsMessage message) {
				ServerConnectionTests.this.calls.add("message " + message.text());
				return "got " + message.text();
			}

			@Override
			public void onOpen(WsConnection connection) {
				ServerConnectionTests.this.calls.add("onOpen " + connection.state());
				if (connection.get("close in onOpen") != null) {
					connection.close(4000, "not now");
				}
			}

			@Override
			public void onError(WsConnection connection, Throwable error) {
				ServerConnectionTests.this.calls.add("onError " + error.getMessage());
			}

			@Override
			public void onClose(WsConnection connection, CloseStatus status) {
				ServerConnectionTests.this.calls.add("onClose " + status.getCode());
			}

		}), "test", settings, this.node);
	}

	private TestSocket open() {
		return new TestSocket().open(this.route);
	}

	@Test
	void anOpenRegistersTheConnectionTellsTheListenersAndCallsOnOpen() {
		TestSocket socket = new TestSocket().create(this.route);
		ServerConnection connection = socket.connection();
		assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTING);
		assertThat(connection.sendText("too early")).isEqualTo(SendResult.CLOSED);
		connection.open();
		assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
		assertThat(this.node.registry().find(connection.id())).containsSame(connection);
		assertThat(this.events).containsExactly("opened");
		assertThat(this.calls).containsExactly("onOpen OPEN");
	}

	@Test
	void onANodeWithoutSecurityAuthenticatingReplacesThePrincipalAlone() {
		TestSocket socket = new TestSocket(() -> "alice").open(this.route);
		ServerConnection connection = socket.connection();
		assertThat(connection.principal().getName()).isEqualTo("alice");
		assertThat(connection.user()).isNull();
		connection.authenticate(() -> "alice-again");
		assertThat(connection.principal().getName()).isEqualTo("alice-again");
		assertThat(connection.info().principal().getName()).isEqualTo("alice-again");
		this.ticker.advance(Duration.ofDays(1));
		connection.sweep(this.ticker.nanos());
		assertThat(socket.closes()).noneMatch((close) -> close.startsWith("1008"));
	}

	@Test
	void aMessageIsCountedAndRunsThroughTheRouteAndItsReplyIsWritten() {
		TestSocket socket = open();
		ServerConnection connection = socket.connection();
		connection.receive(WsMessage.text("hello", this.node.codec()));
		assertThat(this.calls).endsWith("message hello");
		assertThat(socket.texts()).containsExactly("got hello");
		assertThat(connection.info().messagesReceived()).isOne();
		assertThat(connection.info().bytesReceived()).isEqualTo(5);
		assertThat(connection.info().messagesSent()).isOne();
		assertThat(connection.info().bytesSent()).isEqualTo(9);
	}

	@Test
	void aCloseWritesTheFramesQueuedBeforeItThenTheCloseFrameAndEndsWhenThePeerAnswers() {
		TestSocket socket = open().holdWrites().holdClose();
		ServerConnection connection = socket.connection();
		connection.sendText("one");
		connection.sendText("two");
		connection.close(1000, "bye");
		assertThat(connection.state()).isEqualTo(ConnectionState.CLOSING);
		assertThat(connection.sendText("late")).isEqualTo(SendResult.CLOSED);
		assertThat(socket.closes()).as("not before the frames queued").isEmpty();
		socket.releaseWrites();
		assertThat(socket.texts()).containsExactly("one", "two");
		assertThat(socket.closes()).containsExactly("1000 bye");
		assertThat(this.node.registry().count()).as("until the peer answers").isOne();
		socket.answerClose();
		assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(this.node.registry().count()).isZero();
		assertThat(this.events).containsExactly("opened", "closed 1000 bye");
		assertThat(this.calls).endsWith("onClose 1000");
	}

	@Test
	void aCloseAskedForInOnOpenGoesAheadOnceOnOpenHasReturned() {
		TestSocket socket = new TestSocket().create(this.route);
		socket.connection().set("close in onOpen", true);
		socket.connection().open();
		assertThat(socket.closes()).containsExactly("4000 not now");
		assertThat(this.calls).containsExactly("onOpen OPEN", "onClose 4000");
		assertThat(this.node.registry().count()).isZero();
	}

	@Test
	void aPeerThatClosesFirstEndsTheConnectionWithItsStatusOnceHoweverOftenItIsReported() {
		TestSocket socket = open();
		socket.connection().join("lobby");
		socket.closeFromPeer(new CloseStatus(1001, "going away"));
		socket.closeFromPeer(CloseStatus.NO_CLOSE_FRAME);
		assertThat(socket.closes()).isEmpty();
		assertThat(this.node.rooms().count("lobby")).isZero();
		assertThat(this.events).containsExactly("opened", "closed 1001 going away");
		assertThat(this.calls).containsExactly("onOpen OPEN", "onClose 1001");
	}

	@Test
	void aSendBufferThatOverflowsCutsTheConnectionOffWith1013AndDropsWhatWasQueued() {
		RouteWebSocketHandler small = route(new RouteSettings(1024, 1024,
				new SendSettings(8, Duration.ofSeconds(10), OverflowPolicy.CLOSE), HeartbeatSettings.DEFAULTS));
		TestSocket socket = new TestSocket().open(small).holdWrites();
		ServerConnection connection = socket.connection();
		assertThat(connection.sendText("12345678")).isEqualTo(SendResult.QUEUED); // being written, and stuck
		assertThat(connection.sendText("more")).isEqualTo(SendResult.CLOSED);
		assertThat(socket.closes()).containsExactly("1013 Send buffer overflow");
		assertThat(this.events).containsExactly("opened", "closed 1013 Send buffer overflow");
		assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
	}

	@Test
	void aWriteStuckLongerThanTheSendTimeoutIsCutOffWith1013AtTheNextSweep() {
		TestSocket socket = open().holdWrites();
		ServerConnection connection = socket.connection();
		connection.sendText("stuck");
		Duration timeout = SendSettings.DEFAULTS.timeout();
		this.ticker.advance(timeout);
		connection.sweep(this.ticker.nanos());
		assertThat(socket.closes()).as("stuck for exactly the timeout").isEmpty();
		this.ticker.advance(Duration.ofMillis(1));
		connection.sweep(this.ticker.nanos());
		assertThat(socket.closes()).containsExactly("1013 Send timeout");
		assertThat(this.events).containsExactly("opened", "closed 1013 Send timeout");
	}

	@Test
	void aCutOffBeforeTheQueuedCloseIsReachedIsTheCloseThatIsWrittenAndRecorded() {
		TestSocket socket = open().holdWrites();
		ServerConnection connection = socket.connection();
		connection.sendText("stuck");
		connection.close(1000, "bye"); // queued behind the stuck write
		assertThat(connection.cutOff(1013, "Send timeout")).isTrue();
		assertThat(connection.cutOff(1013, "Send timeout")).as("once").isFalse();
		assertThat(socket.closes()).containsExactly("1013 Send timeout");
		assertThat(this.events).containsExactly("opened", "closed 1013 Send timeout");
	}

	@Test
	void aCutOffWhileTheCloseFrameIsOnItsWayNeitherWritesAnotherNorChangesTheRecord() {
		TestSocket socket = open().holdClose();
		ServerConnection connection = socket.connection();
		connection.close(1000, "bye");
		assertThat(socket.closes()).containsExactly("1000 bye");
		// the 1000 is on its way out; the sweeper, say, now cuts the connection off
		assertThat(connection.cutOff(4408, "Heartbeat timeout")).isTrue();
		socket.answerClose();
		assertThat(socket.closes()).containsExactly("1000 bye");
		assertThat(this.events).containsExactly("opened", "closed 1000 bye");
	}

	@Test
	void aWriteThatFailsEndsTheConnectionAs1006ForThePeerSawNoCloseFrame() {
		TestSocket socket = open().failWrites(new IOException("Broken pipe"));
		socket.connection().sendText("lost");
		assertThat(socket.closes()).containsExactly("1011 Write failed");
		assertThat(this.events).containsExactly("opened", "closed 1006 Write failed");
		assertThat(this.calls).endsWith("onClose 1006");
	}

	@Test
	void aCloseFrameThatCannotBeWrittenIsRecordedAs1006() {
		TestSocket socket = open().failClose(new IOException("Broken pipe"));
		socket.connection().close(1000, "bye");
		assertThat(this.events).containsExactly("opened", "closed 1006 bye");
		assertThat(this.calls).as("a failure while closing is no error of the open connection")
			.containsExactly("onOpen OPEN", "onClose 1006");
	}

	@Test
	void aTransportFailureWhileOpenReachesTheHandlersOnError() {
		TestSocket socket = open();
		socket.connection().transportFailed(new IOException("Connection reset"));
		assertThat(this.calls).containsExactly("onOpen OPEN", "onError Connection reset");
		assertThat(socket.connection().state()).isEqualTo(ConnectionState.OPEN);
	}

	@Test
	void theHeartbeatPingsAConnectionSilentForAWholeIntervalAndNotOneThatSentSomething() {
		TestSocket silent = open();
		ServerConnection quiet = silent.connection();
		TestSocket chatty = open();
		ServerConnection talking = chatty.connection();
		this.ticker.advance(PING_INTERVAL.minusMillis(1));
		talking.touch(); // a frame came in: it is alive
		this.ticker.advance(Duration.ofMillis(1));
		sweep(quiet, talking); // an interval after both opened: only the silent one is pinged
		assertThat(pings()).containsExactly("ping " + quiet.id());
		assertThat(silent.frames()).extracting(OutboundFrame::kind).containsExactly(OutboundFrame.Kind.PING);

		this.ticker.advance(PING_INTERVAL.minusMillis(2));
		sweep(quiet, talking); // the one pinged, and the one heard from, a moment less than an interval ago
		assertThat(pings()).containsExactly("ping " + quiet.id());
		this.ticker.advance(Duration.ofMillis(1));
		sweep(quiet, talking); // an interval since the talking one was heard from
		assertThat(pings()).containsExactly("ping " + quiet.id(), "ping " + talking.id());
		assertThat(chatty.frames()).hasSize(1);
		assertThat(silent.frames()).hasSize(1);
	}

	@Test
	void aConnectionSilentForLongerThanThePongWaitIsCutOffWith4408() {
		TestSocket socket = open();
		ServerConnection connection = socket.connection();
		this.ticker.advance(PONG_WAIT);
		connection.sweep(this.ticker.nanos());
		assertThat(connection.state()).as("silent for exactly the pong wait").isEqualTo(ConnectionState.OPEN);
		this.ticker.advance(Duration.ofMillis(1));
		connection.sweep(this.ticker.nanos());
		assertThat(socket.closes()).containsExactly("4408 Heartbeat timeout");
		assertThat(this.events).contains("timed out after " + PONG_WAIT.plusMillis(1), "closed 4408 Heartbeat timeout");
	}

	@Test
	void aTransportThatVanishedUnnoticedIsTakenOutOfServiceOnTheThirdSweep() {
		TestSocket socket = open().vanish();
		ServerConnection connection = socket.connection();
		connection.sweep(this.ticker.nanos());
		connection.sweep(this.ticker.nanos());
		assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
		connection.sweep(this.ticker.nanos());
		assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
		assertThat(this.events).containsExactly("opened", "closed 1006 null");
	}

	// With the handler on an executor, run by hand

	@Test
	void onAnExecutorOnOpenTheMessagesAndOnCloseRunThereInTheirOrder() {
		TestSocket socket = new TestSocket().open(onExecutor(16));
		ServerConnection connection = socket.connection();
		assertThat(this.events).containsExactly("opened");
		assertThat(this.calls).as("nothing on the transport's thread").isEmpty();
		connection.receive(WsMessage.text("a", this.node.codec()));
		runTasks();
		assertThat(this.calls).containsExactly("onOpen OPEN", "message a");
		assertThat(socket.texts()).containsExactly("got a");
		connection.receive(WsMessage.text("b", this.node.codec()));
		socket.closeFromPeer(new CloseStatus(1001, "going away"));
		assertThat(this.node.registry().count()).isZero();
		assertThat(this.calls).as("onClose waits for the message before it").hasSize(2);
		runTasks();
		assertThat(this.calls).containsExactly("onOpen OPEN", "message a", "message b", "onClose 1001");
		assertThat(this.events).containsExactly("opened", "closed 1001 going away");
	}

	@Test
	void onAnExecutorACloseByThisSideDropsTheMessagesStillWaitingAndReadsAgain() {
		TestSocket socket = new TestSocket().pausingReads().holdClose().open(onExecutor(2));
		ServerConnection connection = socket.connection();
		runTasks();
		connection.receive(WsMessage.text("a", this.node.codec()));
		connection.receive(WsMessage.text("b", this.node.codec()));
		assertThat(socket.readEvents()).containsExactly("pause");
		connection.close(1001, "Server shutting down"); // as a shutdown closes every connection
		assertThat(socket.readEvents()).as("so that the peer's answer arrives").containsExactly("pause", "resume");
		runTasks();
		socket.answerClose();
		runTasks();
		assertThat(socket.closes()).containsExactly("1001 Server shutting down");
		assertThat(this.calls).containsExactly("onOpen OPEN", "onClose 1001");
	}

	@Test
	void onAnExecutorAPeerWhoseReadsArePausedIsNotTakenForSilent() {
		TestSocket socket = new TestSocket().pausingReads().open(onExecutor(1));
		ServerConnection connection = socket.connection();
		connection.receive(WsMessage.text("a", this.node.codec()));
		assertThat(socket.readEvents()).containsExactly("pause");
		this.ticker.advance(PONG_WAIT.plusSeconds(1));
		connection.sweep(this.ticker.nanos());
		assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
		runTasks();
		assertThat(socket.readEvents()).containsExactly("pause", "resume");
		this.ticker.advance(PONG_WAIT.plusSeconds(1));
		connection.sweep(this.ticker.nanos());
		assertThat(socket.closes()).containsExactly("4408 Heartbeat timeout");
	}

	@Test
	void onAnExecutorAFailureOfTheTransportReachesOnErrorThere() {
		TestSocket socket = new TestSocket().open(onExecutor(16));
		socket.connection().transportFailed(new IllegalStateException("reset"));
		assertThat(this.calls).isEmpty();
		runTasks();
		assertThat(this.calls).containsExactly("onOpen OPEN", "onError reset");
	}

	private RouteWebSocketHandler onExecutor(int maxQueuedMessages) {
		return route(RouteSettings.DEFAULTS.withExecution(HandlerExecution.on(this.tasks::add, maxQueuedMessages)));
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			task.run();
		}
	}

	private List<String> pings() {
		return this.events.stream().filter((event) -> event.startsWith("ping ")).toList();
	}

	private void sweep(ServerConnection... connections) {
		for (ServerConnection connection : connections) {
			connection.sweep(this.ticker.nanos());
		}
	}

}
