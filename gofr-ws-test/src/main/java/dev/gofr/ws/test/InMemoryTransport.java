package dev.gofr.ws.test;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.handshake.HandshakeRequest;
import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.server.ConnectionTransport;
import dev.gofr.ws.server.ServerConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * The transport under an {@link InMemoryConnection}: no socket, a record of every frame written
 * to it, each write complete at once. A close frame ends the connection as a peer that answers it
 * at once would, except during a callback of the route: then once that callback has returned, as a
 * container delivers the end only after the handler is done with the message.
 */
final class InMemoryTransport implements ConnectionTransport, FrameWriter {

	private final @Nullable Principal principal;

	private final HandshakeRequest handshakeRequest;

	private final List<OutboundFrame> written = new CopyOnWriteArrayList<>();

	private @Nullable ServerConnection connection;

	private volatile @Nullable CloseStatus closeStatus;

	/** The end of the connection, held back until the route's callback returns. */
	private @Nullable CloseStatus pendingEnd;

	private int callbacks;

	InMemoryTransport(@Nullable Principal principal, HandshakeRequest handshakeRequest) {
		this.principal = principal;
		this.handshakeRequest = handshakeRequest;
	}

	/**
	 * Open the connection over this transport.
	 */
	void open(ServerConnection connection) {
		this.connection = connection;
		connection.open();
	}

	/**
	 * Run one of the route's callbacks; the end of the connection it causes comes once it returns.
	 */
	void callback(Runnable callback) {
		this.callbacks++;
		try {
			callback.run();
		}
		finally {
			this.callbacks--;
		}
		CloseStatus end = this.pendingEnd;
		if (this.callbacks == 0 && end != null) {
			this.pendingEnd = null;
			end(end);
		}
	}

	/**
	 * The peer closes, or vanishes: the connection ends at once, unless this side closed first.
	 */
	void closeFromPeer(CloseStatus status) {
		if (this.closeStatus == null) {
			this.closeStatus = status;
			end(status);
		}
	}

	private void end(CloseStatus status) {
		ServerConnection connection = this.connection;
		if (connection != null) {
			connection.end(status);
		}
	}

	List<OutboundFrame> written() {
		return this.written;
	}

	@Nullable CloseStatus closeStatus() {
		return this.closeStatus;
	}

	// The transport

	@Override
	public FrameWriter writer() {
		return this;
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public HandshakeRequest handshakeRequest() {
		return this.handshakeRequest;
	}

	@Override
	public void write(OutboundFrame frame, Callback callback) {
		this.written.add(frame);
		callback.written(null);
	}

	@Override
	public void close(int code, String reason, Duration timeout) {
		if (this.closeStatus != null) {
			return;
		}
		CloseStatus status = new CloseStatus(code, reason);
		this.closeStatus = status;
		this.written.add(OutboundFrame.close(code, reason));
		if (this.callbacks > 0) {
			this.pendingEnd = status;
		}
		else {
			end(status);
		}
	}

	@Override
	public boolean isOpen() {
		return this.closeStatus == null;
	}

}
