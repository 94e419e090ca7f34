package dev.gofr.ws.testing;

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
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * A connection for unit tests: it records the frames sent to it and answers sends with a result
 * the test chooses.
 */
public final class RecordingConnection implements WsConnection {

	private final String id;

	private final String endpoint;

	private final @Nullable Rooms rooms;

	private final Map<String, Object> metadata = new ConcurrentHashMap<>();

	private final List<OutboundFrame> frames = new CopyOnWriteArrayList<>();

	private volatile ConnectionState state = ConnectionState.OPEN;

	private volatile SendResult result = SendResult.QUEUED;

	private volatile @Nullable Principal principal;

	private volatile @Nullable String closedWith;

	public RecordingConnection(String id, String endpoint) {
		this(id, endpoint, null);
	}

	public RecordingConnection(String id, String endpoint, @Nullable Rooms rooms) {
		this.id = id;
		this.endpoint = endpoint;
		this.rooms = rooms;
	}

	/** The frames sent so far. */
	public List<OutboundFrame> frames() {
		return List.copyOf(this.frames);
	}

	/** The texts of the text frames sent so far. */
	public List<String> texts() {
		return this.frames.stream().filter((frame) -> frame.kind() == OutboundFrame.Kind.TEXT)
			.map(OutboundFrame::text)
			.toList();
	}

	public RecordingConnection answering(SendResult result) {
		this.result = result;
		return this;
	}

	public void state(ConnectionState state) {
		this.state = state;
	}

	/** The user the connection belongs to from now on. */
	public RecordingConnection principal(@Nullable Principal principal) {
		this.principal = principal;
		return this;
	}

	/** The code and reason of the close asked for, as {@code "1008 reason"}, or {@code null}. */
	public @Nullable String closedWith() {
		return this.closedWith;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public ConnectionState state() {
		return this.state;
	}

	@Override
	public ConnectionInfo info() {
		return new ConnectionInfo(this.id, this.endpoint, this.state, Instant.EPOCH, Instant.EPOCH, null, null,
				List.of(), null, rooms(), 0, this.frames.size(), 0, 0, 0);
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

	private volatile HeartbeatSettings heartbeat = HeartbeatSettings.DEFAULTS;

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
		return requireRooms().join(this, room);
	}

	@Override
	public boolean leave(String room) {
		return requireRooms().leave(this, room);
	}

	@Override
	public Set<String> rooms() {
		return (this.rooms != null) ? this.rooms.roomsOf(this) : Set.of();
	}

	private Rooms requireRooms() {
		if (this.rooms == null) {
			throw new IllegalStateException("Created without rooms");
		}
		return this.rooms;
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
		throw new UnsupportedOperationException();
	}

	@Override
	public SendResult send(Object value) {
		return (value instanceof OutboundFrame frame) ? send(frame) : sendText(value.toString());
	}

	@Override
	public SendResult send(OutboundFrame frame) {
		if (this.state != ConnectionState.OPEN) {
			return SendResult.CLOSED;
		}
		if (this.result == SendResult.QUEUED) {
			this.frames.add(frame);
		}
		return this.result;
	}

	@Override
	public SendResult sendError(WsErrorCode code, String message) {
		return sendText(code + ": " + message);
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
		this.state = ConnectionState.CLOSED;
		this.closedWith = code + " " + reason;
	}

	@Override
	public String toString() {
		return "RecordingConnection[" + this.id + "]";
	}

}
