package dev.gofr.ws.server;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.handshake.HandshakeCapture;
import dev.gofr.ws.handshake.HandshakeRequest;
import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.transport.FrameWriters;
import dev.gofr.ws.transport.SessionReads;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketSession;

/**
 * The container's session under one connection, as its {@link ConnectionTransport}: frames go
 * through the writer that {@link dev.gofr.ws.transport.FrameWriters} picked for the container,
 * messages arriving in parts are put together here before the connection receives them, and its
 * reads pause where the container allows ({@link SessionReads}).
 */
final class SessionTransport implements ConnectionTransport {

	private final WebSocketSession session;

	private final FrameWriter writer;

	private final HandshakeRequest handshakeRequest;

	private final ServerConnection connection;

	private final MessageAssembly assembly;

	/** Where the container can pause them, the reads of a connection whose handler runs on an executor. */
	private final @Nullable SessionReads reads;

	SessionTransport(WebSocketSession session, FrameWriter writer, RouteWebSocketHandler route) {
		this.session = session;
		this.writer = writer;
		// held here, out of the session's attributes: an entry fewer for every connection
		Object captured = session.getAttributes().remove(HandshakeCapture.ATTRIBUTE);
		this.handshakeRequest = (captured instanceof HandshakeRequest request) ? request : HandshakeRequest.NONE;
		// on the container's thread no message waits for the handler, so nothing pauses
		this.reads = FrameWriters.reads(session, !route.settings().execution().onContainer());
		this.connection = route.createConnection(this); // reads nothing from this but the writer and the reads
		this.assembly = new MessageAssembly(this.connection.id());
	}

	ServerConnection connection() {
		return this.connection;
	}

	MessageAssembly assembly() {
		return this.assembly;
	}

	@Override
	public FrameWriter writer() {
		return this.writer;
	}

	@Override
	public @Nullable Principal principal() {
		return this.session.getPrincipal();
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		try {
			return this.session.getRemoteAddress();
		}
		catch (RuntimeException ex) {
			return null; // some containers fail once the socket is gone
		}
	}

	@Override
	public @Nullable String subprotocol() {
		String subprotocol = this.session.getAcceptedProtocol();
		return (subprotocol == null || subprotocol.isEmpty()) ? null : subprotocol;
	}

	@Override
	public List<String> extensions() {
		return this.session.getExtensions().stream().map(WebSocketExtension::getName).toList();
	}

	@Override
	public HandshakeRequest handshakeRequest() {
		return this.handshakeRequest;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.session.getAttributes();
	}

	@Override
	public boolean pausesReads() {
		return this.reads != null;
	}

	@Override
	public void pauseReads() {
		if (this.reads != null) {
			this.reads.pause();
		}
	}

	@Override
	public void resumeReads() {
		if (this.reads != null) {
			this.reads.resume();
		}
	}

}
