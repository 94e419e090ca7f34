package dev.gofr.ws.autoconfigure.integration;

import java.nio.ByteBuffer;

/**
 * Binary payloads that say who sent them and carry a checkable body.
 */
final class Payloads {

	private Payloads() {
	}

	static byte[] binary(int thread, int index) {
		int length = 8 + (index % 300);
		ByteBuffer buffer = ByteBuffer.allocate(length);
		buffer.putInt(thread).putInt(index);
		for (int i = 8; i < length; i++) {
			buffer.put((byte) (thread * 31 + index + i));
		}
		return buffer.array();
	}

}
