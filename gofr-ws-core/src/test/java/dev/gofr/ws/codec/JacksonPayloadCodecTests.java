package dev.gofr.ws.codec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JacksonPayloadCodec}.
 */
class JacksonPayloadCodecTests {

	private final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	@Test
	void encodesARecord() {
		assertThat(this.codec.encode(new Message("message", "lobby", "hi")))
			.isEqualTo("{\"type\":\"message\",\"room\":\"lobby\",\"text\":\"hi\"}");
	}

	@Test
	void encodesAMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", "joined");
		map.put("room", "lobby");
		map.put("members", 3);
		map.put("none", null);
		assertThat(this.codec.encode(map))
			.isEqualTo("{\"type\":\"joined\",\"room\":\"lobby\",\"members\":3,\"none\":null}");
	}

	@Test
	void encodesAString() {
		assertThat(this.codec.encode("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
	}

	@Test
	void encodingFailureIsInternal() {
		Object unwritable = new Object() {

			public String getValue() {
				throw new IllegalStateException("no value");
			}

		};
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> this.codec.encode(unwritable))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(WsErrorCode.INTERNAL);
				assertThat(ex.getCause()).isInstanceOf(JacksonException.class);
			});
	}

	@Test
	void decodesARecord() {
		assertThat(this.codec.decode("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}", Message.class))
			.isEqualTo(new Message("say", "lobby", "hi"));
	}

	@Test
	void decodesAMap() {
		assertThat(this.codec.decode("{\"room\":\"lobby\",\"members\":[1,2]}", Map.class))
			.containsEntry("room", "lobby")
			.containsEntry("members", List.of(1, 2));
	}

	@Test
	void roundTripsARecord() {
		Message message = new Message("message", null, "é € 😀 \"\\\n");
		assertThat(this.codec.decode(this.codec.encode(message), Message.class)).isEqualTo(message);
	}

	@Test
	void invalidJsonIsAnInvalidPayload() {
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> this.codec.decode("{\"type\":", Message.class))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(WsErrorCode.INVALID_PAYLOAD);
				assertThat(ex.getMessage()).isEqualTo("Malformed JSON at line 1, column 9");
				assertThat(ex.getCause()).isInstanceOf(JacksonException.class);
			});
	}

	@Test
	void textThatIsNotJsonIsAnInvalidPayload() {
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> this.codec.decode("hello", Message.class))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.INVALID_PAYLOAD));
	}

	@Test
	void jsonOfAnotherShapeIsAnInvalidPayload() {
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> this.codec.decode("[1,2]", Message.class))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(WsErrorCode.INVALID_PAYLOAD));
	}

	@Test
	void nullLiteralIsAnInvalidPayload() {
		assertThatExceptionOfType(WsException.class).isThrownBy(() -> this.codec.decode("null", Message.class))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(WsErrorCode.INVALID_PAYLOAD);
				assertThat(ex.getMessage()).contains("Message");
			});
	}

	@Test
	void usesTheGivenMapper() {
		JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		assertThat(new JacksonPayloadCodec(mapper).encode(Map.of("a", 1))).contains("\n");
	}

	record Message(String type, String room, String text) {

	}

}
