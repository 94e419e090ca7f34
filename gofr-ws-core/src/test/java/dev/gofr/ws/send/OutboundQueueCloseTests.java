package dev.gofr.ws.send;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.send.RecordingListener.Drop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboundQueue}: how a queue ends, by a close that it reaches after the frames
 * queued before it, by a discard, by a write failure, or abandoned with its connection.
 */
class OutboundQueueCloseTests {

	private final RecordingFrameWriter writer = new RecordingFrameWriter();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void offerCloseWritesQueuedFramesFirstThenReachesTheClose() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame first = OutboundFrame.text("first");
		OutboundFrame second = OutboundFrame.text("second");
		OutboundFrame close = OutboundFrame.close(1000, "bye");
		queue.offer(first);
		queue.offer(second);
		assertThat(queue.offerClose(close)).isTrue();
		assertThat(queue.isFinished()).isTrue();
		assertThat(queue.offer(OutboundFrame.text("late"))).isEqualTo(SendResult.CLOSED);
		assertThat(this.listener.closes()).isEmpty();
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(first, second);
		assertThat(this.listener.closes()).isEmpty();
		this.writer.completeNext();
		assertThat(this.listener.closes()).containsExactly(close);
		assertThat(this.listener.events()).containsExactly("sent first", "sent second", "close bye");
		assertThat(this.writer.written()).containsExactly(first, second); // the owner writes the close
		assertThat(queue.offer(OutboundFrame.text("later"))).isEqualTo(SendResult.CLOSED);
		assertThat(queue.offerClose(OutboundFrame.close(1001, "again"))).isFalse();
		assertThat(this.listener.closes()).containsExactly(close);
		assertThat(this.listener.dropped()).isEmpty();
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.inFlightSince()).isZero();
	}

	@Test
	void offerCloseOnAnIdleQueueReachesTheCloseAtOnce() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame close = OutboundFrame.close(1001, "going away");
		assertThat(queue.offerClose(close)).isTrue();
		assertThat(this.listener.closes()).containsExactly(close);
		assertThat(this.writer.written()).isEmpty();
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void secondOfferCloseIsRefused() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		queue.offer(OutboundFrame.text("pending"));
		assertThat(queue.offerClose(OutboundFrame.close(1000, "first"))).isTrue();
		assertThat(queue.offerClose(OutboundFrame.close(1001, "second"))).isFalse();
		this.writer.completeNext();
		assertThat(this.listener.closes()).extracting(OutboundFrame::text).containsExactly("first");
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void offerCloseAfterDiscardIsRefused() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		queue.discard();
		assertThat(queue.offerClose(OutboundFrame.close(1000, ""))).isFalse();
		assertThat(this.listener.closes()).isEmpty();
	}

	@Test
	void discardDropsQueuedFramesAndStopsWriting() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame inFlight = OutboundFrame.text("a");
		OutboundFrame second = OutboundFrame.text("bb");
		OutboundFrame third = OutboundFrame.binary(new byte[3]);
		queue.offer(inFlight);
		queue.offer(second);
		queue.offer(third);
		queue.discard();
		assertThat(queue.isFinished()).isTrue();
		assertThat(this.listener.dropped()).containsExactly(new Drop(second, DropReason.CLOSED),
				new Drop(third, DropReason.CLOSED));
		assertThat(queue.queuedBytes()).isEqualTo(1); // the frame being written
		assertThat(queue.offer(OutboundFrame.text("late"))).isEqualTo(SendResult.CLOSED);
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(inFlight);
		assertThat(this.writer.pendingCount()).isZero();
		assertThat(this.listener.sent()).containsExactly(inFlight);
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.inFlightSince()).isZero();
	}

	@Test
	void discardDropsAQueuedCloseWithoutReportingIt() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame inFlight = OutboundFrame.text("a");
		queue.offer(inFlight);
		queue.offerClose(OutboundFrame.close(1000, ""));
		queue.discard();
		this.writer.completeNext();
		assertThat(this.listener.closes()).isEmpty();
		assertThat(this.listener.dropped()).isEmpty();
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void writeFailureDropsTheFrameDiscardsTheQueueAndTellsTheListener() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame failing = OutboundFrame.text("a");
		OutboundFrame second = OutboundFrame.text("bb");
		OutboundFrame third = OutboundFrame.text("ccc");
		queue.offer(failing);
		queue.offer(second);
		queue.offer(third);
		IOException failure = new IOException("Broken pipe");
		this.writer.failNext(failure);
		assertThat(this.listener.dropped()).containsExactly(new Drop(failing, DropReason.WRITE_FAILED),
				new Drop(second, DropReason.CLOSED), new Drop(third, DropReason.CLOSED));
		assertThat(this.listener.failures()).containsExactly(failure);
		assertThat(this.listener.sent()).isEmpty();
		assertThat(this.writer.written()).containsExactly(failing);
		assertThat(queue.isFinished()).isTrue();
		assertThat(queue.offer(OutboundFrame.text("late"))).isEqualTo(SendResult.CLOSED);
		assertThat(queue.offerClose(OutboundFrame.close(1000, ""))).isFalse();
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.inFlightSince()).isZero();
	}

	@Test
	void writeFailureOnTheCallingThreadStopsTheQueue() {
		IOException failure = new IOException("Connection reset");
		this.writer.failSynchronously(failure);
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame frame = OutboundFrame.text("a");
		queue.offer(frame);
		assertThat(this.listener.dropped()).containsExactly(new Drop(frame, DropReason.WRITE_FAILED));
		assertThat(this.listener.failures()).containsExactly(failure);
		assertThat(queue.offer(OutboundFrame.text("b"))).isEqualTo(SendResult.CLOSED);
		assertThat(this.writer.written()).containsExactly(frame);
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void aWriteFailureStopsWritingEvenWhenAFrameIsOfferedWhileItIsReported() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame failed = OutboundFrame.text("failed");
		OutboundFrame late = OutboundFrame.text("late");
		List<SendResult> lateResults = new ArrayList<>();
		// a sender on another connection's thread would race here; the listener makes it certain
		this.listener.onDropped((drop) -> {
			if (drop.reason() == DropReason.WRITE_FAILED) {
				lateResults.add(queue.offer(late));
			}
		});
		queue.offer(failed);
		this.writer.failNext(new IOException("broken pipe"));
		assertThat(this.writer.written()).containsExactly(failed);
		assertThat(lateResults).containsExactly(SendResult.CLOSED);
		assertThat(this.listener.failures()).hasSize(1);
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void abandonReportsTheFrameBeingWrittenAndIgnoresItsLateCompletion() {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame inFlight = OutboundFrame.text("in flight");
		OutboundFrame queued = OutboundFrame.text("queued");
		queue.offer(inFlight);
		queue.offer(queued);
		// the connection is gone; its container queued the write behind its own close and will never complete it
		queue.abandon();
		assertThat(this.listener.dropped()).containsExactly(new Drop(inFlight, DropReason.CLOSED),
				new Drop(queued, DropReason.CLOSED));
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.inFlightSince()).isZero();
		this.writer.completeNext(); // or it does complete, later
		assertThat(this.listener.sent()).isEmpty();
		assertThat(this.listener.dropped()).hasSize(2);
		assertThat(this.listener.failures()).isEmpty();
	}

	private OutboundQueue queue(SendSettings settings) {
		return new OutboundQueue(this.writer, settings, this.listener);
	}

}
