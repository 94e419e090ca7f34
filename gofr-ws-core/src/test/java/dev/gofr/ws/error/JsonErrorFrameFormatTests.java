package dev.gofr.ws.error;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonErrorFrameFormat}.
 */
class JsonErrorFrameFormatTests {

	private final JsonErrorFrameFormat format = new JsonErrorFrameFormat();

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void formatsOneTextFrame() {
		WebSocketMessage<?> frame = this.format.format(WsErrorCode.INVALID_PAYLOAD, "Invalid JSON");
		assertThat(frame).isInstanceOf(TextMessage.class);
		assertThat(((TextMessage) frame).getPayload())
			.isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\",\"message\":\"Invalid JSON\"}");
		assertThat(frame.isLast()).isTrue();
	}

	@Test
	void formatsAnEmptyMessage() {
		assertThat(payload(WsErrorCode.INTERNAL, ""))
			.isEqualTo("{\"type\":\"error\",\"code\":\"INTERNAL\",\"message\":\"\"}");
	}

	@Test
	void namesEveryCodeAsItIs() {
		for (WsErrorCode code : WsErrorCode.values()) {
			JsonNode json = parse(payload(code, "m"));
			assertThat(json.get("code").asString()).isEqualTo(code.name());
			assertThat(json.get("type").asString()).isEqualTo("error");
			assertThat(json.properties()).extracting(Map.Entry::getKey).containsExactly("type", "code", "message");
		}
	}

	@Test
	void escapesQuotes() {
		assertThat(payload(WsErrorCode.FORBIDDEN, "say \"hi\"")).endsWith("\"message\":\"say \\\"hi\\\"\"}");
		assertRoundTrip("say \"hi\"");
	}

	@Test
	void escapesBackslashes() {
		assertThat(payload(WsErrorCode.FORBIDDEN, "C:\\temp\\")).endsWith("\"message\":\"C:\\\\temp\\\\\"}");
		assertRoundTrip("C:\\temp\\");
	}

	@Test
	void escapesLineBreaksAndTabs() {
		assertThat(payload(WsErrorCode.FORBIDDEN, "a\nb\rc\td")).endsWith("\"message\":\"a\\nb\\rc\\td\"}");
		assertRoundTrip("a\nb\rc\td");
	}

	@Test
	void escapesOtherControlCharactersAsUnicodeEscapes() {
		assertThat(payload(WsErrorCode.FORBIDDEN, "\u0000\u0001\u001f\b\f"))
			.endsWith("\"message\":\"\\u0000\\u0001\\u001f\\u0008\\u000c\"}");
		StringBuilder every = new StringBuilder();
		for (char c = 0; c < 0x20; c++) {
			every.append(c);
		}
		assertRoundTrip(every.toString());
	}

	@Test
	void keepsOtherCharactersAsTheyAre() {
		String message = "héllo € 😀 / <script> \u007f \u2028";
		assertThat(payload(WsErrorCode.FORBIDDEN, message)).contains(message);
		assertRoundTrip(message);
	}

	@Test
	void producesValidJsonForAHostileMessage() {
		assertRoundTrip("\"},\"code\":\"INTERNAL\",\"x\":\"\\\n\u0000");
	}

	private void assertRoundTrip(String message) {
		JsonNode json = parse(payload(WsErrorCode.INVALID_PAYLOAD, message));
		assertThat(json.size()).isEqualTo(3);
		assertThat(json.get("type").asString()).isEqualTo("error");
		assertThat(json.get("code").asString()).isEqualTo("INVALID_PAYLOAD");
		assertThat(json.get("message").asString()).isEqualTo(message);
	}

	private String payload(WsErrorCode code, String message) {
		return ((TextMessage) this.format.format(code, message)).getPayload();
	}

	private JsonNode parse(String json) {
		return this.mapper.readTree(json);
	}

}
