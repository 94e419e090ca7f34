package dev.gofr.ws.send;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link OutboundQueue}.
 */
class OutboundQueueTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final RecordingFrameWriter writer = new RecordingFrameWriter();

	private final RecordingListener listener = new RecordingListener();

	private final List<ExecutorService> executors = new ArrayList<>();

	@AfterEach
	void stopExecutors() throws InterruptedException {
		for (ExecutorService executor : this.executors) {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	// Order and one write at a time

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

	// Overflow

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

	// Close

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

	// Discard

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

	// Write failures

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

	// Progress

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

	// Concurrency

	@Test
	@Timeout(120)
	void concurrentOffersAreEachWrittenOnceInTheOrderOfEachSender() throws Exception {
		this.writer.completeOn(executor(Executors.newSingleThreadExecutor()));
		OutboundQueue queue = queue(settings(64L * 1024 * 1024, OverflowPolicy.CLOSE));
		int senders = 8;
		int perSender = 5_000;
		List<Offer> offers = offerConcurrently(queue, senders, perSender, (sender) -> {
		});
		assertThat(offers).hasSize(senders * perSender).extracting(Offer::result).containsOnly(SendResult.QUEUED);
		await().atMost(WAIT).until(() -> this.listener.sentCount() == senders * perSender);
		assertThat(this.writer.written()).hasSize(senders * perSender);
		assertWrittenOnceInSenderOrder(this.writer.written(), senders, perSender);
		assertThat(this.writer.mostWritesAtOnce()).isEqualTo(1);
		assertThat(this.listener.dropped()).isEmpty();
		assertThat(queue.queuedBytes()).isZero();
		assertThat(queue.inFlightSince()).isZero();
	}

	@Test
	@Timeout(120)
	void concurrentOffersWithAWriterThatSometimesCompletesOnTheCallingThread() throws Exception {
		this.writer.completeOnEither(executor(Executors.newSingleThreadExecutor()));
		OutboundQueue queue = queue(settings(64L * 1024 * 1024, OverflowPolicy.CLOSE));
		int senders = 8;
		int perSender = 5_000;
		List<Offer> offers = offerConcurrently(queue, senders, perSender, (sender) -> {
		});
		assertThat(offers).extracting(Offer::result).containsOnly(SendResult.QUEUED);
		await().atMost(WAIT).until(() -> this.listener.sentCount() == senders * perSender);
		assertWrittenOnceInSenderOrder(this.writer.written(), senders, perSender);
		assertThat(this.writer.mostWritesAtOnce()).isEqualTo(1);
		assertThat(queue.queuedBytes()).isZero();
	}

	@Test
	@Timeout(120)
	void offersRacingACloseAreEitherWrittenBeforeTheCloseOrDropped() throws Exception {
		this.writer.completeOn(executor(Executors.newSingleThreadExecutor()));
		OutboundQueue queue = queue(settings(64L * 1024 * 1024, OverflowPolicy.CLOSE));
		OutboundFrame close = OutboundFrame.close(1000, "done");
		int senders = 4;
		int perSender = 2_000;
		AtomicInteger offered = new AtomicInteger();
		List<Offer> offers = offerConcurrently(queue, senders, perSender, (sender) -> {
			if (offered.incrementAndGet() == senders * perSender / 2) {
				queue.offerClose(close);
			}
		});
		assertThat(offers).extracting(Offer::result).containsOnly(SendResult.QUEUED, SendResult.CLOSED)
			.contains(SendResult.CLOSED);
		await().atMost(WAIT).until(() -> this.listener.closes().size() == 1 && queue.queuedBytes() == 0);
		assertThat(this.listener.closes()).containsExactly(close);
		assertThat(this.listener.dropped()).extracting(Drop::reason)
			.doesNotContain(DropReason.OVERFLOW, DropReason.WRITE_FAILED);
		Set<OutboundFrame> sent = identitySet(this.listener.sent());
		Set<OutboundFrame> dropped = identitySet(this.listener.dropped().stream().map(Drop::frame).toList());
		assertThat(sent).as("sent and dropped").noneMatch(dropped::contains);
		assertThat(offers).filteredOn((offer) -> offer.result().isQueued())
			.allSatisfy((offer) -> assertThat(sent.contains(offer.frame()) || dropped.contains(offer.frame()))
				.as("%s is sent or dropped", offer.frame().text())
				.isTrue());
		List<String> events = this.listener.events();
		assertThat(events.subList(events.indexOf("close done"), events.size()))
			.as("nothing is written after the close")
			.noneMatch((event) -> event.startsWith("sent"));
		assertThat(queue.offer(OutboundFrame.text("late"))).isEqualTo(SendResult.CLOSED);
	}

	@Test
	@Timeout(60)
	void concurrentClosesReachTheCloseOnce() throws Exception {
		this.writer.completeSynchronously();
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		int threads = 8;
		ExecutorService pool = executor(Executors.newFixedThreadPool(threads));
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Future<Boolean>> accepted = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			OutboundFrame close = OutboundFrame.close(1000, "close " + i);
			accepted.add(pool.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				return queue.offerClose(close);
			}));
		}
		int winners = 0;
		for (Future<Boolean> future : accepted) {
			if (future.get(30, TimeUnit.SECONDS)) {
				winners++;
			}
		}
		assertThat(winners).isEqualTo(1);
		assertThat(this.listener.closes()).hasSize(1);
		assertThat(queue.queuedBytes()).isZero();
	}

	// Races around close and completion

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

	@Test
	@Timeout(60)
	void sentCallbacksNeverOverlap() throws Exception {
		OutboundQueue queue = queue(SendSettings.DEFAULTS);
		OutboundFrame first = OutboundFrame.text("first");
		OutboundFrame second = OutboundFrame.text("second");
		CountDownLatch inFirstSent = new CountDownLatch(1);
		CountDownLatch releaseFirstSent = new CountDownLatch(1);
		this.listener.onSent((frame) -> {
			if (frame == first) {
				inFirstSent.countDown();
				awaitLatch(releaseFirstSent);
			}
		});
		queue.offer(first);
		Thread completer = new Thread(this.writer::completeNext, "completer");
		completer.start();
		try {
			assertThat(inFirstSent.await(30, TimeUnit.SECONDS)).isTrue();
			// sent(first) is under way on the completer; a sender comes along meanwhile.
			queue.offer(second);
			if (this.writer.pendingCount() > 0) {
				this.writer.completeNext();
			}
		}
		finally {
			releaseFirstSent.countDown();
			completer.join(30_000);
		}
		while (this.writer.pendingCount() > 0) {
			this.writer.completeNext();
		}
		assertThat(this.listener.mostSentAtOnce()).isEqualTo(1);
		assertThat(this.listener.sent()).containsExactly(first, second);
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

	@Test
	@Timeout(120)
	void aFrameOfferedAsTheDrainerReachesTheCloseIsWrittenOrReported() throws Exception {
		// The drainer finds the queue empty and reaches the close while a sender, which read
		// 'finished' as false, adds one frame: rare, so the race is run many times.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		int rounds = 200_000;
		int batches = 0;
		long stranded = 0;
		while (batches < 10 && System.nanoTime() < deadline && stranded == 0) {
			stranded = raceOfferAgainstClose(rounds);
			batches++;
		}
		assertThat(stranded).as("frames reported QUEUED that were neither written nor dropped, in %d rounds",
				(long) batches * rounds).isZero();
	}

	/** Race one offer against one close on each of many fresh queues; count the frames stranded. */
	private long raceOfferAgainstClose(int rounds) throws Exception {
		FrameWriter synchronous = new FrameWriter() {

			@Override
			public void write(OutboundFrame frame, Callback callback) {
				callback.written(null);
			}

			@Override
			public void close(int code, String reason, Duration timeout) {
			}

			@Override
			public boolean isOpen() {
				return true;
			}

		};
		OutboundQueue[] queues = new OutboundQueue[rounds];
		CountingListener[] listeners = new CountingListener[rounds];
		for (int i = 0; i < rounds; i++) {
			listeners[i] = new CountingListener();
			queues[i] = new OutboundQueue(synchronous, SendSettings.DEFAULTS, listeners[i]);
		}
		SendResult[] results = new SendResult[rounds];
		OutboundFrame close = OutboundFrame.close(1001, "going away");
		AtomicInteger arrived = new AtomicInteger();
		ExecutorService pool = executor(Executors.newFixedThreadPool(2));
		Future<?> closer = pool.submit(() -> {
			for (int i = 0; i < rounds; i++) {
				meet(arrived, i);
				queues[i].offerClose(close);
			}
		});
		Future<?> sender = pool.submit(() -> {
			OutboundFrame frame = OutboundFrame.text("x");
			for (int i = 0; i < rounds; i++) {
				meet(arrived, i);
				results[i] = queues[i].offer(frame);
			}
		});
		closer.get(60, TimeUnit.SECONDS);
		sender.get(60, TimeUnit.SECONDS);
		long stranded = 0;
		for (int i = 0; i < rounds; i++) {
			if ((results[i] == SendResult.QUEUED && listeners[i].reported.get() != 1) || queues[i].queuedBytes() != 0) {
				stranded++;
			}
		}
		return stranded;
	}

	/** Both threads reach round {@code round} before either goes on, then start a little apart. */
	private static void meet(AtomicInteger arrived, int round) {
		arrived.incrementAndGet();
		while (arrived.get() < 2 * (round + 1)) {
			Thread.onSpinWait();
		}
		for (int spin = ThreadLocalRandom.current().nextInt(8); spin > 0; spin--) {
			Thread.onSpinWait();
		}
	}

	// Helpers

	private OutboundQueue queue(SendSettings settings) {
		return new OutboundQueue(this.writer, settings, this.listener);
	}

	private static SendSettings settings(long bufferLimit, OverflowPolicy overflow) {
		return new SendSettings(bufferLimit, Duration.ofSeconds(10), overflow);
	}

	private ExecutorService executor(ExecutorService executor) {
		this.executors.add(executor);
		return executor;
	}

	/**
	 * Offer {@code perSender} frames {@code "<sender>:<index>"} from each of {@code senders}
	 * threads started together; {@code afterOffer} runs after each offer.
	 */
	private List<Offer> offerConcurrently(OutboundQueue queue, int senders, int perSender,
			Consumer<Integer> afterOffer) throws Exception {
		ExecutorService pool = executor(Executors.newFixedThreadPool(senders));
		CyclicBarrier start = new CyclicBarrier(senders);
		List<Future<List<Offer>>> futures = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			int sender = s;
			futures.add(pool.submit(() -> {
				List<Offer> offers = new ArrayList<>(perSender);
				start.await(10, TimeUnit.SECONDS);
				for (int i = 0; i < perSender; i++) {
					OutboundFrame frame = OutboundFrame.text(sender + ":" + i);
					offers.add(new Offer(frame, queue.offer(frame)));
					afterOffer.accept(sender);
				}
				return offers;
			}));
		}
		List<Offer> all = new ArrayList<>();
		for (Future<List<Offer>> future : futures) {
			all.addAll(future.get(60, TimeUnit.SECONDS));
		}
		return all;
	}

	private static void assertWrittenOnceInSenderOrder(List<OutboundFrame> written, int senders, int perSender) {
		Set<String> seen = new HashSet<>();
		int[] next = new int[senders];
		for (OutboundFrame frame : written) {
			assertThat(seen.add(frame.text())).as("written once: %s", frame.text()).isTrue();
			String[] parts = frame.text().split(":");
			int sender = Integer.parseInt(parts[0]);
			int index = Integer.parseInt(parts[1]);
			assertThat(index).as("order of sender %d", sender).isEqualTo(next[sender]);
			next[sender]++;
		}
		assertThat(next).containsOnly(perSender);
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Set<OutboundFrame> identitySet(List<OutboundFrame> frames) {
		Set<OutboundFrame> set = Collections.newSetFromMap(new IdentityHashMap<>());
		set.addAll(frames);
		return set;
	}

	record Drop(OutboundFrame frame, DropReason reason) {

	}

	record Offer(OutboundFrame frame, SendResult result) {

	}

	/**
	 * A {@link FrameWriter} that records frames and completes writes when the test says so, at
	 * once on the writing thread, or on another thread.
	 */
	static final class RecordingFrameWriter implements FrameWriter {

		private final List<OutboundFrame> written = Collections.synchronizedList(new ArrayList<>());

		private final Deque<Callback> pending = new ConcurrentLinkedDeque<>();

		private final AtomicInteger writing = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		private final List<Integer> stackDepths = Collections.synchronizedList(new ArrayList<>());

		private volatile boolean synchronous;

		private volatile @Nullable Throwable synchronousFailure;

		private volatile @Nullable ExecutorService completer;

		private volatile boolean sometimesSynchronous;

		private volatile int stackDepthEvery;

		@Override
		public void write(OutboundFrame frame, Callback callback) {
			this.mostAtOnce.accumulateAndGet(this.writing.incrementAndGet(), Math::max);
			int count;
			synchronized (this.written) {
				this.written.add(frame);
				count = this.written.size();
			}
			int every = this.stackDepthEvery;
			if (every > 0 && count % every == 0) {
				this.stackDepths.add(Thread.currentThread().getStackTrace().length);
			}
			Callback done = (failure) -> {
				this.writing.decrementAndGet();
				callback.written(failure);
			};
			ExecutorService completer = this.completer;
			if (this.synchronous || (this.sometimesSynchronous && ThreadLocalRandom.current().nextBoolean())) {
				done.written(this.synchronousFailure);
			}
			else if (completer != null) {
				completer.execute(() -> done.written(null));
			}
			else {
				this.pending.add(done);
			}
		}

		@Override
		public void close(int code, String reason, Duration timeout) {
			throw new UnsupportedOperationException("An OutboundQueue never closes the writer");
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		/** Complete each later write before {@code write} returns. */
		void completeSynchronously() {
			this.synchronous = true;
		}

		/** Fail each later write before {@code write} returns. */
		void failSynchronously(Throwable failure) {
			this.synchronousFailure = failure;
			this.synchronous = true;
		}

		/** Complete each later write on the given executor. */
		void completeOn(ExecutorService executor) {
			this.completer = executor;
		}

		/** Complete each later write either at once or on the given executor, at random. */
		void completeOnEither(ExecutorService executor) {
			this.completer = executor;
			this.sometimesSynchronous = true;
		}

		void recordStackDepthEvery(int writes) {
			this.stackDepthEvery = writes;
		}

		/** Complete the oldest pending write. */
		void completeNext() {
			nextPending().written(null);
		}

		/** Fail the oldest pending write. */
		void failNext(Throwable failure) {
			nextPending().written(failure);
		}

		private Callback nextPending() {
			Callback callback = this.pending.poll();
			assertThat(callback).as("a pending write").isNotNull();
			return callback;
		}

		int pendingCount() {
			return this.pending.size();
		}

		List<OutboundFrame> written() {
			return List.copyOf(this.written);
		}

		int mostWritesAtOnce() {
			return this.mostAtOnce.get();
		}

		List<Integer> stackDepths() {
			return List.copyOf(this.stackDepths);
		}

	}

	/**
	 * Counts how many times frames were reported sent or dropped.
	 */
	static final class CountingListener implements OutboundQueue.Listener {

		final AtomicInteger reported = new AtomicInteger();

		@Override
		public void sent(OutboundFrame frame) {
			this.reported.incrementAndGet();
		}

		@Override
		public void dropped(OutboundFrame frame, DropReason reason) {
			this.reported.incrementAndGet();
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

	/**
	 * An {@link OutboundQueue.Listener} that records what it is told, with optional hooks.
	 */
	static final class RecordingListener implements OutboundQueue.Listener {

		private final List<OutboundFrame> sent = Collections.synchronizedList(new ArrayList<>());

		private final List<Drop> dropped = Collections.synchronizedList(new ArrayList<>());

		private final AtomicInteger overflowed = new AtomicInteger();

		private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

		private final List<OutboundFrame> closes = Collections.synchronizedList(new ArrayList<>());

		private final List<String> events = Collections.synchronizedList(new ArrayList<>());

		private final AtomicInteger sending = new AtomicInteger();

		private final AtomicInteger mostSentAtOnce = new AtomicInteger();

		private final AtomicReference<Consumer<OutboundFrame>> onSent = new AtomicReference<>((frame) -> {
		});

		private final AtomicReference<Consumer<Drop>> onDropped = new AtomicReference<>((drop) -> {
		});

		@Override
		public void sent(OutboundFrame frame) {
			this.mostSentAtOnce.accumulateAndGet(this.sending.incrementAndGet(), Math::max);
			try {
				this.onSent.get().accept(frame);
				this.sent.add(frame);
				this.events.add("sent " + frame.text());
			}
			finally {
				this.sending.decrementAndGet();
			}
		}

		@Override
		public void dropped(OutboundFrame frame, DropReason reason) {
			Drop drop = new Drop(frame, reason);
			this.dropped.add(drop);
			this.events.add("dropped " + frame.text());
			this.onDropped.get().accept(drop);
		}

		@Override
		public void overflowed() {
			this.overflowed.incrementAndGet();
		}

		@Override
		public void writeFailed(Throwable failure) {
			this.failures.add(failure);
		}

		@Override
		public void closeReached(OutboundFrame close) {
			this.closes.add(close);
			this.events.add("close " + close.text());
		}

		void onSent(Consumer<OutboundFrame> hook) {
			this.onSent.set(hook);
		}

		void onDropped(Consumer<Drop> hook) {
			this.onDropped.set(hook);
		}

		List<OutboundFrame> sent() {
			return List.copyOf(this.sent);
		}

		int sentCount() {
			return this.sent.size();
		}

		List<Drop> dropped() {
			return List.copyOf(this.dropped);
		}

		int overflowCount() {
			return this.overflowed.get();
		}

		List<Throwable> failures() {
			return List.copyOf(this.failures);
		}

		List<OutboundFrame> closes() {
			return List.copyOf(this.closes);
		}

		List<String> events() {
			return List.copyOf(this.events);
		}

		int mostSentAtOnce() {
			return this.mostSentAtOnce.get();
		}

	}

}
