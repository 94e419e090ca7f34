package dev.gofr.ws.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.connection.ConnectionInfo;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.send.BroadcastTarget;
import dev.gofr.ws.send.DropReason;
import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.OutboundQueue;
import dev.gofr.ws.send.QueueWriters;
import dev.gofr.ws.send.SendResult;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketSession;

/**
 * A connection accepted by a {@link ServerEndpoint}: the {@link WsConnection} that handlers
 * see, over one container session. Holds what an idle connection needs and little more; the
 * buffers for a message arriving in parts exist only while such a message arrives.
 */
final class ServerConnection implements WsConnection, BroadcastTarget, OutboundQueue.Listener {

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

	private final ServerEndpoint endpoint;

	private final WebSocketSession session;

	private final FrameWriter writer;

	private final OutboundQueue queue;

	/** The node's time: what activity, pings and stuck writes are measured on. */
	private final Ticker ticker;

	private final long connectedAtMillis = System.currentTimeMillis();

	private final long connectedAtNanos;

	private volatile ConnectionState state = ConnectionState.CONNECTING;

	private volatile long lastActivityNanos;

	private volatile HeartbeatSettings heartbeat;

	/** When the heartbeat last pinged; touched by the sweeper only. */
	private long lastPingNanos;

	private final long sendTimeoutNanos;

	// Counters have one writer at a time (the container's reader, the queue's drainer).
	private volatile long messagesReceived;

	private volatile long bytesReceived;

	private volatile long messagesSent;

	private volatile long bytesSent;

	private volatile @Nullable Map<String, Object> metadata;

	private final TransportClose transportClose;

	private volatile boolean cutOff;

	private int transportGoneSweeps;

	private final MessageAssembly assembly;

	ServerConnection(String id, ServerEndpoint endpoint, WebSocketSession session, FrameWriter writer) {
		this.id = id;
		this.assembly = new MessageAssembly(id);
		this.endpoint = endpoint;
		this.session = session;
		this.writer = writer;
		this.ticker = endpoint.server().ticker();
		this.connectedAtNanos = this.ticker.nanos();
		this.lastActivityNanos = this.connectedAtNanos;
		this.lastPingNanos = this.connectedAtNanos;
		this.queue = new OutboundQueue(writer, endpoint.settings().send(), this, endpoint.server().writers(),
				this.ticker);
		this.heartbeat = endpoint.settings().heartbeat();
		this.sendTimeoutNanos = endpoint.settings().send().timeout().toNanos();
		this.transportClose = new TransportClose(writer, endpoint.server().executor());
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String endpoint() {
		return this.endpoint.name();
	}

	@Override
	public ConnectionState state() {
		return this.state;
	}

	@Override
	public @Nullable Principal principal() {
		return this.session.getPrincipal();
	}

	@Override
	public Instant connectedAt() {
		return Instant.ofEpochMilli(this.connectedAtMillis);
	}

	@Override
	public @Nullable String subprotocol() {
		String subprotocol = this.session.getAcceptedProtocol();
		return (subprotocol == null || subprotocol.isEmpty()) ? null : subprotocol;
	}

	@Override
	public ConnectionInfo info() {
		List<String> extensions = this.session.getExtensions().stream().map(WebSocketExtension::getName).toList();
		return new ConnectionInfo(this.id, endpoint(), this.state, Instant.ofEpochMilli(this.connectedAtMillis),
				wallClock(this.lastActivityNanos), remoteAddress(), subprotocol(), extensions, principal(), rooms(),
				this.messagesReceived, this.messagesSent, this.bytesReceived, this.bytesSent, this.queue.queuedBytes());
	}

	private @Nullable InetSocketAddress remoteAddress() {
		try {
			return this.session.getRemoteAddress();
		}
		catch (RuntimeException ex) {
			return null; // some containers fail once the socket is gone
		}
	}

	private Instant wallClock(long nanos) {
		return Instant.ofEpochMilli(this.connectedAtMillis + TimeUnit.NANOSECONDS.toMillis(nanos - this.connectedAtNanos));
	}

	// Metadata

	@Override
	public void set(String key, Object value) {
		metadataMap().put(key, value);
	}

	@Override
	public @Nullable Object get(String key) {
		Map<String, Object> map = this.metadata;
		return (map != null) ? map.get(key) : null;
	}

	@Override
	public @Nullable Object remove(String key) {
		Map<String, Object> map = this.metadata;
		return (map != null) ? map.remove(key) : null;
	}

	@Override
	public Map<String, Object> metadata() {
		Map<String, Object> map = this.metadata;
		return (map != null) ? Map.copyOf(map) : Collections.emptyMap();
	}

	private Map<String, Object> metadataMap() {
		Map<String, Object> map = this.metadata;
		if (map == null) {
			synchronized (this) {
				map = this.metadata;
				if (map == null) {
					map = new ConcurrentHashMap<>(4);
					this.metadata = map;
				}
			}
		}
		return map;
	}

	// Heartbeat

	@Override
	public HeartbeatSettings heartbeat() {
		return this.heartbeat;
	}

	@Override
	public void heartbeat(HeartbeatSettings settings) {
		this.heartbeat = settings;
	}

	/**
	 * A pong arrived: tell the heartbeat listeners, with the round trip when it answers one of
	 * the heartbeat's pings (whose payload is the time, on the node's {@link Ticker}, it was sent at).
	 */
	void ponged(ByteBuffer payload) {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		Duration roundTrip = null;
		if (bytes.length == 8) {
			long sentAt = ByteBuffer.wrap(bytes).getLong();
			long now = this.ticker.nanos();
			if (sentAt - this.connectedAtNanos >= 0 && now - sentAt >= 0) {
				roundTrip = Duration.ofNanos(now - sentAt);
			}
		}
		this.endpoint.server().heartbeatEvents().pongReceived(this, bytes, roundTrip);
	}

	// Rooms

	@Override
	public boolean join(String room) {
		return this.endpoint.server().rooms().join(this, room);
	}

	@Override
	public boolean leave(String room) {
		return this.endpoint.server().rooms().leave(this, room);
	}

	@Override
	public Set<String> rooms() {
		return this.endpoint.server().rooms().roomsOf(this);
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
		return enqueue(OutboundFrame.text(this.endpoint.server().codec().encode(value)));
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
			return send(frame);
		}
		if (value instanceof TextMessage text) {
			return sendText(text.getPayload());
		}
		if (value instanceof BinaryMessage binary) {
			return sendBinary(binary.getPayload());
		}
		return sendJson(value);
	}

	@Override
	public SendResult send(OutboundFrame frame) {
		if (frame.kind() == OutboundFrame.Kind.CLOSE) {
			close(frame.closeCode(), frame.text());
			return SendResult.QUEUED;
		}
		return enqueue(frame);
	}

	@Override
	public SendResult sendError(WsErrorCode code, String message) {
		this.endpoint.server().events().error(this, code);
		return send(this.endpoint.server().errorFormat().frame(code, message));
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
			return send(frame);
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
		}
	}

	/**
	 * Close at once, discarding what is queued: for a peer that cannot keep up, or at the end of
	 * a shutdown. The close frame is written on the endpoint's executor, since a socket that is
	 * full would hold the calling thread.
	 * @return {@code true} for the one call that cut it off
	 */
	boolean cutOff(int code, String reason) {
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
		this.transportClose.start(code, OutboundFrame.close(code, reason).text(), stuck ? STUCK_CLOSE_TIMEOUT : sendTimeout());
		return true;
	}

	/**
	 * The container reported a transport error.
	 */
	void transportFailed() {
		this.transportClose.transportFailed();
	}

	/**
	 * Mark the connection open; sends are accepted from now on.
	 */
	void opened() {
		STATE.compareAndSet(this, ConnectionState.CONNECTING, ConnectionState.OPEN);
	}

	/**
	 * The container has finished opening the connection and the handler has seen it open: a
	 * close asked for meanwhile goes ahead now.
	 */
	void established() {
		this.transportClose.established();
	}

	/**
	 * Mark the connection closed.
	 * @return {@code true} for the one call that closed it
	 */
	boolean terminated() {
		ConnectionState previous = (ConnectionState) STATE.getAndSet(this, ConnectionState.CLOSED);
		if (previous == ConnectionState.CLOSED) {
			return false;
		}
		this.queue.abandon();
		this.assembly.reset();
		return true;
	}

	/**
	 * The close status to report: what the peer saw.
	 */
	CloseStatus effectiveCloseStatus(CloseStatus received) {
		return this.transportClose.effectiveStatus(received);
	}

	// Queue events

	@Override
	public void sent(OutboundFrame frame) {
		if (frame.isData()) {
			this.messagesSent++;
			this.bytesSent += frame.size();
			this.endpoint.server().events().messageSent(this, frame.kind() == OutboundFrame.Kind.BINARY);
		}
	}

	@Override
	public void dropped(OutboundFrame frame, DropReason reason) {
		this.endpoint.server().events().frameDropped(this, frame, reason);
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
			if (cutOff(CloseCodes.SERVER_ERROR, "Write failed")) {
				this.transportClose.lost();
			}
		}
	}

	@Override
	public void closeReached(OutboundFrame close) {
		if (logger.isDebugEnabled()) {
			logger.debug("Connection {} flushed {} messages; closing with {}", this.id, this.messagesSent, close.closeCode());
		}
		this.transportClose.start(close.closeCode(), close.text(), sendTimeout());
	}

	private Duration sendTimeout() {
		return this.endpoint.settings().send().timeout();
	}

	// Inbound

	void touch() {
		this.lastActivityNanos = this.ticker.nanos();
	}

	/**
	 * Add one part of a text message.
	 * @return the whole message once its last part arrived, else {@code null}
	 * @throws WsException with {@code MESSAGE_TOO_BIG} past the limit
	 */
	@Nullable String assembleText(String part, boolean last, int limit) {
		String whole = this.assembly.text(part, last, limit);
		if (whole != null) {
			received(whole.length());
		}
		return whole;
	}

	/**
	 * Add one part of a binary message.
	 * @return the whole message, copied out of the container's buffer, once its last part
	 * arrived, else {@code null}
	 * @throws WsException with {@code MESSAGE_TOO_BIG} past the limit
	 */
	byte @Nullable [] assembleBinary(ByteBuffer part, boolean last, int limit) {
		byte[] whole = this.assembly.binary(part, last, limit);
		if (whole != null) {
			received(whole.length);
		}
		return whole;
	}

	private void received(int size) {
		this.messagesReceived++;
		this.bytesReceived += size;
	}

	// Sweeping

	/**
	 * Check the write in progress, the heartbeat and the transport. Called by the sweeper, one
	 * sweep at a time.
	 * @param nowNanos the time on the node's {@link Ticker}
	 */
	void sweep(long nowNanos) {
		long since = this.queue.inFlightSince();
		if (since != 0 && nowNanos - since > this.sendTimeoutNanos) {
			cutOff(CloseCodes.TRY_AGAIN_LATER, "Send timeout");
		}
		HeartbeatSettings heartbeat = this.heartbeat;
		if (heartbeat.enabled() && this.state == ConnectionState.OPEN) {
			long lastActivity = this.lastActivityNanos;
			long silence = nowNanos - lastActivity;
			if (silence > heartbeat.pongWait().toNanos()) {
				if (cutOff(CloseCodes.HEARTBEAT_TIMEOUT, "Heartbeat timeout")) {
					this.endpoint.server().heartbeatEvents().timedOut(this, Duration.ofNanos(silence));
				}
			}
			else if (nowNanos - Math.max(this.lastPingNanos, lastActivity) >= heartbeat.pingInterval().toNanos()) {
				// only a connection silent for a whole interval: anything it sent proves it alive
				this.lastPingNanos = nowNanos;
				byte[] payload = ByteBuffer.allocate(8).putLong(nowNanos).array();
				if (this.queue.offer(OutboundFrame.ping(payload)) == SendResult.QUEUED) {
					this.endpoint.server().heartbeatEvents().pingSent(this);
				}
			}
		}
		if (this.state != ConnectionState.CLOSED && this.state != ConnectionState.CONNECTING && !this.writer.isOpen()) {
			// The container normally reports the end itself; this catches the case where it never does.
			if (++this.transportGoneSweeps > 2) {
				this.endpoint.connectionEnded(this, CloseStatus.NO_CLOSE_FRAME);
			}
		}
	}

	WebSocketSession session() {
		return this.session;
	}

	OutboundQueue queue() {
		return this.queue;
	}

	@Override
	public String toString() {
		return "WsConnection[" + this.id + ", " + endpoint() + ", " + this.state + "]";
	}

}
