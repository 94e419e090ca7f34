package dev.gofr.ws.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Waits with a bound for the frames a {@link WsTestClient} recorded: the first wanted one,
 * passing over those that may be skipped, and fails with what was awaited and what came instead.
 */
final class FrameWaiter {

	private final FrameRecord record;

	FrameWaiter(FrameRecord record) {
		this.record = record;
	}

	/**
	 * Wait for a wanted frame, passing over those that may be skipped; any other frame fails.
	 * @param what the wanted frame in words, for the failure
	 * @throws AssertionError when none arrives in time or another arrives first
	 */
	Frame await(Predicate<Frame> wanted, Predicate<Frame> skippable, String what, Duration timeout) {
		List<Frame> skipped = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		for (;;) {
			Frame frame = this.record.poll(deadline);
			if (frame == null) {
				throw new AssertionError("Expected " + what + " within " + timeout + " but received "
						+ (skipped.isEmpty() ? "nothing" : summary(skipped)));
			}
			if (wanted.test(frame)) {
				return frame;
			}
			skipped.add(frame);
			if (!skippable.test(frame)) {
				throw new AssertionError("Expected " + what + " but received " + summary(skipped) + " (after "
						+ this.record.messages() + " messages in all)");
			}
		}
	}

	/**
	 * Fail if any message arrives within the window; pings and pongs are ignored.
	 * @throws AssertionError when a message or close arrives
	 */
	void expectNothing(Duration window) {
		long deadline = System.nanoTime() + window.toNanos();
		for (;;) {
			Frame frame = this.record.poll(deadline);
			if (frame == null) {
				return;
			}
			if (!isControl(frame)) {
				throw new AssertionError("Expected nothing within " + window + " but received " + frame);
			}
		}
	}

	/**
	 * Whether the frame is a ping or a pong, which waits for messages pass over.
	 */
	static boolean isControl(Frame frame) {
		return frame instanceof Frame.Ping || frame instanceof Frame.Pong;
	}

	private static String summary(List<Frame> frames) {
		return (frames.size() <= 10) ? frames.toString()
				: frames.subList(0, 10) + " and " + (frames.size() - 10) + " more";
	}

}
