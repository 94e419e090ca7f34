package dev.gofr.ws.test;

import org.junit.jupiter.api.Test;

import static dev.gofr.ws.test.WsAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonAssert}.
 */
class JsonAssertTests {

	private static final String JOINED = "{\"type\":\"joined\",\"room\":\"lobby\",\"members\":2,\"owner\":null,"
			+ "\"tags\":[\"a\",\"b\"]}";

	@Test
	void hasPathComparesValuesAndNumbersByValue() {
		assertThatJson(JOINED).hasPath("$.type", "joined")
			.hasPath("$.members", 2)
			.hasPath("$.members", 2L)
			.hasPath("$.members", 2.0)
			.hasPath("$.owner", null)
			.hasPath("$.tags[1]", "b")
			.hasPath("$.room")
			.doesNotHavePath("$.text");
	}

	@Test
	void extractingPathAndSatisfyingHandTheValueOn() {
		assertThatJson(JOINED).extractingPath("$.tags").asList().containsExactly("a", "b");
		assertThatJson(JOINED).hasPathSatisfying("$.room", (room) -> assertThat(room).isEqualTo("lobby"));
	}

	@Test
	void aWrongValueFailsNamingPathExpectedActualAndTheJson() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatJson(JOINED).hasPath("$.type", "left"))
			.withMessageContaining("JSON path $.type")
			.withMessageContaining("<left>")
			.withMessageContaining("<joined>")
			.withMessageContaining("\"room\":\"lobby\"");
	}

	@Test
	void aMissingPathFailsSayingSo() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatJson(JOINED).hasPath("$.text", "hi"))
			.withMessageContaining("Expected a value at JSON path $.text but found none");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatJson(JOINED).doesNotHavePath("$.owner"))
			.withMessageContaining("Expected no value at JSON path $.owner but found <null>");
	}

	@Test
	void textThatIsNotJsonFails() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatJson("{not json").hasPath("$.type"))
			.withMessageContaining("Expected JSON but was")
			.withMessageContaining("<{not json>");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatJson("hello").hasPath("$"))
			.withMessageContaining("Expected JSON but was");
	}

}
