package dev.gofr.ws.test;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The frames a {@link WsTestClient} received, in order, whichever client library received them.
 */
final class FrameRecord {

	private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final AtomicInteger messages = new AtomicInteger();

	private final AtomicInteger pings = new AtomicInteger();

	private volatile Frame.@Nullable Close closed;

	void message(Frame frame) {
		this.messages.incrementAndGet();
		this.frames.add(frame);
	}

	void ping(byte[] payload) {
		this.pings.incrementAndGet();
		this.frames.add(new Frame.Ping(payload));
	}

	void pong(byte[] payload) {
		this.frames.add(new Frame.Pong(payload));
	}

	/**
	 * The end of the connection, recorded once however many ways it is noticed.
	 */
	synchronized void ended(Frame.Close close) {
		if (this.closed == null) {
			this.closed = close;
			this.frames.add(close);
		}
	}

	Frame.@Nullable Close closed() {
		return this.closed;
	}

	int messages() {
		return this.messages.get();
	}

	int pings() {
		return this.pings.get();
	}

	@Nullable Frame poll(long deadlineNanos) {
		try {
			return this.frames.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
