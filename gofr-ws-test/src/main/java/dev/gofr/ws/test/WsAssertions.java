package dev.gofr.ws.test;

import dev.gofr.ws.send.OutboundFrame;
import org.springframework.web.socket.CloseStatus;

/**
 * Entry point of the AssertJ assertions for WebSocket messages, JSON payloads, close statuses
 * and in-memory connections. Import its {@code assertThat} methods statically next to AssertJ's:
 *
 * <pre class="code">
 * import static dev.gofr.ws.test.WsAssertions.assertThat;
 * import static dev.gofr.ws.test.WsAssertions.assertThatJson;
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * assertThat(client.awaitMessage(Duration.ofSeconds(5))).isJson().hasPath("$.type", "joined");
 * assertThat(client.awaitClose()).hasCode(4408);
 * assertThat(alice).lastMessage().isError(WsErrorCode.INVALID_PAYLOAD);
 * </pre>
 */
public final class WsAssertions {

	private WsAssertions() {
	}

	/**
	 * Assertions on a frame a {@link WsTestClient} received.
	 * @param frame the frame, normally a {@link Frame.Text} or a {@link Frame.Binary}
	 * @return the assertions
	 */
	public static MessageAssert assertThat(Frame frame) {
		return new MessageAssert(frame);
	}

	/**
	 * Assertions on a frame an application sent, as an {@link InMemoryConnection} records it.
	 * @param frame the frame
	 * @return the assertions
	 */
	public static MessageAssert assertThat(OutboundFrame frame) {
		return new MessageAssert(frame);
	}

	/**
	 * Assertions on how a {@link WsTestClient}'s connection ended.
	 * @param close the close, from {@link WsTestClient#awaitClose()}
	 * @return the assertions
	 */
	public static CloseStatusAssert assertThat(Frame.Close close) {
		return new CloseStatusAssert(new CloseStatus(close.code(), close.reason()));
	}

	/**
	 * Assertions on a close status, such as one a {@code ConnectionListener} or a handler's
	 * {@code onClose} saw.
	 * @param status the status
	 * @return the assertions
	 */
	public static CloseStatusAssert assertThat(CloseStatus status) {
		return new CloseStatusAssert(status);
	}

	/**
	 * Assertions on what an in-memory connection was sent, and on its state.
	 * @param connection the connection
	 * @return the assertions
	 */
	public static InMemoryConnectionAssert assertThat(InMemoryConnection connection) {
		return new InMemoryConnectionAssert(connection);
	}

	/**
	 * Assertions on a JSON text, by JSON path ({@code $.type}, {@code $.items[0].id}).
	 * @param json the JSON text
	 * @return the assertions
	 */
	public static JsonAssert assertThatJson(String json) {
		return new JsonAssert(json);
	}

}
