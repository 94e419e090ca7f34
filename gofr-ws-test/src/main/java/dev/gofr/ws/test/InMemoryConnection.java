package dev.gofr.ws.test;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.connection.ConnectionInfo;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.SendResult;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/**
 * A connection of an {@link InMemoryEndpoint}: the {@link WsConnection} its handler sees, with
 * no socket behind it. It records every frame sent to the peer, in order, and how it closed.
 * {@link #receiveText} and {@link #receiveBinary} play a message from the peer: it runs through
 * the route's interceptors and handler, its reply is recorded, and a failure becomes the error
 * frame or the close that the route's error policy asks for, all before the call returns.
 * <p>
 * A close, by the handler or by {@link #closeFromPeer}, ends the connection as on a socket: it
 * leaves its rooms and the registry, and the interceptors' {@code closed} and the handler's
 * {@code onClose} run. A close during a message takes effect once the handler has returned.
 */
public final class InMemoryConnection implements WsConnection {

	private final String id;

	private final InMemoryEndpoint endpoint;

	private final @Nullable Principal principal;

	private final Instant connectedAt = Instant.now();

	private final Map<String, Object> metadata = new ConcurrentHashMap<>();

	private final List<OutboundFrame> frames = new CopyOnWriteArrayList<>();

	private volatile ConnectionState state = ConnectionState.CONNECTING;

	private volatile HeartbeatSettings heartbeat = HeartbeatSettings.DEFAULTS;

	private volatile @Nullable CloseStatus closeStatus;

	private volatile Instant lastActivity = this.connectedAt;

	private long messagesReceived;

	private long bytesReceived;

	private long messagesSent;

	private long bytesSent;

	private int handling;

	InMemoryConnection(String id, InMemoryEndpoint endpoint, @Nullable Principal principal) {
		this.id = id;
		this.endpoint = endpoint;
		this.principal = principal;
	}

	// The peer's side

	/**
	 * Play a text message from the peer through the route, as a socket delivers it.
	 * @param text the text
	 * @return this connection
	 * @throws IllegalStateException when the connection is not open
	 */
	public InMemoryConnection receiveText(String text) {
		return receive(WsMessage.text(text, this.endpoint.server().codec()));
	}

	/**
	 * Play a binary message from the peer through the route, as a socket delivers it.
	 * @param bytes the payload
	 * @return this connection
	 * @throws IllegalStateException when the connection is not open
	 */
	public InMemoryConnection receiveBinary(byte[] bytes) {
		return receive(WsMessage.binary(bytes.clone(), this.endpoint.server().codec()));
	}

	/**
	 * Play a text message from the peer with the object written as JSON by the node's codec.
	 * @param value the object, such as a record of the application's protocol
	 * @return this connection
	 * @throws IllegalStateException when the connection is not open
	 */
	public InMemoryConnection receiveJson(Object value) {
		return receiveText(this.endpoint.server().codec().encode(value));
	}

	private InMemoryConnection receive(WsMessage message) {
		if (this.state != ConnectionState.OPEN) {
			throw new IllegalStateException("Connection " + this.id + " is " + this.state
					+ ((this.closeStatus != null) ? " (" + this.closeStatus + ")" : "") + ": it receives no message");
		}
		this.lastActivity = Instant.now();
		this.messagesReceived++;
		this.bytesReceived += message.size();
		handle(() -> this.endpoint.dispatcher().dispatch(this, message));
		return this;
	}

	/**
	 * The peer closes the connection with a close frame; it ends at once.
	 * @param code the close code
	 * @param reason the reason
	 * @return this connection
	 */
	public InMemoryConnection closeFromPeer(int code, String reason) {
		if (this.state == ConnectionState.OPEN || this.state == ConnectionState.CONNECTING) {
			this.state = ConnectionState.CLOSING;
			end(new CloseStatus(code, reason));
		}
		return this;
	}

	/**
	 * The peer vanishes without a close frame; the connection ends at once with 1006.
	 * @return this connection
	 */
	public InMemoryConnection dropFromPeer() {
		return closeFromPeer(CloseCodes.ABNORMAL, "");
	}

	void opened() {
		this.state = ConnectionState.OPEN;
	}

	/**
	 * Run a callback of the route; a close it asks for ends the connection once it has returned.
	 */
	void handle(Runnable callback) {
		this.handling++;
		try {
			callback.run();
		}
		finally {
			this.handling--;
		}
		CloseStatus status = this.closeStatus;
		if (this.handling == 0 && this.state == ConnectionState.CLOSING && status != null) {
			end(status);
		}
	}

	private void end(CloseStatus status) {
		if (this.state == ConnectionState.CLOSED) {
			return;
		}
		this.state = ConnectionState.CLOSED;
		if (this.closeStatus == null) {
			this.closeStatus = status;
		}
		InMemoryServer server = this.endpoint.server();
		server.registry().remove(this);
		server.rooms().leaveAll(this);
		this.endpoint.dispatcher().closed(this, status);
	}

	// What was sent

	/**
	 * Every frame sent to the peer so far, in order: data frames, pings, pongs, and the close
	 * frame when this side closed.
	 * @return a copy
	 */
	public List<OutboundFrame> frames() {
		return List.copyOf(this.frames);
	}

	/**
	 * The text and binary messages sent to the peer so far, in order.
	 * @return a copy
	 */
	public List<OutboundFrame> messages() {
		return this.frames.stream().filter(OutboundFrame::isData).toList();
	}

	/**
	 * The texts of the text messages sent so far, in order.
	 * @return a copy
	 */
	public List<String> texts() {
		return this.frames.stream()
			.filter((frame) -> frame.kind() == OutboundFrame.Kind.TEXT)
			.map(OutboundFrame::text)
			.toList();
	}

	/**
	 * The last text or binary message sent.
	 * @return the message
	 * @throws AssertionError when none was sent
	 */
	public OutboundFrame lastMessage() {
		List<OutboundFrame> messages = messages();
		if (messages.isEmpty()) {
			throw new AssertionError("Expected a message sent on " + this + " but none was; frames: " + this.frames);
		}
		return messages.get(messages.size() - 1);
	}

	/**
	 * Forget the frames recorded so far, so that the next assertions see only what follows.
	 * @return this connection
	 */
	public InMemoryConnection clear() {
		this.frames.clear();
		return this;
	}

	/**
	 * How the connection closed: the status this side sent when it closed first, else the
	 * peer's.
	 * @return the status, or {@code null} while not closing or closed
	 */
	public @Nullable CloseStatus closeStatus() {
		return this.closeStatus;
	}

	/**
	 * The code of {@link #closeStatus()}.
	 * @return the code, or {@code null} while not closing or closed
	 */
	public @Nullable Integer closeCode() {
		CloseStatus status = this.closeStatus;
		return (status != null) ? status.getCode() : null;
	}

	/**
	 * The endpoint this connection arrived on.
	 * @return the endpoint
	 */
	public InMemoryEndpoint inMemoryEndpoint() {
		return this.endpoint;
	}

	// WsConnection

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
	public Instant connectedAt() {
		return this.connectedAt;
	}

	@Override
	public ConnectionInfo info() {
		return new ConnectionInfo(this.id, endpoint(), this.state, this.connectedAt, this.lastActivity, null, null,
				List.of(), this.principal, rooms(), this.messagesReceived, this.messagesSent, this.bytesReceived,
				this.bytesSent, 0);
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public void set(String key, Object value) {
		this.metadata.put(key, value);
	}

	@Override
	public @Nullable Object get(String key) {
		return this.metadata.get(key);
	}

	@Override
	public @Nullable Object remove(String key) {
		return this.metadata.remove(key);
	}

	@Override
	public Map<String, Object> metadata() {
		return Map.copyOf(this.metadata);
	}

	@Override
	public HeartbeatSettings heartbeat() {
		return this.heartbeat;
	}

	@Override
	public void heartbeat(HeartbeatSettings settings) {
		this.heartbeat = settings;
	}

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

	@Override
	public SendResult sendText(CharSequence text) {
		return send(OutboundFrame.text(text.toString()));
	}

	@Override
	public SendResult sendBinary(byte[] bytes) {
		return send(OutboundFrame.binary(bytes));
	}

	@Override
	public SendResult sendBinary(ByteBuffer bytes) {
		return send(OutboundFrame.binary(bytes));
	}

	@Override
	public SendResult sendJson(Object value) {
		return send(OutboundFrame.text(this.endpoint.server().codec().encode(value)));
	}

	@Override
	public SendResult send(Object value) {
		if (value instanceof TextMessage text) {
			return sendText(text.getPayload());
		}
		if (value instanceof BinaryMessage binary) {
			return sendBinary(binary.getPayload());
		}
		return send(this.endpoint.server().broadcaster().encode(value));
	}

	@Override
	public SendResult send(OutboundFrame frame) {
		if (frame.kind() == OutboundFrame.Kind.CLOSE) {
			close(frame.closeCode(), frame.text());
			return SendResult.QUEUED;
		}
		if (this.state != ConnectionState.OPEN) {
			return SendResult.CLOSED;
		}
		this.frames.add(frame);
		if (frame.isData()) {
			this.messagesSent++;
			this.bytesSent += frame.size();
			this.endpoint.server().events().messageSent(this, frame.kind() == OutboundFrame.Kind.BINARY);
		}
		return SendResult.QUEUED;
	}

	@Override
	public SendResult sendError(WsErrorCode code, String message) {
		this.endpoint.server().events().error(this, code);
		return send(this.endpoint.server().errorFormat().frame(code, message));
	}

	@Override
	public SendResult sendPing(byte[] payload) {
		return send(OutboundFrame.ping(payload));
	}

	@Override
	public SendResult sendPong(byte[] payload) {
		return send(OutboundFrame.pong(payload));
	}

	@Override
	public void close(int code, String reason) {
		if (this.state != ConnectionState.OPEN && this.state != ConnectionState.CONNECTING) {
			return;
		}
		OutboundFrame close = OutboundFrame.close(code, reason);
		this.frames.add(close);
		this.closeStatus = new CloseStatus(code, close.text());
		this.state = ConnectionState.CLOSING;
		if (this.handling == 0) {
			end(this.closeStatus);
		}
	}

	@Override
	public String toString() {
		return "InMemoryConnection[" + this.id + ", " + endpoint() + ", " + this.state + "]";
	}

}
