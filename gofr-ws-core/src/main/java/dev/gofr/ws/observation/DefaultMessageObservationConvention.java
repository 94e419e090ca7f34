package dev.gofr.ws.observation;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.observation.WsObservation.MessageHighCardinalityKeys;
import dev.gofr.ws.observation.WsObservation.MessageKeys;
import io.micrometer.common.KeyValues;

/**
 * The default message convention: name {@code gofr.ws.message}, tagged with the route name, the
 * frame type and the outcome; the connection id only as a high-cardinality value (spans, not
 * meters).
 */
public class DefaultMessageObservationConvention implements MessageObservationConvention {

	private static final String SUCCESS = "SUCCESS";

	@Override
	public String getName() {
		return "gofr.ws.message";
	}

	@Override
	public String getContextualName(MessageObservationContext context) {
		return "websocket message " + context.connection().endpoint();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MessageObservationContext context) {
		WsErrorCode failure = context.failure();
		return KeyValues.of(MessageKeys.ENDPOINT.withValue(context.connection().endpoint()),
				MessageKeys.TYPE.withValue(context.message().isBinary() ? "binary" : "text"),
				MessageKeys.OUTCOME.withValue((failure != null) ? failure.name() : SUCCESS));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MessageObservationContext context) {
		return KeyValues.of(MessageHighCardinalityKeys.CONNECTION_ID.withValue(context.connection().id()));
	}

}
