package dev.gofr.ws.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes through Spring's blocking {@link WebSocketSession#sendMessage}, on a writer thread so
 * that senders never wait: the fallback for containers without a faster path.
 */
final class BlockingFrameWriter implements FrameWriter {

	private final WebSocketSession session;

	private final Executor executor;

	BlockingFrameWriter(WebSocketSession session, Executor executor) {
		this.session = session;
		this.executor = executor;
	}

	@Override
	public void write(OutboundFrame frame, Callback callback) {
		try {
			this.executor.execute(() -> {
				try {
					this.session.sendMessage(message(frame));
					callback.written(null);
				}
				catch (IOException | RuntimeException ex) {
					callback.written(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			callback.written(ex);
		}
	}

	private static WebSocketMessage<?> message(OutboundFrame frame) {
		return switch (frame.kind()) {
			case TEXT -> new TextMessage(frame.text());
			case BINARY -> new BinaryMessage(frame.bytes());
			case PING -> new PingMessage(frame.bytes());
			case PONG -> new PongMessage(frame.bytes());
			case CLOSE -> throw new IllegalArgumentException("Cannot write " + frame);
		};
	}

	@Override
	public void close(int code, String reason, Duration timeout) {
		try {
			this.session.close(new CloseStatus(code, reason));
		}
		catch (IOException | RuntimeException ex) {
			// already closed
		}
	}

	@Override
	public boolean isOpen() {
		return this.session.isOpen();
	}

}
