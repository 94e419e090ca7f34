package dev.gofr.ws.heartbeat;

import java.time.Duration;

import dev.gofr.ws.heartbeat.HeartbeatSettings.Due;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HeartbeatSettingsTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final HeartbeatSettings settings = HeartbeatSettings.of(Duration.ofSeconds(30), Duration.ofSeconds(60));

	@Test
	void aPeerSilentForAWholePingIntervalIsPinged() {
		assertThat(this.settings.due(29 * SECOND, 0, 0)).isEqualTo(Due.NOTHING);
		assertThat(this.settings.due(30 * SECOND, 0, 0)).isEqualTo(Due.PING);
	}

	@Test
	void anythingHeardFromThePeerPutsThePingOff() {
		assertThat(this.settings.due(45 * SECOND, 20 * SECOND, 0)).isEqualTo(Due.NOTHING);
		assertThat(this.settings.due(50 * SECOND, 20 * SECOND, 0)).isEqualTo(Due.PING);
	}

	@Test
	void aPeerPingedWithinTheIntervalIsNotPingedAgain() {
		assertThat(this.settings.due(50 * SECOND, 0, 30 * SECOND)).isEqualTo(Due.NOTHING);
		assertThat(this.settings.due(60 * SECOND, 0, 30 * SECOND)).isEqualTo(Due.PING);
	}

	@Test
	void silenceLongerThanThePongWaitTimesOut() {
		assertThat(this.settings.due(60 * SECOND + 1, 0, 30 * SECOND)).isEqualTo(Due.TIMEOUT);
	}

	@Test
	void nothingIsDueWhenTheHeartbeatIsOff() {
		assertThat(HeartbeatSettings.OFF.due(3600 * SECOND, 0, 0)).isEqualTo(Due.NOTHING);
	}

	@Test
	void thePongWaitIsAtLeastThePingInterval() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HeartbeatSettings.of(Duration.ofSeconds(30), Duration.ofSeconds(10)))
			.withMessageContaining("pongWait");
	}

}
