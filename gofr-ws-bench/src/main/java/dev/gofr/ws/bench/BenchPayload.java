package dev.gofr.ws.bench;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * The text every benchmark message carries: the sender's {@link System#nanoTime()} in decimal,
 * a space, and {@code x} up to the message size. On Linux {@code System.nanoTime()} and Node's
 * {@code process.hrtime.bigint()} both read {@code CLOCK_MONOTONIC}, which all processes of a
 * machine share, so a receiver in another process can tell how long a message took.
 */
public final class BenchPayload {

	private BenchPayload() {
	}

	/**
	 * A message stamped with a time.
	 * @param nanos the time, from {@link System#nanoTime()}
	 * @param size the message size in characters (ASCII, so also in bytes); at least the length
	 * of the stamp
	 * @return the message
	 */
	public static String stamped(long nanos, int size) {
		StringBuilder text = new StringBuilder(Math.max(size, 24));
		text.append(nanos).append(' ');
		while (text.length() < size) {
			text.append('x');
		}
		return text.toString();
	}

	/**
	 * The answer of {@code /ws/fanout} to a text message {@code fill <bytes>}: that many bytes,
	 * at most 64 KB. Stalled clients of the benchmark ask for it, before they stop reading, to
	 * fill their own socket buffers (which on loopback grow to megabytes) without sending the
	 * healthy clients anything.
	 * @param request the message received
	 * @return the answer, or {@code null} when the message is not a fill request
	 */
	public static @Nullable String fill(String request) {
		if (!request.startsWith("fill ")) {
			return null;
		}
		int size = Math.min(Integer.parseInt(request.substring(5).trim()), 64 * 1024);
		return "x".repeat(size);
	}

	/**
	 * Write a stamped message as ASCII bytes.
	 * @param nanos the time
	 * @param size the message size in bytes
	 * @param target where to write, at its position
	 */
	public static void writeStamped(long nanos, int size, byte[] target, int offset) {
		int start = offset;
		// digits of a non-negative long, most significant first
		long value = nanos;
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		for (int i = digits - 1; i >= 0; i--) {
			target[offset + i] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		offset += digits;
		target[offset++] = ' ';
		while (offset - start < size) {
			target[offset++] = 'x';
		}
	}

	/**
	 * The stamp at the start of a message.
	 * @param payload the message bytes from its position to its limit; not moved
	 * @return the stamp, or {@code -1} when the message does not start with digits
	 */
	public static long stamp(ByteBuffer payload) {
		long value = 0;
		int digits = 0;
		for (int i = payload.position(); i < payload.limit(); i++) {
			int b = payload.get(i);
			if (b < '0' || b > '9') {
				break;
			}
			value = value * 10 + (b - '0');
			digits++;
		}
		return (digits > 0) ? value : -1;
	}

	/**
	 * The stamp at the start of a text message.
	 * @param text the message
	 * @return the stamp, or {@code -1} when the message does not start with digits
	 */
	public static long stamp(CharSequence text) {
		long value = 0;
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				break;
			}
			value = value * 10 + (c - '0');
			digits++;
		}
		return (digits > 0) ? value : -1;
	}

}
