package dev.gofr.ws.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link QueueWriters}: queues handed over are written on the writer thread, frames
 * that piled up leave as one burst, a broadcasting thread helps once the writers are too far
 * behind, and nothing handed over is lost when the writers close.
 */
class QueueWritersTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final QueueWriters writers = new QueueWriters(1, "test-writer");

	@AfterEach
	void close() {
		this.writers.close();
	}

	private OutboundQueue queue(ThreadRecordingWriter writer) {
		return new OutboundQueue(writer, SendSettings.DEFAULTS, new NoListener(), this.writers);
	}

	@Test
	void aQueueHandedOverIsWrittenOnTheWriterThreadInOrder() {
		ThreadRecordingWriter writer = new ThreadRecordingWriter();
		OutboundQueue queue = queue(writer);
		for (int i = 0; i < 100; i++) {
			assertThat(queue.offerToWriter(OutboundFrame.text("m" + i))).isEqualTo(SendResult.QUEUED);
		}
		await().atMost(WAIT).until(() -> writer.writes.size() == 100);
		assertThat(writer.writes).extracting(Write::text).containsExactlyElementsOf(texts(100));
		assertThat(writer.writes).extracting(Write::thread).containsOnly("test-writer-1");
	}

	@Test
	void framesThatPiledUpWhileTheWriterWasBusyLeaveAsOneBurst() throws Exception {
		ThreadRecordingWriter blocking = new ThreadRecordingWriter();
		OutboundQueue busy = queue(blocking);
		blocking.holdOn("hold");
		busy.offerToWriter(OutboundFrame.text("hold")); // the writer thread is now inside this write
		assertThat(blocking.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		ThreadRecordingWriter writer = new ThreadRecordingWriter();
		OutboundQueue queue = queue(writer);
		for (int i = 0; i < 10; i++) {
			queue.offerToWriter(OutboundFrame.text("m" + i));
		}
		blocking.release.countDown();
		await().atMost(WAIT).until(() -> writer.writes.size() == 10);
		assertThat(writer.writes).extracting(Write::more)
			.containsExactly(true, true, true, true, true, true, true, true, true, false);
	}

	@Test
	void aBroadcastingThreadHelpsOnceTheWritersAreMoreThanTheLagBehind() throws Exception {
		ThreadRecordingWriter blocking = new ThreadRecordingWriter();
		OutboundQueue busy = queue(blocking);
		blocking.holdOn("hold");
		busy.offerToWriter(OutboundFrame.text("hold"));
		assertThat(blocking.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		ThreadRecordingWriter writer = new ThreadRecordingWriter();
		OutboundQueue queue = queue(writer);
		String me = Thread.currentThread().getName();
		for (int i = 0; i < QueueWriters.MAX_LAG; i++) {
			queue.offerToWriter(OutboundFrame.text("m" + i));
			this.writers.broadcastQueued();
		}
		assertThat(writer.writes).as("within the lag, left to the writer").isEmpty();
		queue.offerToWriter(OutboundFrame.text("m" + QueueWriters.MAX_LAG));
		this.writers.broadcastQueued();
		assertThat(writer.writes).as("past the lag, written by the broadcasting thread")
			.hasSize(QueueWriters.MAX_LAG + 1)
			.extracting(Write::thread)
			.containsOnly(me);
		blocking.release.countDown();
	}

	@Test
	void queuesHandedOverAfterTheWritersClosedAreWrittenByTheOfferingThread() {
		this.writers.close();
		ThreadRecordingWriter writer = new ThreadRecordingWriter();
		OutboundQueue queue = queue(writer);
		queue.offerToWriter(OutboundFrame.text("late"));
		assertThat(writer.writes).extracting(Write::thread).containsExactly(Thread.currentThread().getName());
	}

	private static List<String> texts(int count) {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			texts.add("m" + i);
		}
		return texts;
	}

	private record Write(String text, String thread, boolean more) {
	}

	/** Completes every write at once, and records where it ran; can hold one write until released. */
	private static final class ThreadRecordingWriter implements FrameWriter {

		final List<Write> writes = new CopyOnWriteArrayList<>();

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private volatile @Nullable String held;

		void holdOn(String text) {
			this.held = text;
		}

		@Override
		public void write(OutboundFrame frame, Callback callback) {
			write(frame, callback, false);
		}

		@Override
		public void write(OutboundFrame frame, Callback callback, boolean more) {
			this.writes.add(new Write(frame.text(), Thread.currentThread().getName(), more));
			if (frame.text().equals(this.held)) {
				this.entered.countDown();
				try {
					this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			callback.written(null);
		}

		@Override
		public void close(int code, String reason, Duration timeout) {
		}

		@Override
		public boolean isOpen() {
			return true;
		}

	}

	private static final class NoListener implements OutboundQueue.Listener {

		@Override
		public void sent(OutboundFrame frame) {
		}

		@Override
		public void dropped(OutboundFrame frame, DropReason reason) {
		}

		@Override
		public void overflowed() {
		}

		@Override
		public void writeFailed(Throwable failure) {
		}

		@Override
		public void closeReached(OutboundFrame close) {
		}

	}

}
