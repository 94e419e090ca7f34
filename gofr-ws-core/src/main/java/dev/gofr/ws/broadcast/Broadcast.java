package dev.gofr.ws.broadcast;

import java.util.Objects;
import java.util.function.Predicate;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.send.OutboundFrame;

/**
 * A broadcast being addressed: narrow it with {@link #except} and {@link #filter}, then
 * {@link #send} it. Immutable; each step returns a new instance, so a prepared audience can be
 * reused.
 */
public final class Broadcast {

	private final Broadcaster broadcaster;

	private final Audience audience;

	Broadcast(Broadcaster broadcaster, Audience audience) {
		this.broadcaster = broadcaster;
		this.audience = audience;
	}

	/**
	 * Leave one connection out, typically the sender.
	 * @param connection the connection
	 * @return a new broadcast
	 */
	public Broadcast except(WsConnection connection) {
		return new Broadcast(this.broadcaster, this.audience.except(connection.id()));
	}

	/**
	 * Keep only the connections that pass a test, such as one on their metadata or principal.
	 * Several filters must all pass. A test cannot travel: with clustering on, a filtered
	 * broadcast reaches this node's connections only.
	 * @param test the test; must be quick and must not block
	 * @return a new broadcast
	 */
	public Broadcast filter(Predicate<WsConnection> test) {
		return new Broadcast(this.broadcaster, this.audience.filter(Objects.requireNonNull(test)));
	}

	/**
	 * Keep only the connections whose metadata has the given value under the given key. With
	 * clustering on, a {@linkplain Audience#isPortable portable} value (text, number, boolean,
	 * UUID, enum) is compared on every node; any other value works like {@link #filter}, on this
	 * node only.
	 * @param key the metadata key
	 * @param value the value it must equal
	 * @return a new broadcast
	 */
	public Broadcast whereMetadata(String key, Object value) {
		return new Broadcast(this.broadcaster, this.audience.whereMetadata(key, Objects.requireNonNull(value)));
	}

	/**
	 * Encode the payload once and queue it on every recipient.
	 * @param payload text, bytes, an {@link OutboundFrame}, or an object written as JSON
	 * @return what happened, at once
	 */
	public BroadcastResult send(Object payload) {
		return this.broadcaster.deliver(this.audience, this.broadcaster.encode(payload));
	}

	/**
	 * The audience.
	 * @return who this broadcast is for
	 */
	public Audience audience() {
		return this.audience;
	}

}
