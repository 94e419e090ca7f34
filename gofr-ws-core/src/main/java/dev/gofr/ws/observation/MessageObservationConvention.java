package dev.gofr.ws.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and key values of message observations; declare a bean to replace the default.
 */
public interface MessageObservationConvention extends ObservationConvention<MessageObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MessageObservationContext;
	}

}
