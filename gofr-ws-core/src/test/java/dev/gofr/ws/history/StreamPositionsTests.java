package dev.gofr.ws.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamPositions}.
 */
class StreamPositionsTests {

	private final StreamPositions positions = new StreamPositions();

	@Test
	void aStampedMessageMovesItsRoomsPosition() {
		this.positions.note("{\"type\":\"message\",\"room\":\"lobby\",\"text\":\"hi\",\"offset\":41,\"epoch\":\"x7k2\"}");
		this.positions.note("{\"type\":\"message\",\"room\":\"lobby\",\"text\":\"\\\"offset\\\":1\",\"offset\":42,\"epoch\":\"x7k2\"}");
		this.positions.note("{\"room\":\"say \\\"hi\\\"\",\"offset\":3,\"epoch\":\"e\"}");
		assertThat(this.positions.get("lobby")).isEqualTo(new StreamPosition(42, "x7k2"));
		assertThat(this.positions.get("say \"hi\"")).isEqualTo(new StreamPosition(3, "e"));
		this.positions.forget("lobby");
		assertThat(this.positions.all()).containsOnlyKeys("say \"hi\"");
	}

	@Test
	void messagesWithoutAStampOrARoomChangeNothing() {
		this.positions.note("hello");
		this.positions.note("{\"type\":\"joined\",\"room\":\"lobby\",\"members\":2}");
		this.positions.note("{\"type\":\"message\",\"room\":null,\"text\":\"to everyone\"}");
		this.positions.note("{\"text\":\"no room\",\"offset\":5,\"epoch\":\"e\"}");
		assertThat(this.positions.all()).isEmpty();
	}

}
