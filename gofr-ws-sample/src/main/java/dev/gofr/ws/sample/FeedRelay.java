package dev.gofr.ws.sample;

import dev.gofr.ws.autoconfigure.ReconnectingClientCustomizer;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.client.ReconnectingClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code feed} client, declared only when {@code gofr.ws.clients.feed.url} is set: every
 * text message the upstream server sends goes to the members of the room {@code feed} as
 * {@code {"type":"message","room":"feed","from":"feed","text":...}}. Reconnection, buffering,
 * heartbeat, meters and the Actuator entry come with the client.
 */
@Component
@ConditionalOnProperty(name = "gofr.ws.clients.feed.url")
public class FeedRelay implements ReconnectingClientCustomizer {

	/** The client name, and the room its messages go to. */
	public static final String FEED = "feed";

	private final Broadcaster broadcaster;

	public FeedRelay(Broadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@Override
	public void customize(String name, ReconnectingClient.Builder builder) {
		if (FEED.equals(name)) {
			builder.onMessage((client, message) -> {
				if (message.isText()) {
					this.broadcaster.toRoom(FEED).send(new ChatEvent.Message(FEED, FEED, message.text()));
				}
			});
		}
	}

}
