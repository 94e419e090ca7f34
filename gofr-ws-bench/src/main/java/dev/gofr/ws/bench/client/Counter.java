package dev.gofr.ws.bench.client;

/**
 * A count written by the selector thread and read by others.
 */
final class Counter {

	volatile long value;

	volatile boolean measuring;

	void increment() {
		this.value++; // one writer: the selector thread
	}

}
