package dev.gofr.ws.server;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.send.FrameWriter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Mailbox}, on an executor the tests run by hand: each task it is given waits in
 * {@link #tasks} until the test runs it, so every order of events is played on the test's thread,
 * except a reader that a transport without pauses holds.
 */
class MailboxTests {

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final Executor executor = this.tasks::add;

	/** What happened, in order: pauses, resumes, and what the handler was handed. */
	private final List<String> events = new CopyOnWriteArrayList<>();

	private final Reads reads = new Reads(true);

	@Test
	void messagesAreHandedOnInOrderByOneTaskAtATime() {
		Mailbox mailbox = mailbox(16, this.reads);
		mailbox.offer(text("a"));
		mailbox.offer(text("b"));
		mailbox.offer(text("c"));
		assertThat(this.tasks).hasSize(1);
		assertThat(this.events).isEmpty();
		runTasks();
		assertThat(this.events).containsExactly("a", "b", "c");
		mailbox.offer(text("d"));
		assertThat(this.tasks).hasSize(1);
		runTasks();
		assertThat(this.events).containsExactly("a", "b", "c", "d");
	}

	@Test
	void callbacksKeepTheirPlaceAmongTheMessages() {
		Mailbox mailbox = mailbox(16, this.reads);
		mailbox.post(() -> this.events.add("open"));
		mailbox.offer(text("a"));
		mailbox.post(() -> this.events.add("error"));
		mailbox.offer(text("b"));
		mailbox.post(() -> this.events.add("close"));
		runTasks();
		assertThat(this.events).containsExactly("open", "a", "error", "b", "close");
	}

	@Test
	void readsPauseWhenFullAndResumeOnceHalfIsHandled() {
		Mailbox mailbox = mailbox(4, this.reads);
		for (String text : List.of("a", "b", "c")) {
			mailbox.offer(text(text));
		}
		assertThat(this.events).isEmpty();
		assertThat(mailbox.readsPaused()).isFalse();
		mailbox.offer(text("d"));
		assertThat(this.events).containsExactly("pause");
		assertThat(mailbox.readsPaused()).isTrue();
		assertThat(mailbox.waiting()).isEqualTo(4);
		runTasks();
		// taking b leaves 2 of 4 waiting: the reads resume before b is handled
		assertThat(this.events).containsExactly("pause", "a", "resume", "b", "c", "d");
		assertThat(mailbox.readsPaused()).isFalse();
	}

	@Test
	void aResumeDecidedWhileThePauseIsUnderwayComesAfterIt() {
		Mailbox mailbox = mailbox(2, this.reads);
		// the handler's task runs on another thread while the reader is still telling the transport to pause
		this.reads.duringPause = this::runTasks;
		mailbox.offer(text("a"));
		mailbox.offer(text("b"));
		assertThat(this.events).containsExactly("pause", "a", "b", "resume");
		assertThat(mailbox.readsPaused()).isFalse();
		mailbox.offer(text("c"));
		mailbox.offer(text("d"));
		assertThat(this.events).endsWith("resume", "pause", "c", "d", "resume");
	}

	@Test
	void thisSideClosingDropsTheWaitingMessagesAndReadsAgain() {
		Mailbox mailbox = mailbox(2, this.reads);
		mailbox.post(() -> this.events.add("open"));
		mailbox.offer(text("a"));
		mailbox.offer(text("b"));
		mailbox.discard();
		mailbox.offer(text("after the close"));
		mailbox.post(() -> this.events.add("close"));
		assertThat(mailbox.waiting()).isZero();
		runTasks();
		assertThat(this.events).containsExactly("pause", "resume", "open", "close");
	}

	@Test
	void thePeersCloseLeavesTheMessagesItSentBefore() {
		Mailbox mailbox = mailbox(16, this.reads);
		mailbox.offer(text("a"));
		mailbox.offer(text("b"));
		mailbox.ended();
		mailbox.post(() -> this.events.add("close"));
		runTasks();
		assertThat(this.events).containsExactly("a", "b", "close");
	}

	@Test
	void aTransportThatCannotPauseHasItsReaderWaitForRoom() throws Exception {
		Mailbox mailbox = mailbox(1, new Reads(false));
		mailbox.offer(text("a"));
		Thread reader = heldReader(mailbox, "b");
		assertThat(mailbox.readsPaused()).isTrue();
		assertThat(mailbox.waiting()).isEqualTo(1);
		runTask(); // hands a on: room for b
		assertLetGo(reader);
		assertThat(mailbox.readsPaused()).isFalse();
		runTasks();
		assertThat(this.events).containsExactly("a", "b");
	}

	@Test
	void aHeldReaderLetsGoWhenTheConnectionEnds() throws Exception {
		Mailbox mailbox = mailbox(1, new Reads(false));
		mailbox.offer(text("a"));
		Thread reader = heldReader(mailbox, "b");
		mailbox.ended();
		assertLetGo(reader);
		runTasks();
		assertThat(this.events).containsExactly("a", "b");
	}

	@Test
	void aHeldReaderLetsGoAndItsMessageIsDroppedWhenThisSideCloses() throws Exception {
		Mailbox mailbox = mailbox(1, new Reads(false));
		mailbox.offer(text("a"));
		Thread reader = heldReader(mailbox, "b");
		mailbox.discard();
		assertLetGo(reader);
		runTasks();
		assertThat(this.events).isEmpty();
	}

	@Test
	void aTaskMakesWayForOtherConnectionsAfterABatch() {
		Mailbox mailbox = mailbox(1000, this.reads);
		for (int i = 0; i < Mailbox.BATCH + 6; i++) {
			mailbox.offer(text(Integer.toString(i)));
		}
		runTask();
		assertThat(this.events).hasSize(Mailbox.BATCH);
		assertThat(this.tasks).hasSize(1);
		runTasks();
		assertThat(this.events).hasSize(Mailbox.BATCH + 6).endsWith(Integer.toString(Mailbox.BATCH + 5));
	}

	@Test
	void anExecutorThatRefusesHasTheHandlerRunOnTheCallingThread() {
		Executor refusing = (task) -> {
			throw new RejectedExecutionException("shutting down");
		};
		Mailbox mailbox = new Mailbox(refusing, 16, this.reads, (message) -> this.events.add(message.text()));
		mailbox.offer(text("a"));
		mailbox.post(() -> this.events.add("close"));
		assertThat(this.events).containsExactly("a", "close");
	}

	@Test
	void aFailingTaskDoesNotStopTheOthers() {
		Mailbox mailbox = mailbox(16, this.reads);
		mailbox.post(() -> {
			throw new IllegalStateException("boom");
		});
		mailbox.offer(text("a"));
		runTasks();
		assertThat(this.events).containsExactly("a");
		mailbox.offer(text("b"));
		runTasks();
		assertThat(this.events).containsExactly("a", "b");
	}

	private Mailbox mailbox(int capacity, ConnectionTransport transport) {
		return new Mailbox(this.executor, capacity, transport, (message) -> this.events.add(message.text()));
	}

	/** A reader offering a message to a full mailbox, once it waits for room. */
	private static Thread heldReader(Mailbox mailbox, String text) {
		Thread reader = new Thread(() -> mailbox.offer(text(text)), "reader");
		reader.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.WAITING);
		return reader;
	}

	private static void assertLetGo(Thread reader) throws InterruptedException {
		reader.join(10_000);
		assertThat(reader.isAlive()).as("the reader let go").isFalse();
	}

	private static WsMessage text(String text) {
		return WsMessage.text(text, new JacksonPayloadCodec());
	}

	private void runTask() {
		Runnable task = this.tasks.poll();
		assertThat(task).as("a task on the executor").isNotNull();
		task.run();
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			task.run();
		}
	}

	/**
	 * A transport that records its pauses and resumes among the events, and may run something
	 * while it pauses.
	 */
	private final class Reads implements ConnectionTransport {

		private final boolean pausable;

		@Nullable Runnable duringPause;

		Reads(boolean pausable) {
			this.pausable = pausable;
		}

		@Override
		public FrameWriter writer() {
			throw new UnsupportedOperationException("nothing is written");
		}

		@Override
		public boolean pausesReads() {
			return this.pausable;
		}

		@Override
		public void pauseReads() {
			MailboxTests.this.events.add("pause");
			Runnable during = this.duringPause;
			if (during != null) {
				during.run();
			}
		}

		@Override
		public void resumeReads() {
			MailboxTests.this.events.add("resume");
		}

	}

}
