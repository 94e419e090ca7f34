package dev.gofr.ws.bench.client;

import java.nio.ByteBuffer;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;

/**
 * Counts what idle connections receive: pings, messages (and when the last came) and closes.
 * Written by the selector thread only; others read the counters.
 */
final class CountingListener implements Listener {

	final Counter pings = new Counter();

	final Counter messages = new Counter();

	final Counter closes = new Counter();

	/** When the last message came, on the generator's clock; read on the selector thread. */
	long lastMessageNanos;

	@Override
	public void pinged(Connection connection, long now) {
		this.pings.increment();
	}

	@Override
	public void message(Connection connection, boolean text, ByteBuffer payload, long now) {
		this.messages.increment();
		this.lastMessageNanos = now;
	}

	@Override
	public void closed(Connection connection, int code) {
		this.closes.increment();
	}

}
