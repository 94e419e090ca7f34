package dev.gofr.ws.client;

import java.net.ConnectException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.Promise;

/**
 * Jetty's TCP connector, held to one connection per attempt. Each attempt tags its handshake
 * with an {@link Attempt}, which gives it a connection pool of its own; a second connection for
 * the same attempt fails instead of being opened. Jetty opens one when it finds the first closed
 * before the request went out (a server that accepts and drops): the attempt then fails, and
 * the client's backoff decides when the next goes, as {@code max-attempts} promises.
 */
final class AttemptConnector extends ClientConnector {

	@Override
	public void connect(SocketAddress address, Map<String, Object> context) {
		if (context.get(Destination.CONTEXT_KEY) instanceof Destination destination
				&& destination.getOrigin().getTag() instanceof Attempt attempt && !attempt.firstConnection()) {
			@SuppressWarnings("unchecked")
			Promise<Connection> promise = (Promise<Connection>) context.get(CONNECTION_PROMISE_CONTEXT_KEY);
			promise.failed(new ConnectException("The connection of this attempt closed before its handshake was sent"));
			return;
		}
		super.connect(address, context);
	}

	/**
	 * The tag of one attempt's handshake; equal to no other.
	 */
	static final class Attempt {

		private final AtomicBoolean connected = new AtomicBoolean();

		/**
		 * @return whether this is the attempt's first connection
		 */
		boolean firstConnection() {
			return this.connected.compareAndSet(false, true);
		}

	}

}
