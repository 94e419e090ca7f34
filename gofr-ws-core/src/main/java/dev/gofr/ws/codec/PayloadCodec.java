package dev.gofr.ws.codec;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;

/**
 * Converts between application objects and the JSON text of text frames. gofr-ws uses it for
 * handler return values that are neither text nor bytes, for {@code sendJson}, and for
 * {@code WsMessage.bind}.
 *
 * @see JacksonPayloadCodec
 */
public interface PayloadCodec {

	/**
	 * Write an object as JSON text.
	 * @param value the object
	 * @return its JSON text
	 * @throws WsException with {@code INTERNAL} when the object cannot be written
	 */
	String encode(Object value);

	/**
	 * Read JSON text as an object of the given type.
	 * @param <T> the type
	 * @param json the JSON text
	 * @param type the type to read
	 * @return the object
	 * @throws WsException with {@code INVALID_PAYLOAD} when the text is not
	 * JSON of that type
	 */
	<T> T decode(String json, Class<T> type);

	/**
	 * A codec for an application without a JSON library: every operation fails with
	 * {@code INTERNAL} and says what to do.
	 * @param advice what the failure says, such as which library to add
	 * @return the codec
	 */
	static PayloadCodec unavailable(String advice) {
		return new PayloadCodec() {

			@Override
			public String encode(Object value) {
				throw missing();
			}

			@Override
			public <T> T decode(String json, Class<T> type) {
				throw missing();
			}

			private WsException missing() {
				return new WsException(WsErrorCode.INTERNAL, advice);
			}

		};
	}

}
