package dev.gofr.ws.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.gofr.ws.send.RecordingListener.Drop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link OutboundQueue}: senders, closers and completions on many threads at once;
 * every frame reported queued is written once, in each sender's order, or reported dropped.
 */
class OutboundQueueConcurrencyTests {

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

	record Offer(OutboundFrame frame, SendResult result) {

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

}
