package dev.gofr.ws.autoconfigure.actuate;

import java.time.Duration;
import java.util.Map;

import dev.gofr.ws.broadcast.Audience;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.send.OutboundFrame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketClusterHealthIndicatorTests {

	private final Relay relay = new Relay();

	private final ClusterNodes nodes = new ClusterNodes("n1", () -> 4, Duration.ofSeconds(15));

	private final WebSocketClusterHealthIndicator indicator = new WebSocketClusterHealthIndicator(this.relay, this.nodes);

	@Test
	void upWithTheNodesAndTheirConnectionsWhileRedisIsReachable() {
		this.nodes.heard("n2", 6);
		Health health = this.indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("node", "n1")
			.containsEntry("nodes", 2)
			.containsEntry("connections", 10)
			.containsEntry("published", 12L)
			.containsEntry("dropped", Map.of("unreachable", 0L, "queue-full", 0L, "failed", 0L))
			.doesNotContainKey("error");
	}

	@Test
	void downWithTheErrorWhileRedisIsUnreachable() {
		this.relay.error = "connection refused";
		Health health = this.indicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "connection refused")
			.containsEntry("dropped", Map.of("unreachable", 3L, "queue-full", 3L, "failed", 3L));
	}

	static final class Relay implements ClusterRelay {

		volatile @Nullable String error;

		@Override
		public void relay(Audience audience, OutboundFrame frame) {
		}

		@Override
		public String nodeId() {
			return "n1";
		}

		@Override
		public boolean isReachable() {
			return this.error == null;
		}

		@Override
		public @Nullable String lastError() {
			return this.error;
		}

		@Override
		public long published() {
			return 12;
		}

		@Override
		public long dropped(LossReason reason) {
			return (this.error != null) ? 3 : 0;
		}

	}

}
