package dev.gofr.ws.controller;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Discriminator}.
 */
class DiscriminatorTests {

	private final Discriminator type = new Discriminator("type");

	@Test
	void readsTheFieldWhereverItStandsAtTheTopLevel() {
		assertThat(this.type.read("{\"type\":\"say\",\"text\":\"hi\"}")).isEqualTo("say");
		assertThat(this.type.read(" {\n \"text\" : \"a \\\"type\\\": x\", \"n\": -1.5e3, \"ok\": true,"
				+ " \"list\": [1, {\"type\": \"inner\"}, \"]\"], \"type\" : \"join\" }")).isEqualTo("join");
	}

	@Test
	void ignoresTheFieldInNestedObjects() {
		assertThat(this.type.read("{\"data\":{\"type\":\"inner\"}}")).isNull();
	}

	@Test
	void decodesEscapesInNamesAndValues() {
		assertThat(this.type.read("{\"ty\\u0070e\":\"s\\u00e4y\\n\"}")).isEqualTo("säy\n");
	}

	@Test
	void findsNothingInWhatIsNotAnObjectWithAStringField() {
		assertThat(this.type.read("")).isNull();
		assertThat(this.type.read("not json")).isNull();
		assertThat(this.type.read("[{\"type\":\"say\"}]")).isNull();
		assertThat(this.type.read("{\"type\":42}")).isNull();
		assertThat(this.type.read("{\"type\":null}")).isNull();
		assertThat(this.type.read("{\"type\":\"unterminated")).isNull();
		assertThat(this.type.read("{\"types\":\"say\"}")).isNull();
		assertThat(this.type.read("{\"text\" \"say\"}")).isNull();
	}

}
