package dev.gofr.ws.test;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The client library under a {@link WsTestClient}: the JDK's, which answers pings itself, or
 * Java-WebSocket's, which can be told not to.
 */
interface Transport {

	CompletableFuture<?> sendText(String text);

	CompletableFuture<?> sendBinary(ByteBuffer bytes);

	CompletableFuture<?> sendPing(ByteBuffer payload);

	CompletableFuture<?> sendPong(ByteBuffer payload);

	CompletableFuture<?> sendClose(int code, String reason);

	boolean isOutputClosed();

	void pauseReading();

	void resumeReading();

	void abort();

}
