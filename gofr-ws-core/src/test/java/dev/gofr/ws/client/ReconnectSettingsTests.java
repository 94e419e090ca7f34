package dev.gofr.ws.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReconnectSettingsTests {

	@Test
	void defaultsAreThoseOfTheProperties() {
		assertThat(ReconnectSettings.DEFAULTS).isEqualTo(
				new ReconnectSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, 0));
	}

	@Test
	void refusesValuesOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReconnectSettings.DEFAULTS.withJitter(1.1))
			.withMessageContaining("jitter");
		assertThatIllegalArgumentException().isThrownBy(() -> ReconnectSettings.DEFAULTS.withJitter(-0.1))
			.withMessageContaining("jitter");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReconnectSettings.DEFAULTS.withDelays(Duration.ofSeconds(5), Duration.ofSeconds(1)))
			.withMessageContaining("maxDelay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReconnectSettings.DEFAULTS.withDelays(Duration.ZERO, Duration.ofSeconds(1)))
			.withMessageContaining("initialDelay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReconnectSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(2), 0.9, 0, 0))
			.withMessageContaining("multiplier");
		assertThatIllegalArgumentException().isThrownBy(() -> ReconnectSettings.DEFAULTS.withMaxAttempts(-1))
			.withMessageContaining("maxAttempts");
	}

}
