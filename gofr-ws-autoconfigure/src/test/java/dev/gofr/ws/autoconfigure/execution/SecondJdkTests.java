package dev.gofr.ws.autoconfigure.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gofr.ws.test.ExternalPrograms;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second JDK, of Java 21 or later, that the build forks the {@code *Java21*Tests} on (virtual
 * threads; the profile {@code java21} of this module's pom, active when the JDK is there). This
 * class runs on the build's own JDK: when the second one is missing, the Java 21 tests do not run,
 * and it says so loudly, or fails when {@value ExternalPrograms#REQUIRE_EXTERNAL} is {@code true} (as
 * in CI), so that a machine without it cannot pass unnoticed.
 */
class SecondJdkTests {

	/** The second JDK's {@code java}, as the build names it (system property {@code gofr.ws.test.java21}). */
	static final String JAVA = System.getProperty("gofr.ws.test.java21",
			"/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

	private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

	@Test
	void theJdkThatTheJava21TestsRunOnIsThere() throws IOException {
		Path java = Path.of(JAVA);
		if (!Files.isExecutable(java)) {
			ExternalPrograms.missing(JAVA + " is missing, so the Java 21 tests (virtual threads) did not run. Install a"
					+ " JDK of Java 21 or later there, such as Temurin 25");
		}
		Path release = java.toRealPath().getParent().getParent().resolve("release");
		Matcher version = VERSION.matcher(Files.readString(release));
		assertThat(version.find()).as("JAVA_VERSION in " + release).isTrue();
		assertThat(Integer.parseInt(version.group(1))).as("the Java version of " + JAVA).isGreaterThanOrEqualTo(21);
	}

	/**
	 * Require Java 21 or later of the JVM running the test.
	 */
	static void requireJava21() {
		int feature = Runtime.version().feature();
		if (feature < 21) {
			ExternalPrograms.missing("These tests need Java 21 or later (virtual threads) and run on Java " + feature
					+ "; the build runs them on " + JAVA);
		}
	}

}
