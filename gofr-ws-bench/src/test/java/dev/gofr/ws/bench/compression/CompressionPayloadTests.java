package dev.gofr.ws.bench.compression;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CompressionPayload}.
 */
class CompressionPayloadTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void textPayloadsAreValidJsonOfTheirSize() {
		for (CompressionPayload payload : List.of(CompressionPayload.CHAT, CompressionPayload.JSON_1K,
				CompressionPayload.JSON_16K)) {
			assertThat(payload.messages()).allSatisfy((message) -> {
				String text = (String) message;
				assertThat(text.getBytes(StandardCharsets.UTF_8)).as(payload.id()).hasSize(payload.size());
				assertThat(this.json.readTree(text).isObject() || this.json.readTree(text).isArray()).isTrue();
			});
		}
	}

	@Test
	void everyMessageIsDistinctAndEveryRunSendsTheSame() {
		for (CompressionPayload payload : CompressionPayload.values()) {
			List<Object> messages = payload.messages();
			assertThat(new HashSet<>(messages.stream().map(CompressionPayloadTests::key).toList()))
				.hasSize(messages.size());
			int poolBytes = messages.size() * payload.size();
			assertThat(poolBytes).as("more than deflate's 32 KB window").isGreaterThan(32 * 1024);
			assertThat(payload.messages().stream().map(CompressionPayloadTests::key).toList())
				.isEqualTo(messages.stream().map(CompressionPayloadTests::key).toList());
		}
	}

	@Test
	void binaryIsBinaryOfItsSize() {
		assertThat(CompressionPayload.BINARY_16K.isBinary()).isTrue();
		assertThat(CompressionPayload.BINARY_16K.messages())
			.allSatisfy((message) -> assertThat((byte[]) message).hasSize(16 * 1024));
	}

	private static String key(Object message) {
		return (message instanceof byte[] bytes) ? java.util.Arrays.toString(bytes) : (String) message;
	}

}
