package dev.gofr.ws.test;

import dev.gofr.ws.route.WsRoute;
import org.junit.jupiter.api.Test;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InMemoryConnectionAssert}.
 */
class InMemoryConnectionAssertTests {

	private final InMemoryRoute echo = InMemoryRoute.of(WsRoute.of("/ws/echo", (c, message) -> message.payload()));

	@Test
	void whatWasSent() {
		InMemoryConnection connection = this.echo.connect().receiveText("a").receiveText("b");
		assertThat(connection).isOpen().hasSentMessages(2).hasSentTexts("a", "b");
		assertThat(connection).message(1).hasText("b");
	}

	@Test
	void failuresSayWhatWasSentInstead() {
		InMemoryConnection connection = this.echo.connect().receiveText("a");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).hasSentNothing())
			.withMessageContaining("[a]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).hasSentTexts("b"))
			.withMessageContaining("[b]")
			.withMessageContaining("[a]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).message(3))
			.withMessageContaining("index 3")
			.withMessageContaining("sent 1");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).isClosed())
			.withMessageContaining("to be closed but it is open");
	}

	@Test
	void anUnexpectedCloseIsReportedWithItsStatus() {
		InMemoryConnection connection = this.echo.connect().closeFromPeer(1001, "going away");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).isOpen())
			.withMessageContaining("1001 (going away) \"going away\"");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(connection).lastMessage())
			.withMessageContaining("none was");
	}

}
