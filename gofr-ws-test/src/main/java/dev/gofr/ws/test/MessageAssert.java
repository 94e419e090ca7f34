package dev.gofr.ws.test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.send.OutboundFrame;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one WebSocket message: a {@link Frame} a {@link WsTestClient} received, or an
 * {@link OutboundFrame} an application sent. Obtain them from {@link WsAssertions}.
 */
public final class MessageAssert extends AbstractAssert<MessageAssert, Object> {

	private final @Nullable String text;

	private final byte @Nullable [] bytes;

	MessageAssert(Frame frame) {
		super(frame, MessageAssert.class);
		this.text = (frame instanceof Frame.Text message) ? message.text() : null;
		this.bytes = (frame instanceof Frame.Binary message) ? message.bytes() : null;
	}

	MessageAssert(OutboundFrame frame) {
		super(frame, MessageAssert.class);
		this.text = (frame.kind() == OutboundFrame.Kind.TEXT) ? frame.text() : null;
		if (frame.kind() == OutboundFrame.Kind.BINARY) {
			byte[] payload = new byte[frame.bytes().remaining()];
			frame.bytes().get(payload);
			this.bytes = payload;
		}
		else {
			this.bytes = null;
		}
	}

	/**
	 * Verify that it is a text message.
	 * @return this
	 */
	public MessageAssert isText() {
		requireText();
		return this;
	}

	/**
	 * Verify that it is a binary message.
	 * @return this
	 */
	public MessageAssert isBinary() {
		requireBytes();
		return this;
	}

	/**
	 * Verify that it is a text message with exactly this text.
	 * @param expected the text
	 * @return this
	 */
	public MessageAssert hasText(String expected) {
		String actual = requireText();
		if (!actual.equals(expected)) {
			failWithMessage("Expected the text message to be%n  <%s>%nbut was%n  <%s>", expected, actual);
		}
		return this;
	}

	/**
	 * Verify that it is a text message containing this text.
	 * @param expected the part
	 * @return this
	 */
	public MessageAssert hasTextContaining(String expected) {
		String actual = requireText();
		if (!actual.contains(expected)) {
			failWithMessage("Expected the text message to contain%n  <%s>%nbut was%n  <%s>", expected, actual);
		}
		return this;
	}

	/**
	 * The text, for further assertions.
	 * @return AssertJ's string assertions on the text
	 */
	public AbstractStringAssert<?> text() {
		return Assertions.assertThat(requireText());
	}

	/**
	 * Verify that it is a binary message with exactly these bytes.
	 * @param expected the bytes
	 * @return this
	 */
	public MessageAssert hasBytes(byte... expected) {
		byte[] actual = requireBytes();
		if (!Arrays.equals(actual, expected)) {
			failWithMessage("Expected the binary message to be%n  %s%nbut was%n  %s", Arrays.toString(expected),
					Arrays.toString(actual));
		}
		return this;
	}

	/**
	 * Verify that it is a binary message with exactly these bytes, given as numbers for
	 * readability: {@code hasBytes(1, 2, 3)}.
	 * @param expected the bytes, each from -128 to 255
	 * @return this
	 */
	public MessageAssert hasBytes(int... expected) {
		byte[] bytes = new byte[expected.length];
		for (int i = 0; i < expected.length; i++) {
			bytes[i] = (byte) expected[i];
		}
		return hasBytes(bytes);
	}

	/**
	 * Verify that it is a text message holding JSON, and go on with assertions on its JSON paths.
	 * @return the JSON assertions
	 */
	public JsonAssert isJson() {
		return new JsonAssert(requireText());
	}

	/**
	 * Verify that it is gofr-ws's default error frame,
	 * {@code {"type":"error","code":"<CODE>","message":"..."}}, with this code; go on with the
	 * JSON assertions, for example on {@code $.message}.
	 * @param code the error code
	 * @return the JSON assertions
	 */
	public JsonAssert isError(WsErrorCode code) {
		return isJson().hasPath("$.type", "error").hasPath("$.code", code.name());
	}

	private String requireText() {
		isNotNull();
		if (this.text == null) {
			failWithMessage("Expected a text message but was %s", describe());
		}
		return this.text;
	}

	private byte[] requireBytes() {
		isNotNull();
		if (this.bytes == null) {
			failWithMessage("Expected a binary message but was %s", describe());
		}
		return this.bytes;
	}

	private String describe() {
		if (this.actual instanceof OutboundFrame frame) {
			return switch (frame.kind()) {
				case TEXT -> "Text(" + frame.text() + ")";
				case BINARY -> "Binary(" + frame.size() + " bytes)";
				case CLOSE -> "Close(" + frame.closeCode() + ", " + frame.text() + ")";
				default -> frame.kind().name().charAt(0) + frame.kind().name().substring(1).toLowerCase() + "("
						+ StandardCharsets.UTF_8.decode(frame.bytes()) + ")";
			};
		}
		return String.valueOf(this.actual);
	}

}
