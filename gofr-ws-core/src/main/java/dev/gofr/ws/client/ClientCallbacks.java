package dev.gofr.ws.client;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.gofr.ws.route.WsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's side of a client: its message handler and its listeners. A callback that
 * throws is logged and does not stop the client, nor the listeners after it.
 */
final class ClientCallbacks {

	private static final Logger logger = LoggerFactory.getLogger(ReconnectingClient.class);

	private final ReconnectingClient client;

	private final ClientMessageHandler handler;

	private final List<ReconnectingClientListener> listeners;

	ClientCallbacks(ReconnectingClient client, ClientMessageHandler handler,
			List<ReconnectingClientListener> listeners) {
		this.client = client;
		this.handler = handler;
		this.listeners = List.copyOf(listeners);
	}

	void message(WsMessage message) {
		if (message.isText()) {
			this.client.positions().note(message.text());
		}
		try {
			this.handler.onMessage(this.client, message);
		}
		catch (RuntimeException ex) {
			logger.warn("The message handler of WebSocket client '{}' failed", this.client.name(), ex);
		}
	}

	void connected() {
		notifyListeners((listener) -> listener.connected(this.client));
	}

	void reconnected() {
		notifyListeners((listener) -> listener.reconnected(this.client));
	}

	void disconnected(Disconnection disconnection) {
		notifyListeners((listener) -> listener.disconnected(this.client, disconnection));
	}

	void reconnecting(int attempt, Duration delay) {
		notifyListeners((listener) -> listener.reconnecting(this.client, attempt, delay));
	}

	void gaveUp(Throwable lastError) {
		notifyListeners((listener) -> listener.gaveUp(this.client, lastError));
	}

	private void notifyListeners(Consumer<ReconnectingClientListener> call) {
		for (ReconnectingClientListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of WebSocket client '{}' failed", this.client.name(), ex);
			}
		}
	}

}
