package dev.gofr.ws.route;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WsMessage}.
 */
class WsMessageTests {

	private final PayloadCodec codec = new JacksonPayloadCodec();

	@Test
	void textMessage() {
		WsMessage message = WsMessage.text("héllo", this.codec);
		assertThat(message.type()).isEqualTo(MessageType.TEXT);
		assertThat(message.isText()).isTrue();
		assertThat(message.isBinary()).isFalse();
		assertThat(message.text()).isEqualTo("héllo");
		assertThat(message.bytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
		assertThat(message.buffer()).isEqualTo(ByteBuffer.wrap("héllo".getBytes(StandardCharsets.UTF_8)));
		assertThat(message.payload()).isEqualTo("héllo");
		assertThat(message.size()).isEqualTo(5);
		assertThat(message).hasToString("WsMessage[TEXT, 5]");
	}

	@Test
	void binaryMessage() {
		byte[] payload = { 1, 2, 3 };
		WsMessage message = WsMessage.binary(payload, this.codec);
		assertThat(message.type()).isEqualTo(MessageType.BINARY);
		assertThat(message.isBinary()).isTrue();
		assertThat(message.isText()).isFalse();
		assertThat(message.bytes()).containsExactly(1, 2, 3);
		assertThat(message.size()).isEqualTo(3);
		assertThat(message.payload()).isInstanceOf(ByteBuffer.class).isEqualTo(ByteBuffer.wrap(payload));
		assertThat(message).hasToString("WsMessage[BINARY, 3]");
	}

	@Test
	void bytesOfABinaryMessageIsACopy() {
		WsMessage message = WsMessage.binary(new byte[] { 1, 2, 3 }, this.codec);
		message.bytes()[0] = 9;
		assertThat(message.bytes()).containsExactly(1, 2, 3);
	}

	@Test
	void bufferOfABinaryMessageIsReadOnly() {
		WsMessage message = WsMessage.binary(new byte[] { 1, 2, 3 }, this.codec);
		ByteBuffer buffer = message.buffer();
		assertThat(buffer.isReadOnly()).isTrue();
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> buffer.put(0, (byte) 9));
		assertThat(((ByteBuffer) message.payload()).isReadOnly()).isTrue();
	}

	@Test
	void textOfABinaryMessageIsRefused() {
		WsMessage message = WsMessage.binary(new byte[] { 'h', 'i' }, this.codec);
		assertThatExceptionOfType(WsException.class).isThrownBy(message::text)
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.INVALID_MESSAGE_TYPE));
	}

	@Test
	void bindReadsJsonText() {
		WsMessage message = WsMessage.text("{\"type\":\"join\",\"room\":\"lobby\"}", this.codec);
		assertThat(message.bind(Command.class)).isEqualTo(new Command("join", "lobby"));
	}

	@Test
	void bindReadsJsonInABinaryMessageAsUtf8() {
		byte[] json = "{\"type\":\"say\",\"room\":\"café\"}".getBytes(StandardCharsets.UTF_8);
		WsMessage message = WsMessage.binary(json, this.codec);
		assertThat(message.bind(Command.class)).isEqualTo(new Command("say", "café"));
	}

	@Test
	void bindOfInvalidJsonIsAnInvalidPayload() {
		WsMessage message = WsMessage.text("{\"type\":", this.codec);
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> message.bind(Command.class))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.INVALID_PAYLOAD));
	}

	@Test
	void bindOfJsonOfAnotherShapeIsAnInvalidPayload() {
		WsMessage message = WsMessage.text("[1,2]", this.codec);
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> message.bind(Command.class))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.INVALID_PAYLOAD));
	}

	@Test
	void bindUsesTheGivenCodec() {
		PayloadCodec fixed = new PayloadCodec() {

			@Override
			public String encode(Object value) {
				throw new UnsupportedOperationException();
			}

			@Override
			public <T> T decode(String json, Class<T> type) {
				return type.cast(new Command("decoded", json));
			}

		};
		assertThat(WsMessage.text("anything", fixed).bind(Command.class)).isEqualTo(new Command("decoded", "anything"));
	}

	record Command(String type, String room) {

	}

}
