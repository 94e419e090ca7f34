package dev.gofr.ws.server;

import java.nio.ByteBuffer;
import java.time.Duration;

import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.SendResult;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;

/**
 * Whether one {@link ServerConnection} is still alive, and what the {@link ConnectionSweeper}
 * does about it: when the peer was last heard from and last pinged, the heartbeat it is on, and
 * how many sweeps found its transport gone. A sweep cuts off a write stuck past the send timeout
 * (1013), a peer silent past the pong wait (4408), pings one silent for a whole interval, and
 * ends a connection whose transport went away without the container saying so. A peer that is
 * not read because its handler has fallen behind counts as heard from.
 * <p>
 * Everything is measured on the node's {@link Ticker}. {@link #touch()} runs on the transport's
 * reader; {@link #sweep} on the sweeper, one sweep at a time.
 */
final class ConnectionLiveness {

	/** Sweeps that must find the transport gone before the connection is ended for it. */
	private static final int TRANSPORT_GONE_SWEEPS = 3;

	private final ServerConnection connection;

	private final Ticker ticker;

	private final long connectedAtNanos;

	private final long sendTimeoutNanos;

	private volatile long lastActivityNanos;

	private volatile HeartbeatSettings heartbeat;

	/** When the heartbeat last pinged; touched by the sweeper only. */
	private long lastPingNanos;

	private int transportGoneSweeps;

	ConnectionLiveness(ServerConnection connection, Ticker ticker, HeartbeatSettings heartbeat, Duration sendTimeout) {
		this.connection = connection;
		this.ticker = ticker;
		this.connectedAtNanos = ticker.nanos();
		this.lastActivityNanos = this.connectedAtNanos;
		this.lastPingNanos = this.connectedAtNanos;
		this.heartbeat = heartbeat;
		this.sendTimeoutNanos = sendTimeout.toNanos();
	}

	long connectedAtNanos() {
		return this.connectedAtNanos;
	}

	long lastActivityNanos() {
		return this.lastActivityNanos;
	}

	HeartbeatSettings heartbeat() {
		return this.heartbeat;
	}

	void heartbeat(HeartbeatSettings settings) {
		this.heartbeat = settings;
	}

	/** A frame of any kind arrived from the peer, whole or not: proof that it is alive. */
	void touch() {
		this.lastActivityNanos = this.ticker.nanos();
	}

	/**
	 * The round trip a pong measures, when it answers one of the heartbeat's pings (whose payload
	 * is the time, on the node's ticker, it was sent at).
	 * @param pong the pong's payload
	 * @return the round trip, or {@code null} for a pong that answers no ping of this connection
	 */
	@Nullable Duration roundTrip(byte[] pong) {
		if (pong.length != 8) {
			return null;
		}
		long sentAt = ByteBuffer.wrap(pong).getLong();
		long now = this.ticker.nanos();
		return (sentAt - this.connectedAtNanos >= 0 && now - sentAt >= 0) ? Duration.ofNanos(now - sentAt) : null;
	}

	/**
	 * Check the write in progress, the heartbeat and the transport.
	 * @param nowNanos the time on the node's {@link Ticker}
	 */
	void sweep(long nowNanos) {
		ServerConnection connection = this.connection;
		long since = connection.queue().inFlightSince();
		if (since != 0 && nowNanos - since > this.sendTimeoutNanos) {
			connection.cutOff(CloseCodes.TRY_AGAIN_LATER, "Send timeout");
		}
		if (connection.readsPaused()) {
			// the peer is not read while its handler catches up: its pongs wait unread, so it counts as heard from
			this.lastActivityNanos = nowNanos;
		}
		HeartbeatSettings heartbeat = this.heartbeat;
		if (heartbeat.enabled() && connection.state() == ConnectionState.OPEN) {
			long lastActivity = this.lastActivityNanos;
			long silence = nowNanos - lastActivity;
			if (silence > heartbeat.pongWait().toNanos()) {
				if (connection.cutOff(CloseCodes.HEARTBEAT_TIMEOUT, "Heartbeat timeout")) {
					connection.node().heartbeatEvents().timedOut(connection, Duration.ofNanos(silence));
				}
			}
			else if (nowNanos - Math.max(this.lastPingNanos, lastActivity) >= heartbeat.pingInterval().toNanos()) {
				// only a connection silent for a whole interval: anything it sent proves it alive
				this.lastPingNanos = nowNanos;
				byte[] payload = ByteBuffer.allocate(8).putLong(nowNanos).array();
				if (connection.queue().offer(OutboundFrame.ping(payload)) == SendResult.QUEUED) {
					connection.node().heartbeatEvents().pingSent(connection);
				}
			}
		}
		ConnectionState state = connection.state();
		if (state != ConnectionState.CLOSED && state != ConnectionState.CONNECTING
				&& !connection.transport().writer().isOpen()) {
			// The container normally reports the end itself; this catches the case where it never does.
			if (++this.transportGoneSweeps >= TRANSPORT_GONE_SWEEPS) {
				connection.end(CloseStatus.NO_CLOSE_FRAME);
			}
		}
	}

}
