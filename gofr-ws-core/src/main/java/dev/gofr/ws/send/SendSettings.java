package dev.gofr.ws.send;

import java.time.Duration;

import dev.gofr.ws.error.InvalidSettingException;

/**
 * How a connection's outbound queue behaves towards a slow peer.
 *
 * @param bufferLimit the most bytes queued for one connection, in bytes; a frame is counted at
 * its payload length (characters for text)
 * @param timeout the longest one write may wait for the peer before the peer counts as slow and
 * is closed with 1013
 * @param overflow what happens to a send when the buffer is full
 */
public record SendSettings(long bufferLimit, Duration timeout, OverflowPolicy overflow) {

	/** The defaults: 1 MiB, 10 seconds, close. */
	public static final SendSettings DEFAULTS = new SendSettings(1024 * 1024, Duration.ofSeconds(10),
			OverflowPolicy.CLOSE);

	public SendSettings {
		if (bufferLimit <= 0) {
			throw new InvalidSettingException("bufferLimit", bufferLimit, "must be positive");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidSettingException("timeout", timeout, "must be positive");
		}
	}

}
