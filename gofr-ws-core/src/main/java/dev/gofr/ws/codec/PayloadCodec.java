package dev.gofr.ws.codec;

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
	 * @throws dev.gofr.ws.error.WsException with {@code INTERNAL} when the object cannot be written
	 */
	String encode(Object value);

	/**
	 * Read JSON text as an object of the given type.
	 * @param <T> the type
	 * @param json the JSON text
	 * @param type the type to read
	 * @return the object
	 * @throws dev.gofr.ws.error.WsException with {@code INVALID_PAYLOAD} when the text is not
	 * JSON of that type
	 */
	<T> T decode(String json, Class<T> type);

}
