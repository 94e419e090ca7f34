package dev.gofr.ws.observation;

import dev.gofr.ws.observation.WsObservation.HandshakeKeys;
import io.micrometer.common.KeyValues;

/**
 * The default handshake convention: name {@code gofr.ws.handshake}, tagged with the route name,
 * the answer's status and whether it was accepted.
 */
public class DefaultHandshakeObservationConvention implements HandshakeObservationConvention {

	@Override
	public String getName() {
		return "gofr.ws.handshake";
	}

	@Override
	public String getContextualName(HandshakeObservationContext context) {
		return "websocket handshake " + context.endpoint();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(HandshakeObservationContext context) {
		int status = context.status();
		return KeyValues.of(HandshakeKeys.ENDPOINT.withValue(context.endpoint()),
				HandshakeKeys.STATUS.withValue((status != 0) ? Integer.toString(status) : "UNKNOWN"),
				HandshakeKeys.OUTCOME.withValue((status == 101) ? "accepted" : "rejected"));
	}

}
