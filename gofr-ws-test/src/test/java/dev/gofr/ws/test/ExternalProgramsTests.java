package dev.gofr.ws.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ExternalPrograms}.
 */
class ExternalProgramsTests {

	@Test
	void anExecutableThatIsThereIsRequiredSilently() {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		assertThatNoException().isThrownBy(() -> ExternalPrograms.requireExecutable(java, "a JDK"));
	}

	@Test
	void aMissingExecutableIsNamedWithHowToInstallIt() {
		// skipped or failed, as the environment of this build asks: the message is the same
		assertThatThrownBy(() -> ExternalPrograms.requireExecutable("/no/such/program", "apt-get install -y such"))
			.hasMessageContaining("/no/such/program is missing, so these tests cannot run."
					+ " Install it with: apt-get install -y such");
	}

	@Test
	void aServerIsListeningWhileItsSocketIsOpen() throws IOException {
		int port;
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = server.getLocalPort();
			assertThat(ExternalPrograms.isListening(port)).isTrue();
			assertThatNoException().isThrownBy(() -> ExternalPrograms.requireListening("Echo", port, "start it"));
		}
		assertThat(ExternalPrograms.isListening(port)).isFalse();
		assertThatThrownBy(() -> ExternalPrograms.requireListening("Echo", port, "start it"))
			.hasMessageContaining("Echo is not running on localhost:" + port
					+ ", so these tests cannot run. Install and start it with: start it");
	}

	@Test
	void somethingMissingSkipsTheTestUnlessTheEnvironmentRequiresIt() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> ExternalPrograms.missing("Redis is missing", false))
			.withMessageContaining("Redis is missing");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ExternalPrograms.missing("Redis is missing", true))
			.withMessage("Redis is missing (GOFR_WS_REQUIRE_EXTERNAL=true makes this a failure)");
	}

}
