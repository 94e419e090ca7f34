package dev.gofr.ws.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.gofr.ws.connection.ConnectionInfo;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.history.Recovery;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.limit.ConnectionLimiter;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.send.BroadcastTarget;
import dev.gofr.ws.send.DropReason;
import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.OutboundQueue;
import dev.gofr.ws.send.QueueWriters;
import dev.gofr.ws.send.SendResult;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/**
 * One connection of a {@link RouteWebSocketHandler route}, over whatever
 * {@link ConnectionTransport} carries it: the {@link WsConnection} that handlers see, and the one
 * place its life is decided. It is registered and takes the handshake's permits when it
 * {@link #open() opens}; it counts and hands on what the transport {@link #receive receives}; its
 * sends go through its outbound queue to the transport's writer; it closes once the frames queued
 * before the close are written, or at once when cut off; and when the transport reports its
 * {@link #end end}, it leaves the registry, its rooms and its permits, and the route hears of it,
 * once. The container's sessions and gofr-ws-test's in-memory connections run through this same
 * class.
 * <p>
 * Public for the transports' adapters: {@link #open()}, {@link #receive}, {@link #touch()},
 * {@link #receivePong}, {@link #transportFailed} and {@link #end} are theirs to call, and the
 * {@link OutboundQueue.Listener} methods are its queue's; a handler uses the {@link WsConnection}
 * methods. Holds what an idle connection needs and little more.
 */
public final class ServerConnection extends ConnectionMetadata
		implements WsConnection, BroadcastTarget, OutboundQueue.Listener {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(ServerConnection.class);

	private static final VarHandle STATE;

	/**
	 * How long a close frame may wait behind a write that is already stuck: it will not leave
	 * before the peer reads again, and an I/O thread should not wait for that.
	 */
	private static final Duration STUCK_CLOSE_TIMEOUT = Duration.ofMillis(50);

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(ServerConnection.class, "state", ConnectionState.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final String id;

	private final RouteWebSocketHandler route;

	private final NodeServices node;

	private final ConnectionTransport transport;

	private final OutboundQueue queue;

	private final long connectedAtMillis = System.currentTimeMillis();

	private volatile ConnectionState state = ConnectionState.CONNECTING;

	/** When the peer was last heard from and pinged, and what the sweeper does about it. */
	private final ConnectionLiveness liveness;

	// Counters have one writer at a time (the transport's reader, the queue's drainer).
	private volatile long messagesReceived;

	private volatile long bytesReceived;

	private volatile long messagesSent;

	private volatile long bytesSent;

	private final TransportClose transportClose;

	/** What the handler has still to do, when it runs on an executor; {@code null} on the container's thread. */
	private final @Nullable Mailbox mailbox;

	private volatile boolean cutOff;

	/**
	 * The user the node's {@link ConnectionSecurity} keeps for it, replaced when the application
	 * authenticates it again; {@code null} while the handshake's principal is all there is.
	 */
	private volatile @Nullable ConnectionUser user;

	ServerConnection(String id, RouteWebSocketHandler route, ConnectionTransport transport) {
		this.id = id;
		this.route = route;
		this.node = route.node();
		this.transport = transport;
		Ticker ticker = this.node.ticker(); // the node's time: activity, pings and stuck writes
		FrameWriter writer = transport.writer();
		this.queue = new OutboundQueue(writer, route.settings().send(), this, this.node.writers(), ticker);
		this.liveness = new ConnectionLiveness(this, ticker, route.settings().heartbeat(),
				route.settings().send().timeout());
		this.transportClose = new TransportClose(writer, this.node.executor());
		Executor handlers = route.settings().execution().executor();
		this.mailbox = (handlers != null) ? new Mailbox(handlers, route.settings().execution().maxQueuedMessages(),
				transport, (message) -> route.dispatcher().dispatch(this, message)) : null;
	}

	// Opening and ending

	/**
	 * Open the connection: it is registered, the handshake's permits count it as connected, it
	 * is marked open, the listeners are told and the handler's {@code onOpen} runs (first, on its
	 * executor if it has one). A close asked for meanwhile, by the handler or by a shutdown, goes
	 * ahead once this call has returned. Called once, by the transport's adapter, once the
	 * transport can report the connection's end to it.
	 */
	public void open() {
		ConnectionSecurity security = this.node.security();
		if (security != null) {
			this.user = security.opened(this.transport.principal(), this.transport.attributes());
		}
		this.node.registry().add(this);
		ConnectionLimiter.connected(this.transport.attributes());
		GracefulShutdown.connected(this.transport.attributes());
		try {
			STATE.compareAndSet(this, ConnectionState.CONNECTING, ConnectionState.OPEN);
			this.node.events().opened(this);
			toHandler(RouteDispatcher::open);
		}
		finally {
			this.transportClose.established();
		}
	}

	/**
	 * Take the connection out of service, once however many ways its end is noticed: it is marked
	 * closed, what is queued is dropped, it leaves the registry and its rooms and gives back its
	 * permits, and the interceptors, the listeners and the handler hear of it with the status the
	 * peer saw: the close frame this side sent, if it closed first, else the given one.
	 * @param status what the transport reports, such as the peer's close frame, or 1006 when the
	 * connection ended without one
	 */
	public void end(CloseStatus status) {
		if (!markClosed()) {
			return;
		}
		this.node.registry().remove(this);
		ConnectionLimiter.release(this.transport.attributes());
		this.node.rooms().leaveAll(this);
		CloseStatus effective = this.transportClose.effectiveStatus(status);
		if (logger.isDebugEnabled()) {
			logger.debug("Connection {} of endpoint '{}' ended: {} (transport reported {})", this.id, endpoint(),
					effective, status);
		}
		if (this.mailbox != null) {
			this.mailbox.ended(); // a reader held for room lets go
		}
		toHandler((dispatcher, connection) -> dispatcher.closed(connection, effective));
	}

	/** A callback of the handler: now, on the container's thread, or after what waits in the mailbox. */
	private void toHandler(BiConsumer<RouteDispatcher, ServerConnection> call) {
		Mailbox mailbox = this.mailbox;
		if (mailbox == null) {
			call.accept(this.route.dispatcher(), this);
		}
		else {
			mailbox.post(() -> call.accept(this.route.dispatcher(), this));
		}
	}

	/**
	 * Mark the connection closed and stop its queue.
	 * @return {@code true} for the one call that closed it
	 */
	private boolean markClosed() {
		ConnectionState previous = (ConnectionState) STATE.getAndSet(this, ConnectionState.CLOSED);
		if (previous == ConnectionState.CLOSED) {
			return false;
		}
		this.queue.abandon();
		return true;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String endpoint() {
		return this.route.name();
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.transport.handshakeRequest().pathVariables();
	}

	@Override
	public @Nullable String queryParameter(String name) {
		return this.transport.handshakeRequest().queryParameter(name);
	}

	@Override
	public @Nullable String handshakeHeader(String name) {
		return this.transport.handshakeRequest().header(name);
	}

	@Override
	public ConnectionState state() {
		return this.state;
	}

	@Override
	public @Nullable Principal principal() {
		ConnectionUser user = this.user;
		return (user != null) ? user.principal() : this.transport.principal();
	}

	@Override
	public void authenticate(Principal principal) {
		Assert.notNull(principal, "principal must not be null");
		ConnectionSecurity security = this.node.security();
		this.user = (security != null) ? security.authenticated(this.user, principal) : ConnectionUser.of(principal);
	}

	/** The user the connection's events run as, when the node's security gave it one. */
	@Nullable ConnectionUser user() {
		return this.user;
	}

	@Override
	public Instant connectedAt() {
		return Instant.ofEpochMilli(this.connectedAtMillis);
	}

	@Override
	public @Nullable String subprotocol() {
		return this.transport.subprotocol();
	}

	@Override
	public ConnectionInfo info() {
		return new ConnectionInfo(this.id, endpoint(), this.state, Instant.ofEpochMilli(this.connectedAtMillis),
				wallClock(this.liveness.lastActivityNanos()), this.transport.remoteAddress(), subprotocol(),
				this.transport.extensions(), principal(), rooms(), this.messagesReceived, this.messagesSent,
				this.bytesReceived, this.bytesSent, this.queue.queuedBytes());
	}

	private Instant wallClock(long nanos) {
		return Instant.ofEpochMilli(this.connectedAtMillis + TimeUnit.NANOSECONDS.toMillis(nanos - this.liveness.connectedAtNanos()));
	}

	// Heartbeat

	@Override
	public HeartbeatSettings heartbeat() {
		return this.liveness.heartbeat();
	}

	@Override
	public void heartbeat(HeartbeatSettings settings) {
		this.liveness.heartbeat(settings);
	}

	/**
	 * A pong arrived: tell the heartbeat listeners, with the round trip when it answers one of
	 * the heartbeat's pings (whose payload is the time, on the node's {@link Ticker}, it was sent at).
	 * @param payload the pong's payload
	 */
	public void receivePong(ByteBuffer payload) {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		this.node.heartbeatEvents().pongReceived(this, bytes, this.liveness.roundTrip(bytes));
	}

	// Rooms

	@Override
	public boolean join(String room) {
		return this.node.rooms().join(this, room);
	}

	@Override
	public Recovery join(String room, @Nullable StreamPosition since, Function<Recovery, @Nullable Object> reply) {
		return this.node.rooms().join(this, room, since, reply);
	}

	@Override
	public boolean leave(String room) {
		return this.node.rooms().leave(this, room);
	}

	@Override
	public Set<String> rooms() {
		return this.node.rooms().roomsOf(this);
	}

	// Sends

	@Override
	public SendResult sendText(CharSequence text) {
		return enqueue(OutboundFrame.text(text.toString()));
	}

	@Override
	public SendResult sendBinary(byte[] bytes) {
		return enqueue(OutboundFrame.binary(bytes));
	}

	@Override
	public SendResult sendBinary(ByteBuffer bytes) {
		return enqueue(OutboundFrame.binary(bytes));
	}

	@Override
	public SendResult sendJson(Object value) {
		return enqueue(OutboundFrame.text(this.node.codec().encode(value)));
	}

	@Override
	public SendResult send(Object value) {
		if (value instanceof CharSequence text) {
			return sendText(text);
		}
		if (value instanceof byte[] bytes) {
			return sendBinary(bytes);
		}
		if (value instanceof ByteBuffer bytes) {
			return sendBinary(bytes);
		}
		if (value instanceof OutboundFrame frame) {
			return sendFrame(frame);
		}
		if (value instanceof TextMessage text) {
			return sendText(text.getPayload());
		}
		if (value instanceof BinaryMessage binary) {
			return sendBinary(binary.getPayload());
		}
		return sendJson(value);
	}

	/** A frame built elsewhere, as it is: a close frame closes the connection. */
	private SendResult sendFrame(OutboundFrame frame) {
		if (frame.kind() == OutboundFrame.Kind.CLOSE) {
			close(frame.closeCode(), frame.text());
			return SendResult.QUEUED;
		}
		return enqueue(frame);
	}

	@Override
	public SendResult sendError(WsErrorCode code, String message) {
		this.node.events().error(this, code);
		return sendFrame(this.node.errorFormat().frame(code, message));
	}

	@Override
	public SendResult sendPing(byte[] payload) {
		return enqueue(OutboundFrame.ping(payload));
	}

	@Override
	public SendResult sendPong(byte[] payload) {
		return enqueue(OutboundFrame.pong(payload));
	}

	private SendResult enqueue(OutboundFrame frame) {
		if (this.state != ConnectionState.OPEN) {
			return SendResult.CLOSED;
		}
		return this.queue.offer(frame);
	}

	@Override
	public SendResult offerBroadcast(OutboundFrame frame) {
		if (frame.kind() == OutboundFrame.Kind.CLOSE) {
			return sendFrame(frame);
		}
		if (this.state != ConnectionState.OPEN) {
			return SendResult.CLOSED;
		}
		return this.queue.offerToWriter(frame);
	}

	@Override
	public @Nullable QueueWriters writers() {
		return this.queue.writers();
	}

	// Closing

	@Override
	public void close(int code, String reason) {
		if (STATE.compareAndSet(this, ConnectionState.OPEN, ConnectionState.CLOSING)
				|| STATE.compareAndSet(this, ConnectionState.CONNECTING, ConnectionState.CLOSING)) {
			this.queue.offerClose(OutboundFrame.close(code, reason));
			if (this.mailbox != null) {
				this.mailbox.discard(); // as the container's thread ignores what arrives after a close
			}
		}
	}

	/**
	 * Close at once, discarding what is queued: for a peer that cannot keep up, or at the end of
	 * a shutdown. The close frame is written on the node's executor, since a socket that is
	 * full would hold the calling thread; when a write is stuck in front of it and it cannot
	 * leave, the connection is reset rather than closed ({@link FrameWriter#closeStalled}).
	 * @return {@code true} for the one call that cut it off
	 */
	boolean cutOff(int code, String reason) {
		return cutOff(code, reason, false);
	}

	/**
	 * Cut off, knowing whether the socket is broken: then the record says the peer saw no close
	 * frame, and says so before the close starts, since its end may be reported at once.
	 */
	private boolean cutOff(int code, String reason, boolean broken) {
		if (this.state == ConnectionState.CLOSED || this.cutOff) {
			return false;
		}
		synchronized (this) {
			if (this.cutOff) {
				return false;
			}
			this.cutOff = true;
		}
		STATE.compareAndSet(this, ConnectionState.OPEN, ConnectionState.CLOSING);
		STATE.compareAndSet(this, ConnectionState.CONNECTING, ConnectionState.CLOSING);
		boolean stuck = this.queue.inFlightSince() != 0;
		this.queue.discard();
		if (this.mailbox != null) {
			this.mailbox.discard();
		}
		if (broken) {
			this.transportClose.lost();
		}
		this.transportClose.start(code, OutboundFrame.close(code, reason).text(), stuck ? STUCK_CLOSE_TIMEOUT : sendTimeout(),
				stuck);
		return true;
	}

	/**
	 * The transport failed: one that fails while the close frame is being written means that
	 * frame did not leave; while the connection is open, the handler's {@code onError} hears of it.
	 * @param failure what the transport reported
	 */
	public void transportFailed(Throwable failure) {
		this.transportClose.transportFailed();
		if (this.state == ConnectionState.OPEN) {
			toHandler((dispatcher, connection) -> dispatcher.notifyError(connection, failure));
		}
	}

	// Queue events

	@Override
	public void sent(OutboundFrame frame) {
		if (frame.isData()) {
			this.messagesSent++;
			this.bytesSent += frame.size();
			this.node.events().messageSent(this, frame.kind() == OutboundFrame.Kind.BINARY);
		}
	}

	@Override
	public void dropped(OutboundFrame frame, DropReason reason) {
		this.node.events().frameDropped(this, frame, reason);
	}

	@Override
	public void overflowed() {
		cutOff(CloseCodes.TRY_AGAIN_LATER, "Send buffer overflow");
	}

	@Override
	public void writeFailed(Throwable failure) {
		if (failure instanceof java.net.SocketTimeoutException
				|| failure instanceof java.nio.channels.InterruptedByTimeoutException) {
			cutOff(CloseCodes.TRY_AGAIN_LATER, "Send timeout");
		}
		else {
			// the socket is broken: the close frame will hardly arrive, and the record says so
			cutOff(CloseCodes.SERVER_ERROR, "Write failed", true);
		}
	}

	@Override
	public void closeReached(OutboundFrame close) {
		if (logger.isDebugEnabled()) {
			logger.debug("Connection {} flushed {} messages; closing with {}", this.id, this.messagesSent, close.closeCode());
		}
		this.transportClose.start(close.closeCode(), close.text(), sendTimeout(), false);
	}

	private Duration sendTimeout() {
		return this.route.settings().send().timeout();
	}

	// Inbound

	/**
	 * A frame of any kind arrived from the peer, whole or not: proof that it is alive.
	 */
	public void touch() {
		this.liveness.touch();
	}

	/**
	 * A whole message arrived from the peer: it is counted, then runs through the route's
	 * interceptors and handler (on its executor if it has one, in turn), and the reply is queued.
	 * Called by one thread at a time, and only while the connection is open.
	 * @param message the message
	 */
	public void receive(WsMessage message) {
		this.messagesReceived++;
		this.bytesReceived += message.size();
		if (this.mailbox == null) {
			this.route.dispatcher().dispatch(this, message);
		}
		else {
			this.mailbox.offer(message);
		}
	}

	/** Whether the peer is not read because the handler has fallen behind: its silence proves nothing. */
	boolean readsPaused() {
		return this.mailbox != null && this.mailbox.readsPaused();
	}

	// Sweeping

	/**
	 * Check the write in progress, the heartbeat and the transport ({@link ConnectionLiveness}),
	 * and whether the user's credentials still hold: a user with a reason to end (credentials
	 * expired, HTTP session ended) closes the connection with 1008 and that reason. Called by the
	 * sweeper, one sweep at a time.
	 * @param nowNanos the time on the node's {@link Ticker}
	 */
	void sweep(long nowNanos) {
		this.liveness.sweep(nowNanos);
		ConnectionUser user = this.user;
		if (user != null && this.state == ConnectionState.OPEN) {
			String reason = user.endReason(nowNanos);
			if (reason != null) {
				logger.debug("Connection {} of endpoint '{}' closes: {}", this.id, endpoint(), reason);
				close(CloseCodes.POLICY_VIOLATION, reason);
			}
		}
	}

	NodeServices node() {
		return this.node;
	}

	ConnectionTransport transport() {
		return this.transport;
	}

	OutboundQueue queue() {
		return this.queue;
	}

	@Override
	public String toString() {
		return "WsConnection[" + this.id + ", " + endpoint() + ", " + this.state + "]";
	}

}
