package dev.gofr.ws.test;

import java.util.List;

import dev.gofr.ws.send.OutboundFrame;
import org.assertj.core.api.AbstractAssert;
import org.springframework.web.socket.CloseStatus;

/**
 * Assertions on an {@link InMemoryConnection}: what it was sent, and whether and how it closed.
 */
public final class InMemoryConnectionAssert extends AbstractAssert<InMemoryConnectionAssert, InMemoryConnection> {

	InMemoryConnectionAssert(InMemoryConnection connection) {
		super(connection, InMemoryConnectionAssert.class);
	}

	/**
	 * Verify that the connection is open.
	 * @return this
	 */
	public InMemoryConnectionAssert isOpen() {
		isNotNull();
		if (!this.actual.isOpen()) {
			CloseStatus status = this.actual.closeStatus();
			failWithMessage("Expected %s to be open but it closed with %s", this.actual,
					(status != null) ? CloseStatusAssert.describe(status) : "no status");
		}
		return this;
	}

	/**
	 * Verify that the connection closed, and go on with assertions on its close status.
	 * @return the close status assertions
	 */
	public CloseStatusAssert isClosed() {
		isNotNull();
		CloseStatus status = this.actual.closeStatus();
		if (status == null) {
			failWithMessage("Expected %s to be closed but it is open; sent %s", this.actual, this.actual.messages());
		}
		return new CloseStatusAssert(status);
	}

	/**
	 * Verify that the connection closed with a code.
	 * @param code the close code
	 * @return the close status assertions
	 */
	public CloseStatusAssert isClosedWith(int code) {
		return isClosed().hasCode(code);
	}

	/**
	 * Verify that no text or binary message was sent (since the last {@code clear()}).
	 * @return this
	 */
	public InMemoryConnectionAssert hasSentNothing() {
		isNotNull();
		List<OutboundFrame> messages = this.actual.messages();
		if (!messages.isEmpty()) {
			failWithMessage("Expected %s to have been sent nothing but it was sent %s", this.actual, this.actual.texts());
		}
		return this;
	}

	/**
	 * Verify how many text and binary messages were sent.
	 * @param count the number
	 * @return this
	 */
	public InMemoryConnectionAssert hasSentMessages(int count) {
		isNotNull();
		int actual = this.actual.messages().size();
		if (actual != count) {
			failWithMessage("Expected %s to have been sent %d messages but it was sent %d: %s", this.actual, count,
					actual, this.actual.texts());
		}
		return this;
	}

	/**
	 * Verify the texts sent, exactly and in order.
	 * @param texts the texts
	 * @return this
	 */
	public InMemoryConnectionAssert hasSentTexts(String... texts) {
		isNotNull();
		List<String> actual = this.actual.texts();
		if (!actual.equals(List.of(texts))) {
			failWithMessage("Expected %s to have been sent the texts%n  %s%nbut it was sent%n  %s", this.actual,
					List.of(texts), actual);
		}
		return this;
	}

	/**
	 * The last text or binary message sent, for assertions.
	 * @return the message assertions
	 */
	public MessageAssert lastMessage() {
		isNotNull();
		return new MessageAssert(this.actual.lastMessage());
	}

	/**
	 * One of the text and binary messages sent, for assertions.
	 * @param index its position, from 0
	 * @return the message assertions
	 */
	public MessageAssert message(int index) {
		isNotNull();
		List<OutboundFrame> messages = this.actual.messages();
		if (index >= messages.size()) {
			failWithMessage("Expected a message at index %d on %s but it was sent %d: %s", index, this.actual,
					messages.size(), this.actual.texts());
		}
		return new MessageAssert(messages.get(index));
	}

}
