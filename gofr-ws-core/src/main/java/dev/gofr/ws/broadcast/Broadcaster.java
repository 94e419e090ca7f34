package dev.gofr.ws.broadcast;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.history.History;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.send.BroadcastTarget;
import dev.gofr.ws.send.OutboundFrame;
import dev.gofr.ws.send.QueueWriters;
import dev.gofr.ws.send.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * Sends one payload to many connections: every connection, those of one endpoint, the members of
 * one or more rooms, or one connection by id, optionally filtered and without the sender:
 *
 * <pre class="code">
 * broadcaster.toRoom("lobby").except(sender).send(new ChatMessage(...));
 * </pre>
 *
 * The payload is encoded once, into one frame that every recipient's queue shares. A broadcast
 * never waits: a slow recipient's queue fills and its overflow policy applies, while everyone
 * else has the frame queued at once.
 * <p>
 * With a {@link BroadcastRelay} (clustering on), a broadcast is delivered on this node, then
 * handed to the relay, which carries the encoded frame to the other nodes; a send to a
 * connection id that is not on this node goes to the relay alone. Filters stay on this node (see
 * {@link Broadcast#filter}). The {@link BroadcastResult} counts this node's recipients only.
 */
public final class Broadcaster {

	private final ConnectionRegistry registry;

	private final Rooms rooms;

	private final PayloadCodec codec;

	private final List<BroadcastListener> listeners;

	private final BroadcastRelay relay;

	/**
	 * Create a broadcaster of a node on its own.
	 * @param registry the node's live connections
	 * @param rooms the node's rooms
	 * @param codec writes payloads that are neither text nor bytes as JSON
	 * @param listeners told about every broadcast
	 */
	public Broadcaster(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec,
			List<BroadcastListener> listeners) {
		this(registry, rooms, codec, listeners, BroadcastRelay.NONE);
	}

	/**
	 * Create a broadcaster whose broadcasts also reach the other nodes of a cluster.
	 * @param registry the node's live connections
	 * @param rooms the node's rooms
	 * @param codec writes payloads that are neither text nor bytes as JSON
	 * @param listeners told about every broadcast
	 * @param relay carries cluster-wide broadcasts to the other nodes
	 */
	public Broadcaster(ConnectionRegistry registry, Rooms rooms, PayloadCodec codec, List<BroadcastListener> listeners,
			BroadcastRelay relay) {
		this.registry = registry;
		this.rooms = rooms;
		this.codec = codec;
		this.listeners = List.copyOf(listeners);
		this.relay = relay;
	}

	/**
	 * The rooms this broadcaster reaches.
	 * @return the rooms
	 */
	public Rooms rooms() {
		return this.rooms;
	}

	/**
	 * Every connection: of this node, and with clustering on of every node.
	 * @return the broadcast, to be sent
	 */
	public Broadcast toAll() {
		return new Broadcast(this, Audience.all());
	}

	/**
	 * Every connection of one route.
	 * @param route the route's name
	 * @return the broadcast, to be sent
	 */
	public Broadcast toRoute(String route) {
		return new Broadcast(this, Audience.endpoint(route));
	}

	/**
	 * The members of a room.
	 * @param room the room name
	 * @return the broadcast, to be sent
	 */
	public Broadcast toRoom(String room) {
		return new Broadcast(this, Audience.rooms(List.of(room)));
	}

	/**
	 * The members of any of the given rooms, each once.
	 * @param rooms the room names
	 * @return the broadcast, to be sent
	 */
	public Broadcast toRooms(Collection<String> rooms) {
		return new Broadcast(this, Audience.rooms(List.copyOf(rooms)));
	}

	/**
	 * One connection, by id.
	 * @param connectionId the connection id
	 * @return the broadcast, to be sent
	 */
	public Broadcast toConnection(String connectionId) {
		return new Broadcast(this, Audience.connection(connectionId));
	}

	/**
	 * Encode a payload as one frame: text for a {@code CharSequence}, binary for {@code byte[]}
	 * or {@code ByteBuffer} (copied), the frame itself for an {@link OutboundFrame}, JSON text
	 * otherwise.
	 * @param payload the payload
	 * @return the frame
	 */
	public OutboundFrame encode(Object payload) {
		if (payload instanceof OutboundFrame frame) {
			return frame;
		}
		if (payload instanceof CharSequence text) {
			return OutboundFrame.text(text.toString());
		}
		if (payload instanceof byte[] bytes) {
			return OutboundFrame.binary(ByteBuffer.wrap(bytes));
		}
		if (payload instanceof ByteBuffer bytes) {
			return OutboundFrame.binary(bytes);
		}
		return OutboundFrame.text(this.codec.encode(payload));
	}

	BroadcastResult deliver(Audience audience, OutboundFrame frame) {
		BroadcastResult result = deliverLocally(audience, frame);
		if (this.relay != BroadcastRelay.NONE && audience.isClusterWide()
				&& !(audience.kind() == Audience.Kind.CONNECTION && result.targeted() > 0)) {
			Audience relayed = relayedPart(audience);
			if (relayed != null) {
				this.relay.relay(relayed, frame); // a connection found here lives nowhere else
			}
		}
		return result;
	}

	/**
	 * What the relay carries: all of it, but the rooms whose messages a history shared by the
	 * cluster carries to the other nodes itself.
	 */
	private @Nullable Audience relayedPart(Audience audience) {
		History history = this.rooms.history();
		if (audience.kind() != Audience.Kind.ROOMS || !history.isShared() || !audience.isForEveryMember()) {
			return audience;
		}
		List<String> rest = new ArrayList<>(audience.rooms().size());
		for (String room : audience.rooms()) {
			if (!history.keeps(room)) {
				rest.add(room);
			}
		}
		if (rest.size() == audience.rooms().size()) {
			return audience;
		}
		return rest.isEmpty() ? null
				: new Audience(Audience.Kind.ROOMS, "", rest, audience.exceptId(), audience.metadata(), null);
	}

	/**
	 * Deliver a message to a room that the cluster's history stamped and passed on, on this node
	 * only, in the order of its offsets; an offset delivered already is skipped.
	 * @param room the room
	 * @param exceptId the connection left out, or {@code null}
	 * @param position the message's offset and epoch
	 * @param frame the stamped message
	 * @return what happened on this node
	 */
	public BroadcastResult deliverStamped(String room, @Nullable String exceptId, StreamPosition position,
			OutboundFrame frame) {
		Audience audience = new Audience(Audience.Kind.ROOMS, "", List.of(room), exceptId, null);
		Delivery delivery = new Delivery(audience, frame);
		this.rooms.history().deliverStamped(room, position, frame, () -> this.rooms.members(room).forEach(delivery::offer));
		return finish(audience, delivery);
	}

	/**
	 * Deliver a broadcast that another node relayed, on this node only: it is never relayed
	 * again.
	 * @param audience who it is for
	 * @param frame the frame, decoded once for all of this node's recipients
	 * @return what happened on this node
	 */
	public BroadcastResult deliverRelayed(Audience audience, OutboundFrame frame) {
		return deliverLocally(audience, frame);
	}

	private BroadcastResult deliverLocally(Audience audience, OutboundFrame frame) {
		Delivery delivery = new Delivery(audience, frame);
		switch (audience.kind()) {
			case ALL -> this.registry.connections().forEach(delivery::offer);
			case ENDPOINT -> this.registry.connections(audience.name()).forEach(delivery::offer);
			case ROOMS -> deliverToRooms(audience, frame, delivery);
			case CONNECTION -> this.registry.find(audience.name()).ifPresent(delivery::offer);
		}
		return finish(audience, delivery);
	}

	private BroadcastResult finish(Audience audience, Delivery delivery) {
		delivery.queued();
		BroadcastResult result = delivery.result();
		for (BroadcastListener listener : this.listeners) {
			listener.broadcast(audience, result);
		}
		return result;
	}

	/**
	 * To the members of rooms, each once; a room that keeps a history gets the frame stamped with
	 * its next offset, kept and delivered as one step (a member of several such rooms gets each
	 * room's copy), unless the audience is for some members only.
	 */
	private void deliverToRooms(Audience audience, OutboundFrame frame, Delivery delivery) {
		History history = this.rooms.history();
		boolean kept = history != History.NONE && audience.isForEveryMember();
		List<String> names = audience.rooms();
		if (names.size() == 1) {
			String room = names.get(0);
			if (kept) { // the history delivers a room that keeps none as it is
				history.publish(room, audience.exceptId(), frame, (stamped) -> {
					for (WsConnection member : this.rooms.members(room)) {
						delivery.offer(member, stamped);
					}
				});
			}
			else {
				this.rooms.members(room).forEach(delivery::offer);
			}
			return;
		}
		Set<String> seen = new HashSet<>();
		boolean[] keeps = new boolean[names.size()];
		for (int i = 0; i < keeps.length; i++) {
			String room = names.get(i);
			keeps[i] = kept && history.keeps(room);
			if (keeps[i]) {
				// each such room's members get its stamped copy, here or, from a shared history, once
				// it comes back from the store: none of them gets the unstamped one too
				this.rooms.members(room).forEach((member) -> seen.add(member.id()));
				history.publish(room, audience.exceptId(), frame, (stamped) -> {
					for (WsConnection member : this.rooms.members(room)) {
						delivery.offer(member, stamped);
					}
				});
			}
		}
		for (int i = 0; i < keeps.length; i++) {
			if (!keeps[i]) {
				for (WsConnection member : this.rooms.members(names.get(i))) {
					if (seen.add(member.id())) {
						delivery.offer(member);
					}
				}
			}
		}
	}

	/**
	 * Counts the fate of one frame across the recipients of one broadcast.
	 */
	private static final class Delivery {

		private final Audience audience;

		private final OutboundFrame frame;

		private int targeted;

		private int queued;

		private int dropped;

		private int closed;

		private @Nullable QueueWriters writers;

		Delivery(Audience audience, OutboundFrame frame) {
			this.audience = audience;
			this.frame = frame;
		}

		void offer(WsConnection connection) {
			offer(connection, this.frame);
		}

		void offer(WsConnection connection, OutboundFrame frame) {
			if (!this.audience.includes(connection)) {
				return;
			}
			this.targeted++;
			// to one connection by id, written at once; to many, by the writer threads
			SendResult sent;
			if (this.audience.kind() != Audience.Kind.CONNECTION && connection instanceof BroadcastTarget target) {
				sent = target.offerBroadcast(frame);
				if (this.writers == null) {
					this.writers = target.writers();
				}
			}
			else {
				sent = connection.send(frame);
			}
			switch (sent) {
				case QUEUED -> this.queued++;
				case DROPPED -> this.dropped++;
				case CLOSED -> this.closed++;
			}
		}

		/** Let the writer threads know, and help them if they are far behind. */
		void queued() {
			if (this.writers != null) {
				this.writers.broadcastQueued();
			}
		}

		BroadcastResult result() {
			return new BroadcastResult(this.targeted, this.queued, this.dropped, this.closed);
		}

	}

}
