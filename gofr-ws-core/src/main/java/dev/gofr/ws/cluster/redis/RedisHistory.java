package dev.gofr.ws.cluster.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.gofr.ws.cluster.StampedCodec;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.HistoryRules;
import dev.gofr.ws.history.HistorySettings;
import dev.gofr.ws.history.Recovery;
import dev.gofr.ws.history.Stamps;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.send.OutboundFrame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;

/**
 * The history of a cluster, in Redis: per room that keeps one, a counter of offsets, the stream's
 * epoch and a Redis Stream of its last messages ({@code XADD … MAXLEN ~}), whichever node the
 * messages came from, so a client recovers on whichever node it comes back to.
 * <p>
 * A message to such a room is stamped, stored and published on the room's channel by one Lua
 * script, run in order with this node's other publications ({@link RedisBroadcastRelay#runScript}):
 * Redis gives the offsets, so every node, the sending one included, delivers the room's messages
 * as the room's channel passes them on, in offset order. While Redis is unreachable, a message
 * reaches this node's members only, unstamped and not kept (counted as dropped by the relay).
 * <p>
 * A recovering join subscribes to the room's channel, then runs a second script that reads what
 * the client missed from the stream and publishes a marker on the channel. Once the marker is
 * back, every message stored before the read has reached this node; under the room's lock the
 * join takes the messages read, plus those this node delivered since the read (it keeps the
 * room's last messages for that), joins, and from then on gets live messages: nothing missed,
 * nothing twice. The keys of a room share a hash tag, so they live on one Redis Cluster slot; there
 * the room's channel is a shard channel with the same hash tag, which the scripts publish on with
 * {@code SPUBLISH} ({@link RoomChannels}).
 */
public final class RedisHistory implements History {

	private static final Logger logger = LoggerFactory.getLogger(RedisHistory.class);

	private static final String PUBLISH = """
			local epoch = redis.call('GET', KEYS[2])
			if not epoch then
			  epoch = ARGV[5]
			  redis.call('SET', KEYS[2], epoch)
			  redis.call('DEL', KEYS[1], KEYS[3])
			end
			local offset = redis.call('INCR', KEYS[1])
			local payload = ARGV[3]
			local at = tonumber(ARGV[4])
			if at > 0 then
			  payload = string.sub(payload, 1, at - 1) .. ARGV[6] .. '"offset":' .. offset .. ',"epoch":"' .. epoch .. '"'
			    .. string.sub(payload, at)
			end
			local now = redis.call('TIME')
			local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
			redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], offset .. '-1', 'p', payload, 't', millis, 'k', ARGV[9])
			redis.call('PEXPIRE', KEYS[1], ARGV[8])
			redis.call('PEXPIRE', KEYS[2], ARGV[8])
			redis.call('PEXPIRE', KEYS[3], ARGV[8])
			redis.call(publish, ARGV[1], ARGV[2] .. offset .. ':' .. epoch .. ':' .. payload)
			return offset
			""";

	private static final String RECOVER = """
			local epoch = redis.call('GET', KEYS[2])
			local top = tonumber(redis.call('GET', KEYS[1]) or '0')
			local since = tonumber(ARGV[1])
			local result = {epoch or '', top, 0}
			if epoch and epoch == ARGV[2] and since <= top then
			  local entries = redis.call('XRANGE', KEYS[3], (since + 1) .. '-0', '+')
			  local now = redis.call('TIME')
			  local oldest = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[3])
			  local expected = since + 1
			  local complete = true
			  for i, entry in ipairs(entries) do
			    local id = entry[1]
			    local offset = tonumber(string.sub(id, 1, string.find(id, '-') - 1))
			    local fields = entry[2]
			    if offset ~= expected or (i == 1 and tonumber(fields[4]) < oldest) then
			      complete = false
			      break
			    end
			    result[#result + 1] = fields[6]
			    result[#result + 1] = fields[2]
			    expected = expected + 1
			  end
			  if complete and expected == top + 1 then
			    result[3] = 1
			  else
			    result = {epoch, top, 0}
			  end
			end
			redis.call(publish, ARGV[4], ARGV[5])
			return result
			""";

	private final RedisConnectionFactory connectionFactory;

	private final String channel;

	private final String nodeId;

	private final HistoryRules rules;

	private final RedisBroadcastRelay relay;

	private final RoomChannels roomChannels;

	private final byte[] publishScript;

	private final byte[] recoverScript;

	private final Duration markerWait;

	private final ConcurrentHashMap<String, LocalStream> streams = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, CountDownLatch> markers = new ConcurrentHashMap<>();

	private volatile Consumer<String> following = (room) -> {
	};

	/**
	 * Create the cluster's history.
	 * @param connectionFactory the application's Redis connections
	 * @param channel the cluster channel: the rooms' channels and keys start with it
	 * @param nodeId this node's id
	 * @param rules which rooms keep a history and how much each
	 * @param relay runs the stamping script in order with this node's publications
	 * @param markerWait how long a recovering join waits for its marker before it gives up
	 */
	public RedisHistory(RedisConnectionFactory connectionFactory, String channel, String nodeId, HistoryRules rules,
			RedisBroadcastRelay relay, Duration markerWait) {
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.nodeId = nodeId;
		this.rules = rules;
		this.relay = relay;
		this.roomChannels = relay.roomChannels();
		this.publishScript = this.roomChannels.script(PUBLISH);
		this.recoverScript = this.roomChannels.script(RECOVER);
		this.markerWait = markerWait;
	}

	/**
	 * Tell this history how to make this node follow a room's channel before a recovering join
	 * reads the room's stream.
	 * @param subscribe subscribes to a room's channel and returns once Redis has confirmed it
	 */
	void following(Consumer<String> subscribe) {
		this.following = subscribe;
	}

	/**
	 * This node no longer follows a room: forget what it kept of it.
	 * @param room the room
	 */
	void forget(String room) {
		this.streams.remove(room);
	}

	@Override
	public HistoryRules rules() {
		return this.rules;
	}

	@Override
	public boolean isShared() {
		return true;
	}

	@Override
	public void publish(String room, @Nullable String exceptId, OutboundFrame frame, Consumer<OutboundFrame> deliver) {
		HistorySettings rule = this.rules.forRoom(room);
		if (rule == null || !frame.isData()) {
			deliver.accept(frame);
			return;
		}
		byte[] payload = payload(frame);
		int brace = (frame.kind() == OutboundFrame.Kind.TEXT) ? Stamps.insertionPoint(payload) : -1;
		String separator = (brace > 0) ? Stamps.separator(payload, brace) : "";
		byte[][] keysAndArgs = { key(room, "o"), key(room, "e"), key(room, "s"),
				bytes(this.roomChannels.name(room)),
				StampedCodec.head(this.nodeId, room, exceptId, frame.kind()), payload,
				bytes(Integer.toString(brace + 1)), bytes(Stamps.newEpoch()), bytes(separator),
				bytes(Integer.toString(rule.size())), bytes(Long.toString(rule.ttl().toMillis())),
				bytes((frame.kind() == OutboundFrame.Kind.TEXT) ? "t" : "b") };
		if (!this.relay.runScript(this.publishScript, keysAndArgs)) {
			deliver.accept(frame); // Redis is away: this node's members get it, unstamped
		}
	}

	@Override
	public Recovery recover(String room, @Nullable StreamPosition since, Replay replay) {
		HistorySettings rule = this.rules.forRoom(room);
		if (rule == null || since == null) {
			return replay.join(null, null);
		}
		this.following.accept(room);
		String token = this.nodeId + "/" + UUID.randomUUID();
		CountDownLatch marker = new CountDownLatch(1);
		this.markers.put(token, marker);
		Stored stored;
		try {
			stored = read(room, rule, since, token);
			if (!marker.await(this.markerWait.toMillis(), TimeUnit.MILLISECONDS)) {
				stored = null; // the channel did not pass the marker on: what was read may be incomplete
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the history of room '{}' from Redis: {}", room, ex.toString());
			stored = null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stored = null;
		}
		finally {
			this.markers.remove(token);
		}
		LocalStream local = this.streams.computeIfAbsent(room, (name) -> new LocalStream(rule.size()));
		synchronized (local) {
			if (stored == null || stored.epoch().isEmpty()) {
				return replay.join(null, null);
			}
			List<OutboundFrame> missed = stored.missed();
			long last = stored.top();
			if (missed != null && stored.epoch().equals(local.epoch) && local.last > last) {
				List<OutboundFrame> recent = local.after(last);
				missed = (recent != null) ? concat(missed, recent) : null;
				last = local.last;
			}
			return replay.join(missed, new StreamPosition(last, stored.epoch()));
		}
	}

	@Override
	public void deliverStamped(String room, StreamPosition position, OutboundFrame frame, Runnable deliver) {
		LocalStream local = this.streams.computeIfAbsent(room, (name) -> new LocalStream(size(room)));
		synchronized (local) {
			if (position.epoch().equals(local.epoch) && position.offset() <= local.last) {
				return; // delivered already
			}
			local.add(position, frame);
			deliver.run();
		}
	}

	@Override
	public void marker(String token) {
		CountDownLatch marker = this.markers.get(token);
		if (marker != null) {
			marker.countDown();
		}
	}

	private @Nullable Stored read(String room, HistorySettings rule, StreamPosition since, String token) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Object reply = connection.scriptingCommands().eval(this.recoverScript, ReturnType.MULTI, 3, key(room, "o"),
					key(room, "e"), key(room, "s"), bytes(Long.toString(since.offset())), bytes(since.epoch()),
					bytes(Long.toString(rule.ttl().toMillis())),
					bytes(this.roomChannels.name(room)), StampedCodec.marker(token));
			if (!(reply instanceof List<?> values) || values.size() < 3) {
				return null;
			}
			String epoch = string(values.get(0));
			long top = ((Number) values.get(1)).longValue();
			if (((Number) values.get(2)).longValue() != 1) {
				return new Stored(epoch, top, null);
			}
			List<OutboundFrame> missed = new ArrayList<>((values.size() - 3) / 2);
			for (int i = 3; i + 1 < values.size(); i += 2) {
				byte[] payload = (byte[]) values.get(i + 1);
				missed.add("t".equals(string(values.get(i))) ? OutboundFrame.textOfUtf8(payload)
						: OutboundFrame.binary(payload));
			}
			return new Stored(epoch, top, missed);
		}
	}

	private int size(String room) {
		HistorySettings rule = this.rules.forRoom(room);
		return (rule != null) ? rule.size() : 1;
	}

	private byte[] key(String room, String part) {
		return bytes("{" + this.channel + ":" + room + "}:" + part);
	}

	private static List<OutboundFrame> concat(List<OutboundFrame> first, List<OutboundFrame> second) {
		List<OutboundFrame> all = new ArrayList<>(first.size() + second.size());
		all.addAll(first);
		all.addAll(second);
		return all;
	}

	private static byte[] payload(OutboundFrame frame) {
		ByteBuffer bytes = (frame.kind() == OutboundFrame.Kind.TEXT) ? frame.utf8() : frame.bytes();
		byte[] payload = new byte[bytes.remaining()];
		bytes.get(payload);
		return payload;
	}



	private static String string(Object value) {
		return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * What the store answered a recovering join.
	 * @param epoch the room's epoch; empty when the room has no stream
	 * @param top the room's last offset
	 * @param missed the messages after the client's position, or {@code null} when the stream no
	 * longer reaches back to it
	 */
	private record Stored(String epoch, long top, @Nullable List<OutboundFrame> missed) {
	}

	/**
	 * What this node delivered of one room lately: its epoch, its last offset, and its last
	 * messages. Guarded by its own monitor.
	 */
	private static final class LocalStream {

		private final OutboundFrame[] frames;

		private @Nullable String epoch;

		private long last;

		private int count;

		LocalStream(int size) {
			this.frames = new OutboundFrame[size];
		}

		void add(StreamPosition position, OutboundFrame frame) {
			if (!position.epoch().equals(this.epoch) || position.offset() != this.last + 1) {
				this.count = 0; // a new stream, or a gap: what is kept no longer runs on
				this.epoch = position.epoch();
			}
			this.last = position.offset();
			this.frames[(int) (this.last % this.frames.length)] = frame;
			this.count = Math.min(this.count + 1, this.frames.length);
		}

		@Nullable List<OutboundFrame> after(long offset) {
			if (offset < this.last - this.count) {
				return null;
			}
			List<OutboundFrame> after = new ArrayList<>((int) (this.last - offset));
			for (long next = offset + 1; next <= this.last; next++) {
				after.add(this.frames[(int) (next % this.frames.length)]);
			}
			return after;
		}

	}

}
