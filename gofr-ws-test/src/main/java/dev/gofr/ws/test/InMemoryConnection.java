package dev.gofr.ws.test;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.gofr.ws.connection.ConnectionInfo;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.history.Recovery;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.SendResult;
import dev.gofr.ws.server.ServerConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * A connection of an {@link InMemoryRoute}, as a test sees it: the connection its handler
 * sees (the same id, state, metadata and rooms, the same sends), over a transport with no socket
 * behind it that records every frame sent to the peer, in order, and how the connection closed.
 * {@link #receiveText} and {@link #receiveBinary} play a message from the peer: it runs through
 * the route's interceptors and handler, its reply is recorded, and a failure becomes the error
 * frame or the close that the route's error policy asks for, all before the call returns.
 * <p>
 * The connection behind it is gofr-ws's own, the one a socket's messages reach: a close, by the
 * handler or by {@link #closeFromPeer}, ends it as on a socket: it leaves its rooms and the
 * registry, and the interceptors' {@code closed} and the handler's {@code onClose} run. A close
 * during a message takes effect once the handler has returned.
 */
public final class InMemoryConnection implements WsConnection {

	private final ServerConnection connection;

	private final InMemoryTransport transport;

	private final InMemoryRoute route;

	InMemoryConnection(ServerConnection connection, InMemoryTransport transport, InMemoryRoute route) {
		this.connection = connection;
		this.transport = transport;
		this.route = route;
	}

	// The peer's side

	/**
	 * Play a text message from the peer through the route, as a socket delivers it.
	 * @param text the text
	 * @return this connection
	 * @throws IllegalStateException when the connection is not open
	 */
	public InMemoryConnection receiveText(String text) {
		return receive(WsMessage.text(text, this.route.server().codec()));
	}

	/**
	 * Play a binary message from the peer through the route, as a socket delivers it.
	 * @param bytes the payload
	 * @return this connection
	 * @throws IllegalStateException when the connection is not open
	 */
	public InMemoryConnection receiveBinary(byte[] bytes) {
		return receive(WsMessage.binary(bytes.clone(), this.route.server().codec()));
	}

	/**
	 * Play a text message from the peer with the object written as JSON by the node's codec.
	 * @param value the object, such as a record of the application's protocol
	 * @return this connection
	 * @throws IllegalStateException when the connection is not open
	 */
	public InMemoryConnection receiveJson(Object value) {
		return receiveText(this.route.server().codec().encode(value));
	}

	private InMemoryConnection receive(WsMessage message) {
		if (state() != ConnectionState.OPEN) {
			CloseStatus status = closeStatus();
			throw new IllegalStateException("Connection " + id() + " is " + state()
					+ ((status != null) ? " (" + status + ")" : "") + ": it receives no message");
		}
		this.transport.callback(() -> {
			this.connection.touch();
			this.connection.receive(message);
		});
		return this;
	}

	/**
	 * The peer closes the connection with a close frame; it ends at once.
	 * @param code the close code
	 * @param reason the reason
	 * @return this connection
	 */
	public InMemoryConnection closeFromPeer(int code, String reason) {
		this.transport.closeFromPeer(new CloseStatus(code, reason));
		return this;
	}

	/**
	 * The peer vanishes without a close frame; the connection ends at once with 1006.
	 * @return this connection
	 */
	public InMemoryConnection dropFromPeer() {
		return closeFromPeer(CloseCodes.ABNORMAL, "");
	}

	// What was sent

	/**
	 * Every frame sent to the peer so far, in order: data frames, pings, pongs, and the close
	 * frame when this side closed.
	 * @return a copy
	 */
	public List<OutboundFrame> frames() {
		return List.copyOf(this.transport.written());
	}

	/**
	 * The text and binary messages sent to the peer so far, in order.
	 * @return a copy
	 */
	public List<OutboundFrame> messages() {
		return this.transport.written().stream().filter(OutboundFrame::isData).toList();
	}

	/**
	 * The texts of the text messages sent so far, in order.
	 * @return a copy
	 */
	public List<String> texts() {
		return this.transport.written()
			.stream()
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
			throw new AssertionError(
					"Expected a message sent on " + this + " but none was; frames: " + this.transport.written());
		}
		return messages.get(messages.size() - 1);
	}

	/**
	 * Forget the frames recorded so far, so that the next assertions see only what follows.
	 * @return this connection
	 */
	public InMemoryConnection clear() {
		this.transport.written().clear();
		return this;
	}

	/**
	 * How the connection closed: the status this side sent when it closed first, else the
	 * peer's.
	 * @return the status, or {@code null} while not closing or closed
	 */
	public @Nullable CloseStatus closeStatus() {
		return this.transport.closeStatus();
	}

	/**
	 * The code of {@link #closeStatus()}.
	 * @return the code, or {@code null} while not closing or closed
	 */
	public @Nullable Integer closeCode() {
		CloseStatus status = closeStatus();
		return (status != null) ? status.getCode() : null;
	}

	/**
	 * The route this connection arrived on.
	 * @return the route
	 */
	public InMemoryRoute inMemoryRoute() {
		return this.route;
	}

	// WsConnection: the connection the handler sees

	@Override
	public String id() {
		return this.connection.id();
	}

	@Override
	public String endpoint() {
		return this.connection.endpoint();
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.connection.pathVariables();
	}

	@Override
	public @Nullable String queryParameter(String name) {
		return this.connection.queryParameter(name);
	}

	@Override
	public @Nullable String handshakeHeader(String name) {
		return this.connection.handshakeHeader(name);
	}

	@Override
	public ConnectionState state() {
		return this.connection.state();
	}

	@Override
	public Instant connectedAt() {
		return this.connection.connectedAt();
	}

	@Override
	public ConnectionInfo info() {
		return this.connection.info();
	}

	@Override
	public @Nullable Principal principal() {
		return this.connection.principal();
	}

	@Override
	public void authenticate(Principal principal) {
		this.connection.authenticate(principal);
	}

	@Override
	public void set(String key, Object value) {
		this.connection.set(key, value);
	}

	@Override
	public @Nullable Object get(String key) {
		return this.connection.get(key);
	}

	@Override
	public @Nullable Object remove(String key) {
		return this.connection.remove(key);
	}

	@Override
	public Map<String, Object> metadata() {
		return this.connection.metadata();
	}

	@Override
	public HeartbeatSettings heartbeat() {
		return this.connection.heartbeat();
	}

	@Override
	public void heartbeat(HeartbeatSettings settings) {
		this.connection.heartbeat(settings);
	}

	@Override
	public boolean join(String room) {
		return this.connection.join(room);
	}

	@Override
	public Recovery join(String room, @Nullable StreamPosition since, Function<Recovery, @Nullable Object> reply) {
		return this.connection.join(room, since, reply);
	}

	@Override
	public boolean leave(String room) {
		return this.connection.leave(room);
	}

	@Override
	public Set<String> rooms() {
		return this.connection.rooms();
	}

	@Override
	public SendResult sendText(CharSequence text) {
		return this.connection.sendText(text);
	}

	@Override
	public SendResult sendBinary(byte[] bytes) {
		return this.connection.sendBinary(bytes);
	}

	@Override
	public SendResult sendBinary(ByteBuffer bytes) {
		return this.connection.sendBinary(bytes);
	}

	@Override
	public SendResult sendJson(Object value) {
		return this.connection.sendJson(value);
	}

	@Override
	public SendResult send(Object value) {
		return this.connection.send(value);
	}

	@Override
	public SendResult sendError(WsErrorCode code, String message) {
		return this.connection.sendError(code, message);
	}

	@Override
	public SendResult sendPing(byte[] payload) {
		return this.connection.sendPing(payload);
	}

	@Override
	public SendResult sendPong(byte[] payload) {
		return this.connection.sendPong(payload);
	}

	@Override
	public void close(int code, String reason) {
		this.connection.close(code, reason);
	}

	@Override
	public String toString() {
		return "InMemoryConnection[" + id() + ", " + endpoint() + ", " + state() + "]";
	}

}
