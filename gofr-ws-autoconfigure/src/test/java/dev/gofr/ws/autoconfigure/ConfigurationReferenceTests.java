package dev.gofr.ws.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's check of {@code docs/configuration.md}: its property table must be the one
 * generated from the configuration metadata, so a property that is added, renamed or
 * redocumented without the page fails the build. To regenerate the table:
 *
 * <pre class="code">
 * ./mvnw -pl gofr-ws-autoconfigure -am test -Dtest=ConfigurationReferenceTests -Dsurefire.failIfNoSpecifiedTests=false -Dgofr.ws.docs.write=true
 * </pre>
 */
class ConfigurationReferenceTests {

	private static final Path PAGE = Path.of("../docs/configuration.md");

	private static final String REGENERATE = "./mvnw -pl gofr-ws-autoconfigure -am test -Dtest=ConfigurationReferenceTests "
			+ "-Dsurefire.failIfNoSpecifiedTests=false -Dgofr.ws.docs.write=true";

	private final ConfigurationReference reference = read();

	private static ConfigurationReference read() {
		try {
			return ConfigurationReference.read(Path.of("target/classes/META-INF/spring-configuration-metadata.json"),
					Path.of("src/main/java/dev/gofr/ws/autoconfigure"));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the configuration metadata", ex);
		}
	}

	@Test
	void thePageHoldsTheGeneratedTable() throws Exception {
		String page = Files.readString(PAGE);
		String updated = this.reference.updated(page);
		if (Boolean.getBoolean("gofr.ws.docs.write")) {
			Files.writeString(PAGE, updated);
			return;
		}
		assertThat(page).as("docs/configuration.md is not the generated reference; regenerate it with: " + REGENERATE)
			.isEqualTo(updated);
	}

	@Test
	void everyPropertyHasAMeaning() {
		assertThat(this.reference.rows()).allSatisfy((row) -> assertThat(row.description())
			.as("the javadoc of %s (it becomes the reference and the IDE tooltip)", row.name())
			.isNotBlank());
	}

	@Test
	void mapValuedGroupsAreExpanded() {
		List<String> names = this.reference.rows().stream().map(ConfigurationReference.Row::name).toList();
		assertThat(names).contains("gofr.ws.enabled", "gofr.ws.endpoints.<name>.path",
				"gofr.ws.endpoints.<name>.heartbeat.pong-wait", "gofr.ws.endpoints.<name>.limits.message-rate",
				"gofr.ws.clients.<name>.url", "gofr.ws.clients.<name>.headers.<header>",
				"gofr.ws.clients.<name>.reconnect.jitter", "gofr.ws.clients.<name>.heartbeat.ping-interval",
				"gofr.ws.clients.<name>.buffer.max-messages", "gofr.ws.clients.<name>.max-text-message-size",
				"gofr.ws.clients.<name>.compression.enabled", "gofr.ws.clients.<name>.ssl.bundle",
				"gofr.ws.clients.<name>.oauth2.client-registration-id", "gofr.ws.clients.<name>.required",
				"gofr.ws.endpoints.<name>.handler.executor",
				"management.endpoint.websocket.show-values")
			.doesNotContain("gofr.ws.endpoints", "gofr.ws.clients");
	}

}
