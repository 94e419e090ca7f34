package dev.gofr.ws.send;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * An {@link OutboundQueue.Listener} that records what it is told, with optional hooks.
 */
final class RecordingListener implements OutboundQueue.Listener {

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

	/** A frame the queue dropped, and why. */
	record Drop(OutboundFrame frame, DropReason reason) {

	}

}
