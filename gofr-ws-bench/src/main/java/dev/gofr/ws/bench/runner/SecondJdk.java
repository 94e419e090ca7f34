package dev.gofr.ws.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A JDK of Java 21 or later for the server with its handlers on virtual threads
 * ({@link ServerKind#GOFR_VIRTUAL}), where the benchmark itself runs on an older one: the one given
 * with {@code --java21}, else the runner's own when it is recent enough, else the newest one under
 * {@code /usr/lib/jvm} (such as Temurin 25).
 */
final class SecondJdk {

	/** Where JDKs are looked for. */
	static final Path JVM_DIR = Path.of("/usr/lib/jvm");

	private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

	private SecondJdk() {
	}

	/**
	 * The {@code java} of a JDK of Java 21 or later.
	 * @param own the runner's own {@code java}
	 * @param jvmDir where to look for others
	 * @return its path, or {@code null} when there is none
	 */
	static @Nullable String find(String own, Path jvmDir) {
		if (Runtime.version().feature() >= 21) {
			return own;
		}
		if (!Files.isDirectory(jvmDir)) {
			return null;
		}
		try (Stream<Path> homes = Files.list(jvmDir)) {
			List<Path> found = homes.filter((home) -> version(home) >= 21 && Files.isExecutable(home.resolve("bin/java")))
				.sorted(Comparator.comparingInt(SecondJdk::version).reversed().thenComparing(Path::toString))
				.toList();
			return found.isEmpty() ? null : found.get(0).resolve("bin/java").toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * The Java version of a JDK, from its {@code release} file.
	 * @param home the JDK's directory
	 * @return the feature version, such as 25; 0 when it cannot be told
	 */
	static int version(Path home) {
		try {
			Matcher version = VERSION.matcher(Files.readString(home.resolve("release")));
			return version.find() ? Integer.parseInt(version.group(1)) : 0;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
