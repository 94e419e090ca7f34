package dev.gofr.ws.metrics;

import java.net.URI;
import java.util.List;

import dev.gofr.ws.client.ReconnectingClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientMetricsTests {

	@Test
	void everyClientHasItsMetersTaggedWithItsName() {
		ReconnectingClient feed = ReconnectingClient.builder("feed", URI.create("ws://127.0.0.1:1/")).build();
		ReconnectingClient prices = ReconnectingClient.builder("prices", URI.create("ws://127.0.0.1:1/")).build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ClientMetrics(() -> List.of(feed, prices)).bindTo(registry);
		for (String name : List.of("feed", "prices")) {
			assertThat(registry.get(ClientMetrics.CLIENT_STATE).tag("client", name).gauge().value()).isZero();
			assertThat(registry.get(ClientMetrics.CLIENT_RECONNECTS).tag("client", name).functionCounter().count())
				.isZero();
			assertThat(registry.get(ClientMetrics.CLIENT_SEND_REJECTED).tag("client", name).functionCounter().count())
				.isZero();
		}
		feed.start();
		feed.sendText("x");
		assertThat(registry.get(ClientMetrics.CLIENT_SEND_REJECTED).tag("client", "feed").functionCounter().count())
			.isZero();
		feed.close();
	}

}
