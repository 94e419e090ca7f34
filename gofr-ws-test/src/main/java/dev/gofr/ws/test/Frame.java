package dev.gofr.ws.test;

import java.nio.charset.StandardCharsets;

/**
 * A frame (or whole message) that a {@link WsTestClient} received.
 */
public sealed interface Frame {

	/**
	 * A whole text message.
	 * @param text the text
	 */
	record Text(String text) implements Frame {

		@Override
		public String toString() {
			return "Text(" + ((this.text.length() > 80) ? this.text.substring(0, 80) + "…" : this.text) + ")";
		}

	}

	/**
	 * A whole binary message.
	 * @param bytes the payload
	 */
	record Binary(byte[] bytes) implements Frame {

		@Override
		public String toString() {
			return "Binary(" + this.bytes.length + " bytes)";
		}

	}

	/**
	 * A ping.
	 * @param payload the payload
	 */
	record Ping(byte[] payload) implements Frame {

		@Override
		public String toString() {
			return "Ping(" + new String(this.payload, StandardCharsets.UTF_8) + ")";
		}

	}

	/**
	 * A pong.
	 * @param payload the payload
	 */
	record Pong(byte[] payload) implements Frame {

		@Override
		public String toString() {
			return "Pong(" + new String(this.payload, StandardCharsets.UTF_8) + ")";
		}

	}

	/**
	 * The close frame, or the end of the connection without one (code 1006).
	 * @param code the close code
	 * @param reason the reason
	 */
	record Close(int code, String reason) implements Frame {

	}

}
