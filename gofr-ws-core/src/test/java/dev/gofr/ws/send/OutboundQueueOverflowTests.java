package dev.gofr.ws.send;

import java.time.Duration;

import dev.gofr.ws.send.RecordingListener.Drop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboundQueue}: what each {@link OverflowPolicy} does with a frame that does
 * not fit under the buffer limit, and what it never drops.
 */
class OutboundQueueOverflowTests {

	private final RecordingFrameWriter writer = new RecordingFrameWriter();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void overflowWithClosePolicyRefusesTheFrameAndTellsTheListener() {
		OutboundQueue queue = queue(settings(10, OverflowPolicy.CLOSE));
		OutboundFrame inFlight = OutboundFrame.text("aaaaa");
		OutboundFrame queued = OutboundFrame.text("bbbbb");
		OutboundFrame tooMuch = OutboundFrame.text("c");
		assertThat(queue.offer(inFlight)).isEqualTo(SendResult.QUEUED);
		assertThat(queue.offer(queued)).isEqualTo(SendResult.QUEUED); // exactly at the limit
		assertThat(this.listener.overflowCount()).isZero();
		assertThat(queue.offer(tooMuch)).isEqualTo(SendResult.CLOSED);
		assertThat(this.listener.overflowCount()).isEqualTo(1);
		assertThat(this.listener.dropped()).containsExactly(new Drop(tooMuch, DropReason.OVERFLOW));
		assertThat(queue.queuedBytes()).isEqualTo(10);
		this.writer.completeNext();
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(inFlight, queued);
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void overflowWithDropNewestDropsTheNewFrameAndKeepsTheQueuedOnes() {
		OutboundQueue queue = queue(settings(10, OverflowPolicy.DROP_NEWEST));
		OutboundFrame inFlight = OutboundFrame.text("aaaaa");
		OutboundFrame queued = OutboundFrame.text("bbbbb");
		OutboundFrame tooMuch = OutboundFrame.text("c");
		queue.offer(inFlight);
		queue.offer(queued);
		assertThat(queue.offer(tooMuch)).isEqualTo(SendResult.DROPPED);
		assertThat(this.listener.dropped()).containsExactly(new Drop(tooMuch, DropReason.OVERFLOW));
		assertThat(this.listener.overflowCount()).isZero();
		assertThat(queue.queuedBytes()).isEqualTo(10);
		this.writer.completeNext();
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(inFlight, queued);
		assertThat(this.listener.sent()).containsExactly(inFlight, queued);
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.offer(OutboundFrame.text("d"))).isEqualTo(SendResult.QUEUED);
	}

	@Test
	void overflowWithDropOldestDropsQueuedFramesOldestFirstButNotTheOneBeingWritten() {
		OutboundQueue queue = queue(settings(10, OverflowPolicy.DROP_OLDEST));
		OutboundFrame inFlight = OutboundFrame.text("aaaaa");
		OutboundFrame oldest = OutboundFrame.text("bbb");
		OutboundFrame older = OutboundFrame.text("cc");
		OutboundFrame newest = OutboundFrame.text("dddd");
		queue.offer(inFlight);
		queue.offer(oldest);
		queue.offer(older);
		assertThat(queue.queuedBytes()).isEqualTo(10);
		assertThat(queue.offer(newest)).isEqualTo(SendResult.QUEUED);
		assertThat(this.listener.dropped()).containsExactly(new Drop(oldest, DropReason.OVERFLOW),
				new Drop(older, DropReason.OVERFLOW));
		assertThat(this.listener.overflowCount()).isZero();
		assertThat(queue.queuedBytes()).isEqualTo(9);
		this.writer.completeNext();
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(inFlight, newest);
		assertThat(this.listener.sent()).containsExactly(inFlight, newest);
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void overflowWithDropOldestStopsAsSoonAsTheNewFrameFits() {
		OutboundQueue queue = queue(settings(10, OverflowPolicy.DROP_OLDEST));
		OutboundFrame inFlight = OutboundFrame.text("aaaa");
		OutboundFrame oldest = OutboundFrame.text("bbb");
		OutboundFrame kept = OutboundFrame.text("ccc");
		OutboundFrame newest = OutboundFrame.text("dd");
		queue.offer(inFlight);
		queue.offer(oldest);
		queue.offer(kept);
		assertThat(queue.offer(newest)).isEqualTo(SendResult.QUEUED);
		assertThat(this.listener.dropped()).containsExactly(new Drop(oldest, DropReason.OVERFLOW));
		this.writer.completeNext();
		this.writer.completeNext();
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(inFlight, kept, newest);
	}

	@Test
	void overflowWithDropOldestKeepsTheFrameBeingWrittenEvenWhenStillOverTheLimit() {
		OutboundQueue queue = queue(settings(10, OverflowPolicy.DROP_OLDEST));
		OutboundFrame inFlight = OutboundFrame.text("aaaaaaaa");
		OutboundFrame queued = OutboundFrame.text("bb");
		OutboundFrame newest = OutboundFrame.text("ccccc");
		queue.offer(inFlight);
		queue.offer(queued);
		assertThat(queue.offer(newest)).isEqualTo(SendResult.QUEUED);
		assertThat(this.listener.dropped()).containsExactly(new Drop(queued, DropReason.OVERFLOW));
		assertThat(queue.queuedBytes()).isEqualTo(13);
		this.writer.completeNext();
		this.writer.completeNext();
		assertThat(this.writer.written()).containsExactly(inFlight, newest);
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void frameLargerThanTheLimitIsAcceptedWhenTheQueueIsEmpty() {
		OutboundQueue queue = queue(settings(10, OverflowPolicy.CLOSE));
		OutboundFrame large = OutboundFrame.binary(new byte[50]);
		assertThat(queue.offer(large)).isEqualTo(SendResult.QUEUED);
		assertThat(this.writer.written()).containsExactly(large);
		assertThat(queue.queuedBytes()).isEqualTo(50);
		this.writer.completeNext();
		assertThat(this.listener.sent()).containsExactly(large);
		assertThat(this.listener.overflowCount()).isZero();
		assertThat(this.listener.dropped()).isEmpty();
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	void dropOldestNeverDropsAQueuedClose() {
		OutboundQueue queue = queue(settings(10, OverflowPolicy.DROP_OLDEST));
		OutboundFrame close = OutboundFrame.close(1000, "bye");
		// A listener that closes a connection once it starts losing frames, as a ConnectionListener
		// may do through ServerConnection.dropped; the same interleaving happens when another thread
		// closes between an offer's 'finished' check and its overflow handling.
		this.listener.onDropped((drop) -> queue.offerClose(close));
		OutboundFrame inFlight = OutboundFrame.text("aaaaaaaa");
		OutboundFrame queued = OutboundFrame.text("bb");
		OutboundFrame newest = OutboundFrame.text("ccccc");
		queue.offer(inFlight);
		queue.offer(queued);
		queue.offer(newest);
		this.writer.completeNext();
		while (this.writer.pendingCount() > 0) {
			this.writer.completeNext();
		}
		assertThat(this.listener.dropped()).extracting(Drop::frame)
			.noneMatch((frame) -> frame.kind() == OutboundFrame.Kind.CLOSE);
		assertThat(this.listener.closes()).containsExactly(close);
		// the newest frame was offered before the close was asked for, so it goes first
		assertThat(this.writer.written()).containsExactly(inFlight, newest);
	}

	private OutboundQueue queue(SendSettings settings) {
		return new OutboundQueue(this.writer, settings, this.listener);
	}

	private static SendSettings settings(long bufferLimit, OverflowPolicy overflow) {
		return new SendSettings(bufferLimit, Duration.ofSeconds(10), overflow);
	}

}
