package dev.gofr.ws.bench.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the generator reads the chat scenario's events.
 */
class ChatTextTests {

	@Test
	void messageEventGivesTheStampAtTheStartOfItsText() {
		ByteBuffer event = buffer("{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"member-3\","
				+ "\"text\":\"123456789 xxxx\"}");

		int at = ChatText.textStart(event);

		assertThat(at).isPositive();
		assertThat(ChatText.stamp(event, at)).isEqualTo(123456789L);
		assertThat(event.position()).isZero();
	}

	@Test
	void joinedAnswerHasNoTextButSaysJoined() {
		ByteBuffer event = buffer("{\"type\":\"joined\",\"room\":\"lobby\",\"members\":12}");

		assertThat(ChatText.textStart(event)).isEqualTo(-1);
		assertThat(ChatText.contains(event, ChatText.JOINED)).isTrue();
	}

	@Test
	void errorFrameIsNeitherMessageNorJoined() {
		ByteBuffer event = buffer("{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"Join room first\"}");

		assertThat(ChatText.textStart(event)).isEqualTo(-1);
		assertThat(ChatText.contains(event, ChatText.JOINED)).isFalse();
	}

	@Test
	void readsFromThePositionOfASlice() {
		ByteBuffer event = buffer("junk{\"text\":\"42 x\"}");
		event.position(4);

		assertThat(ChatText.stamp(event, ChatText.textStart(event))).isEqualTo(42L);
	}

	private static ByteBuffer buffer(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
