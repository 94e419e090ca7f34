package dev.gofr.ws.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterNodesTests {

	private final AtomicInteger connections = new AtomicInteger(3);

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final ClusterNodes nodes = new ClusterNodes("b", this.connections::get, Duration.ofSeconds(15),
			new Clock() {

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}

				@Override
				public Instant instant() {
					return ClusterNodesTests.this.now;
				}

			});

	@Test
	void thisNodeComesFirstThenTheOthersById() {
		this.nodes.heard("c", 5);
		this.nodes.heard("a", 1);
		assertThat(this.nodes.live()).extracting(ClusterNode::id).containsExactly("b", "a", "c");
		assertThat(this.nodes.live().get(0).self()).isTrue();
		assertThat(this.nodes.total()).isEqualTo(9);
		this.connections.set(4);
		assertThat(this.nodes.total()).isEqualTo(10);
	}

	@Test
	void aSilentNodeDropsOutAfterTheTimeout() {
		this.nodes.heard("a", 1);
		this.now = this.now.plusSeconds(15);
		assertThat(this.nodes.live()).extracting(ClusterNode::id).containsExactly("b", "a");
		this.now = this.now.plusMillis(1);
		assertThat(this.nodes.live()).extracting(ClusterNode::id).containsExactly("b");
	}

	@Test
	void aNodeThatSaysFarewellDropsOutAtOnce() {
		this.nodes.heard("a", 1);
		this.nodes.left("a");
		assertThat(this.nodes.live()).extracting(ClusterNode::id).containsExactly("b");
	}

	@Test
	void itsOwnHeartbeatIsNotAnotherNode() {
		this.nodes.heard("b", 99);
		assertThat(this.nodes.live()).singleElement().satisfies((node) -> assertThat(node.connections()).isEqualTo(3));
	}

}
