package dev.gofr.ws.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OutboundQueue}: frames written in the order offered, one write at a time
 * whichever thread completes it, and what the queue reports of its progress.
 */
class OutboundQueueOrderTests {

	private final RecordingFrameWriter writer = new RecordingFrameWriter();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void writesFramesInOrderOneAtATime() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame first = OutboundFrame.text("first");
		OutboundFrame second = OutboundFrame.binary(new byte[] { 1, 2 });
		OutboundFrame third = OutboundFrame.ping(new byte[] { 3 });
		assertThat(queue.offer(first)).isEqualTo(SendResult.QUEUED);
		assertThat(queue.offer(second)).isEqualTo(SendResult.QUEUED);
		assertThat(queue.offer(third)).isEqualTo(SendResult.QUEUED);
		assertThat(this.writer.written()).containsExactly(first);
		assertThat(this.listener.sent()).isEmpty();
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(first, second);
		assertThat(this.listener.sent()).containsExactly(first);
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(first, second, third);
		this.writer.completeNext();
		assertThat(this.listener.sent()).containsExactly(first, second, third);
		assertThat(this.writer.mostWritesAtOnce()).isEqualTo(1);
		assertThat(this.writer.pendingCount()).isZero();
		assertThat(this.listener.dropped()).isEmpty();
	}

	@Test
	void writesAtOnceWhenTheWriterCompletesOnTheCallingThread() {
		this.writer.completeSynchronously();
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame first = OutboundFrame.text("first");
		OutboundFrame second = OutboundFrame.text("second");
		assertThat(queue.offer(first)).isEqualTo(SendResult.QUEUED);
		assertThat(this.listener.sent()).containsExactly(first);
		assertThat(queue.offer(second)).isEqualTo(SendResult.QUEUED);
		assertThat(this.listener.sent()).containsExactly(first, second);
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.inFlightSince()).isZero();
	}

	@Test
	void synchronousCompletionOfManyQueuedFramesDoesNotRecurse() {
		int count = 100_000;
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		List<OutboundFrame> frames = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			OutboundFrame frame = OutboundFrame.text("x");
			frames.add(frame);
			assertThat(queue.offer(frame)).isEqualTo(SendResult.QUEUED);
		}
		assertThat(this.writer.written()).hasSize(1);
		assertThat(queue.queuedBytes()).isEqualTo(count);
		this.writer.completeSynchronously();
		this.writer.recordStackDepthEvery(10_000);
		this.writer.completeNext(); // the rest is written from inside this call
		assertThat(this.writer.written()).hasSize(count).containsExactlyElementsOf(frames);
		assertThat(this.listener.sent()).hasSize(count);
		assertThat(this.writer.mostWritesAtOnce()).isEqualTo(1);
		List<Integer> depths = this.writer.stackDepths();
		assertThat(depths).hasSizeGreaterThanOrEqualTo(9);
		// A loop writes every frame at the same depth; recursion would grow by frames per write.
		assertThat(Collections.max(depths) - Collections.min(depths)).isLessThan(10);
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.inFlightSince()).isZero();
	}

	@Test
	void offerRejectsCloseFrames() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		assertThatIllegalArgumentException().isThrownBy(() -> queue.offer(OutboundFrame.close(1000, "")));
		assertThat(this.writer.written()).isEmpty();
	}

	@Test
	void offerCloseRejectsDataFrames() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		assertThatIllegalArgumentException().isThrownBy(() -> queue.offerClose(OutboundFrame.text("no")));
		assertThat(queue.isFinished()).isFalse();
	}

	@Test
	void inFlightSinceIsSetWhileAWriteIsPending() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		assertThat(queue.inFlightSince()).isZero();
		long before = System.nanoTime();
		queue.offer(OutboundFrame.text("a"));
		long after = System.nanoTime();
		long since = queue.inFlightSince();
		assertThat(since).isNotZero();
		assertThat(since - before).isGreaterThanOrEqualTo(0);
		assertThat(after - since).isGreaterThanOrEqualTo(-1); // the low bit is forced on
		queue.offer(OutboundFrame.text("b"));
		assertThat(queue.inFlightSince()).isEqualTo(since);
		this.writer.completeNext();
		assertThat(queue.inFlightSince()).isNotZero();
		this.writer.completeNext();
		assertThat(queue.inFlightSince()).isZero();
	}

	@Test
	void queuedBytesCountsEveryFrameUntilWritten() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		assertThat(queue.queuedBytes()).isZero();
		queue.offer(OutboundFrame.text("héllo")); // 5 characters
		queue.offer(OutboundFrame.binary(new byte[7]));
		queue.offer(OutboundFrame.ping(new byte[3]));
		assertThat(queue.queuedBytes()).isEqualTo(15);
		this.writer.completeNext();
		assertThat(queue.queuedBytes()).isEqualTo(10);
		this.writer.completeNext();
		assertThat(queue.queuedBytes()).isEqualTo(3);
		this.writer.completeNext();
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void settingsAreThoseGiven() {
		SendSettings settings = settings(42, OverflowPolicy.DROP_NEWEST);
		assertThat(queue(settings).settings()).isSameAs(settings);
	}

	private OutboundQueue queue(SendSettings settings) {
		return new OutboundQueue(this.writer, settings, this.listener);
	}

	private static SendSettings settings(long bufferLimit, OverflowPolicy overflow) {
		return new SendSettings(bufferLimit, Duration.ofSeconds(10), overflow);
	}

}
