package dev.gofr.ws.testing;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.server.ConnectionTransport;
import dev.gofr.ws.server.RouteWebSocketHandler;
import dev.gofr.ws.server.ServerConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;

/**
 * The socket under one of gofr-ws's own connections ({@link ServerConnection}), for unit tests: it
 * keeps every frame written to it and every close asked of it. A write completes at once, unless
 * the test holds writes (a peer that stops reading) or makes them fail (a broken socket). A close
 * ends the connection at once, as a peer that answers it does, unless the test holds it. Driven
 * from one thread at a time.
 */
public final class TestSocket implements ConnectionTransport, FrameWriter {

	private final @Nullable Principal principal;

	private final List<OutboundFrame> frames = new CopyOnWriteArrayList<>();

	private final List<String> closes = new CopyOnWriteArrayList<>();

	private final List<Callback> heldWrites = new ArrayList<>();

	private boolean holdingWrites;

	private @Nullable Throwable writeFailure;

	private boolean holdingClose;

	private @Nullable Throwable closeFailure;

	private @Nullable CloseStatus heldEnd;

	private volatile boolean open = true;

	private boolean pausingReads;

	private final List<String> readEvents = new CopyOnWriteArrayList<>();

	private @Nullable ServerConnection connection;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	/**
	 * A socket of an anonymous peer.
	 */
	public TestSocket() {
		this(null);
	}

	/**
	 * A socket of a peer authenticated at the handshake.
	 * @param principal the user, or {@code null} for an anonymous peer
	 */
	public TestSocket(@Nullable Principal principal) {
		this.principal = principal;
	}

	/**
	 * Create a connection of the route over this socket, without opening it.
	 * @param route the route's handler
	 * @return this socket
	 */
	public TestSocket create(RouteWebSocketHandler route) {
		this.connection = route.createConnection(this);
		return this;
	}

	/**
	 * Create a connection of the route over this socket and open it.
	 * @param route the route's handler
	 * @return this socket
	 */
	public TestSocket open(RouteWebSocketHandler route) {
		create(route);
		connection().open();
		return this;
	}

	/**
	 * The connection over this socket.
	 * @return the connection
	 */
	public ServerConnection connection() {
		ServerConnection connection = this.connection;
		if (connection == null) {
			throw new IllegalStateException("No connection over this socket yet");
		}
		return connection;
	}

	/** Every data, ping and pong frame written so far, held ones too. */
	public List<OutboundFrame> frames() {
		return List.copyOf(this.frames);
	}

	/** The texts of the text frames written so far. */
	public List<String> texts() {
		return this.frames.stream()
			.filter((frame) -> frame.kind() == OutboundFrame.Kind.TEXT)
			.map(OutboundFrame::text)
			.toList();
	}

	/** The closes asked of this socket, as {@code "1008 reason"}. */
	public List<String> closes() {
		return List.copyOf(this.closes);
	}

	/** The close asked of this socket, as {@code "1008 reason"}, or {@code null} when none was. */
	public @Nullable String closedWith() {
		return this.closes.isEmpty() ? null : this.closes.get(0);
	}

	/** From now on, writes wait until {@link #releaseWrites()}, as for a peer that stopped reading. */
	public TestSocket holdWrites() {
		this.holdingWrites = true;
		return this;
	}

	/** Complete the writes held, and write at once from now on. */
	public TestSocket releaseWrites() {
		this.holdingWrites = false;
		completeHeld(null);
		return this;
	}

	/** Fail the writes held, and every write from now on, with the given failure. */
	public TestSocket failWrites(Throwable failure) {
		this.writeFailure = failure;
		completeHeld(failure);
		return this;
	}

	private void completeHeld(@Nullable Throwable failure) {
		List<Callback> held = List.copyOf(this.heldWrites);
		this.heldWrites.clear();
		held.forEach((callback) -> callback.written(failure));
	}

	/**
	 * From now on, the close frame cannot be written: the socket reports the failure to the
	 * connection while it writes the close, as a container does, then ends.
	 */
	public TestSocket failClose(Throwable failure) {
		this.closeFailure = failure;
		return this;
	}

	/** From now on, a close leaves the connection closing until {@link #answerClose()}. */
	public TestSocket holdClose() {
		this.holdingClose = true;
		return this;
	}

	/** The peer answers the close held: the connection ends. */
	public TestSocket answerClose() {
		this.holdingClose = false;
		CloseStatus end = this.heldEnd;
		if (end != null) {
			this.heldEnd = null;
			connection().end(end);
		}
		return this;
	}

	/** The peer closes, or the socket breaks: the connection ends with the given status. */
	public TestSocket closeFromPeer(CloseStatus status) {
		this.open = false;
		connection().end(status);
		return this;
	}

	/**
	 * This socket can pause its reads, as Tomcat's and Jetty's can; set before the connection is
	 * created. Its pauses and resumes are recorded ({@link #readEvents()}).
	 */
	public TestSocket pausingReads() {
		this.pausingReads = true;
		return this;
	}

	/** The pauses and resumes of the reads so far, as {@code "pause"} and {@code "resume"}. */
	public List<String> readEvents() {
		return List.copyOf(this.readEvents);
	}

	/** The socket is gone, and nothing says so. */
	public TestSocket vanish() {
		this.open = false;
		return this;
	}

	// The transport: the handshake's user, and the writer

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public FrameWriter writer() {
		return this;
	}

	/**
	 * The handshake's attributes, which a test may fill before the connection opens.
	 * @return the attributes, modifiable
	 */
	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public boolean pausesReads() {
		return this.pausingReads;
	}

	@Override
	public void pauseReads() {
		this.readEvents.add("pause");
	}

	@Override
	public void resumeReads() {
		this.readEvents.add("resume");
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void write(OutboundFrame frame, Callback callback) {
		this.frames.add(frame);
		if (this.writeFailure != null) {
			callback.written(this.writeFailure);
		}
		else if (this.holdingWrites) {
			this.heldWrites.add(callback);
		}
		else {
			callback.written(null);
		}
	}

	@Override
	public void close(int code, String reason, Duration timeout) {
		this.closes.add(code + " " + reason);
		this.open = false;
		if (this.closeFailure != null) {
			connection().transportFailed(this.closeFailure);
		}
		CloseStatus status = new CloseStatus(code, reason);
		if (this.holdingClose) {
			this.heldEnd = status;
		}
		else {
			connection().end(status);
		}
	}

	@Override
	public String toString() {
		return "TestSocket[" + this.connection + "]";
	}

}
