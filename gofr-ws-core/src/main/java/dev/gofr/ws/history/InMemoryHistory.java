package dev.gofr.ws.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The history of one node, on its heap: per room that keeps one, the last
 * {@link HistorySettings#size()} messages younger than {@link HistorySettings#ttl()} of the room's
 * rule, in a ring.
 * Each room's stream has its own lock, taken by a message to the room and a recovering join, never
 * one lock for all rooms. A stream whose messages have all expired is dropped (checked as messages
 * are published, at most every half of the shortest ttl); the room's next message starts a stream with a new
 * epoch, so an offset of the old one is answered {@code recovered: false}.
 * <p>
 * Memory: per room, its messages' frames (shared with the connections' queues while they are
 * queued) and about 40 bytes per kept message.
 */
public final class InMemoryHistory implements History {

	private final HistoryRules rules;

	private final Ticker ticker;

	private final long sweepNanos;

	private final ConcurrentHashMap<String, RoomStream> streams = new ConcurrentHashMap<>();

	private volatile long lastSweep;

	/**
	 * Create the history of a node.
	 * @param rules which rooms keep a history and how much each
	 * @param ticker the time messages expire on
	 */
	public InMemoryHistory(HistoryRules rules, Ticker ticker) {
		this.rules = rules;
		this.ticker = ticker;
		Duration shortest = rules.shortestTtl();
		this.sweepNanos = (shortest != null) ? shortest.toNanos() / 2 : Long.MAX_VALUE;
		this.lastSweep = ticker.nanos();
	}

	@Override
	public HistoryRules rules() {
		return this.rules;
	}

	@Override
	public void publish(String room, @Nullable String exceptId, OutboundFrame frame, Consumer<OutboundFrame> deliver) {
		HistorySettings rule = this.rules.forRoom(room);
		if (rule == null) {
			deliver.accept(frame);
			return;
		}
		long now = this.ticker.nanos();
		withStream(room, rule, (stream) -> {
			deliver.accept(stream.append(frame, now));
			return null;
		});
		if (now - this.lastSweep > this.sweepNanos) {
			sweep(now);
		}
	}

	@Override
	public Recovery recover(String room, @Nullable StreamPosition since, Replay replay) {
		HistorySettings rule = this.rules.forRoom(room);
		if (rule == null) {
			return replay.join(null, null);
		}
		long now = this.ticker.nanos();
		return withStream(room, rule, (stream) -> replay.join(stream.since(since, now), stream.position()));
	}

	/**
	 * The rooms that have a stream now.
	 * @return the count
	 */
	public int streams() {
		return this.streams.size();
	}

	/**
	 * A room's position: its last message's offset and its stream's epoch.
	 * @param room the room
	 * @return the position, or {@code null} when the room has no stream now
	 */
	public @Nullable StreamPosition position(String room) {
		RoomStream stream = this.streams.get(room);
		if (stream == null) {
			return null;
		}
		synchronized (stream) {
			return stream.removed ? null : stream.position();
		}
	}

	private <T> T withStream(String room, HistorySettings rule, Function<RoomStream, T> action) {
		while (true) {
			RoomStream stream = this.streams.computeIfAbsent(room, (name) -> new RoomStream(rule, Stamps.newEpoch()));
			synchronized (stream) {
				if (!stream.removed) {
					return action.apply(stream);
				}
			}
		}
	}

	private void sweep(long now) {
		this.lastSweep = now;
		this.streams.forEach((room, stream) -> {
			synchronized (stream) {
				if (!stream.removed && now - stream.lastNanos > stream.ttlNanos) {
					stream.removed = true;
					this.streams.remove(room, stream);
				}
			}
		});
	}


	/**
	 * One room's stream: a ring of its last messages. Guarded by its own monitor.
	 */
	private static final class RoomStream {

		private final String epoch;

		private final long ttlNanos;

		private final OutboundFrame[] frames;

		private final long[] times;

		private long top;

		private int count;

		private long lastNanos;

		private boolean removed;

		RoomStream(HistorySettings rule, String epoch) {
			this.epoch = epoch;
			this.ttlNanos = rule.ttl().toNanos();
			this.frames = new OutboundFrame[rule.size()];
			this.times = new long[rule.size()];
		}

		OutboundFrame append(OutboundFrame frame, long now) {
			long offset = ++this.top;
			OutboundFrame stamped = Stamps.stamp(frame, offset, this.epoch);
			int slot = (int) (offset % this.frames.length);
			this.frames[slot] = stamped;
			this.times[slot] = now;
			this.count = Math.min(this.count + 1, this.frames.length);
			this.lastNanos = now;
			return stamped;
		}

		StreamPosition position() {
			return new StreamPosition(this.top, this.epoch);
		}

		@Nullable List<OutboundFrame> since(@Nullable StreamPosition since, long now) {
			if (since == null || !since.epoch().equals(this.epoch) || since.offset() > this.top) {
				return null;
			}
			long oldest = this.top - this.count + 1;
			while (oldest <= this.top && now - this.times[(int) (oldest % this.frames.length)] > this.ttlNanos) {
				oldest++; // expired
			}
			if (since.offset() + 1 < oldest) {
				return null;
			}
			List<OutboundFrame> missed = new ArrayList<>((int) (this.top - since.offset()));
			for (long offset = since.offset() + 1; offset <= this.top; offset++) {
				missed.add(this.frames[(int) (offset % this.frames.length)]);
			}
			return missed;
		}

	}

}
