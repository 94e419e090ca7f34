package dev.gofr.ws.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.gofr.ws.send.OutboundFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Stamps} and the room patterns of {@link HistorySettings}.
 */
class StampsTests {

	@Test
	void aJsonObjectGetsItsOffsetAndEpochAsItsLastFields() {
		assertThat(Stamps.stamp(OutboundFrame.text("{\"type\":\"message\",\"text\":\"}\"}"), 7, "e1").text())
			.isEqualTo("{\"type\":\"message\",\"text\":\"}\",\"offset\":7,\"epoch\":\"e1\"}");
		assertThat(Stamps.stamp(OutboundFrame.text(" { } \n"), 1, "e").text()).isEqualTo(" { \"offset\":1,\"epoch\":\"e\"} \n");
	}

	@Test
	void anythingElseIsKeptAsItIs() {
		OutboundFrame text = OutboundFrame.text("hello");
		OutboundFrame array = OutboundFrame.text("[1,2]");
		OutboundFrame binary = OutboundFrame.binary("{}".getBytes(StandardCharsets.UTF_8));
		assertThat(Stamps.stamp(text, 1, "e")).isSameAs(text);
		assertThat(Stamps.stamp(array, 1, "e")).isSameAs(array);
		assertThat(Stamps.stamp(binary, 1, "e")).isSameAs(binary);
		assertThat(Stamps.stamp(OutboundFrame.text("{"), 1, "e").text()).isEqualTo("{");
	}

	@Test
	void roomPatternsMatchWithStars() {
		HistorySettings settings = new HistorySettings(List.of("chat-*", "*-log", "exact", "a*b*c"), 10,
				Duration.ofMinutes(1));
		assertThat(settings.keeps("chat-lobby")).isTrue();
		assertThat(settings.keeps("chat-")).isTrue();
		assertThat(settings.keeps("audit-log")).isTrue();
		assertThat(settings.keeps("exact")).isTrue();
		assertThat(settings.keeps("axxbyyc")).isTrue();
		assertThat(settings.keeps("abc")).isTrue();
		assertThat(settings.keeps("exactly")).isFalse();
		assertThat(settings.keeps("lobby")).isFalse();
		assertThat(settings.keeps("acb")).isFalse();
		assertThat(new HistorySettings(List.of("*"), 1, Duration.ofSeconds(1)).keeps("anything")).isTrue();
		assertThat(new HistorySettings(List.of(), 1, Duration.ofSeconds(1)).keeps("anything")).isFalse();
	}

}
