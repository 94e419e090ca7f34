package dev.gofr.ws.test;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.send.OutboundFrame;
import org.junit.jupiter.api.Test;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MessageAssert}.
 */
class MessageAssertTests {

	@Test
	void textMessagesFromEitherSide() {
		assertThat(new Frame.Text("hello")).isText().hasText("hello").hasTextContaining("ell");
		assertThat(OutboundFrame.text("hello")).isText().hasText("hello");
		assertThat(new Frame.Text("hello")).text().startsWith("he");
	}

	@Test
	void binaryMessagesFromEitherSide() {
		assertThat(new Frame.Binary(new byte[] { 1, 2, (byte) 255 })).isBinary().hasBytes(1, 2, 255);
		assertThat(OutboundFrame.binary(new byte[] { 1, 2 })).isBinary().hasBytes(new byte[] { 1, 2 });
	}

	@Test
	void theDefaultErrorFrame() {
		assertThat(new Frame.Text("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\",\"message\":\"'room' is required\"}"))
			.isError(WsErrorCode.INVALID_PAYLOAD)
			.hasPath("$.message", "'room' is required");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(new Frame.Text("{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"no\"}"))
				.isError(WsErrorCode.INVALID_PAYLOAD))
			.withMessageContaining("<INVALID_PAYLOAD>")
			.withMessageContaining("<FORBIDDEN>");
	}

	@Test
	void aWrongTypeFailsNamingWhatItWas() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(new Frame.Binary(new byte[3])).hasText("hello"))
			.withMessage("Expected a text message but was Binary(3 bytes)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(OutboundFrame.close(1000, "bye")).isBinary())
			.withMessage("Expected a binary message but was Close(1000, bye)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(OutboundFrame.ping("hb".getBytes())).isText())
			.withMessage("Expected a text message but was Ping(hb)");
	}

	@Test
	void aWrongTextOrPayloadFailsWithBoth() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(new Frame.Text("hello")).hasText("bye"))
			.withMessageContaining("<bye>")
			.withMessageContaining("<hello>");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(new Frame.Binary(new byte[] { 1 })).hasBytes(2))
			.withMessageContaining("[2]")
			.withMessageContaining("[1]");
	}

}
