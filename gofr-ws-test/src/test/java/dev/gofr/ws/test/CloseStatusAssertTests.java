package dev.gofr.ws.test;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CloseStatusAssert}.
 */
class CloseStatusAssertTests {

	@Test
	void codeAndReason() {
		assertThat(new Frame.Close(4408, "Heartbeat timeout")).hasCode(4408)
			.hasReason("Heartbeat timeout")
			.hasReasonContaining("Heartbeat");
		assertThat(CloseStatus.NORMAL).isNormal();
	}

	@Test
	void aWrongCodeFailsNamingBothCodes() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(new Frame.Close(1013, "Send timeout")).hasCode(4408))
			.withMessage("Expected close code 4408 (heartbeat timeout) but was 1013 (try again later) \"Send timeout\"");
	}

	@Test
	void aWrongReasonFailsWithTheStatus() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(new Frame.Close(1000, "bye")).hasReasonContaining("operator"))
			.withMessage("Expected a close reason containing \"operator\" but was 1000 (normal) \"bye\"");
	}

}
