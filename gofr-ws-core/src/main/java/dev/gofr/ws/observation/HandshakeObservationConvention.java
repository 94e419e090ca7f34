package dev.gofr.ws.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of handshake observations; declare a bean to replace the default.
 */
public interface HandshakeObservationConvention extends ObservationConvention<HandshakeObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof HandshakeObservationContext;
	}

}
