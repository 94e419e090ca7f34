package dev.gofr.ws.codec;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link PayloadCodec} on a Jackson 3 {@link ObjectMapper}, normally the application's own
 * {@code JsonMapper}, so that JSON frames follow the same settings as the application's REST
 * responses.
 */
public final class JacksonPayloadCodec implements PayloadCodec {

	private final ObjectMapper mapper;

	/**
	 * Create a codec on a default {@link JsonMapper}.
	 */
	public JacksonPayloadCodec() {
		this(JsonMapper.builder().build());
	}

	/**
	 * Create a codec on the given mapper.
	 * @param mapper the mapper to read and write with
	 */
	public JacksonPayloadCodec(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public String encode(Object value) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new WsException(WsErrorCode.INTERNAL, "Could not write " + value.getClass().getName() + " as JSON",
					ex);
		}
	}

	@Override
	public <T> T decode(String json, Class<T> type) {
		try {
			T value = this.mapper.readValue(json, type);
			if (value == null) {
				throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Expected a JSON " + type.getSimpleName());
			}
			return value;
		}
		catch (StreamReadException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null) ? " at line " + location.getLineNr() + ", column " + location.getColumnNr()
					: "";
			throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Malformed JSON" + where, ex);
		}
		catch (JacksonException ex) {
			throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Invalid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
