package dev.gofr.ws.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations gofr-ws makes, with their key values. Every low-cardinality value comes from a
 * small fixed set (route names, frame types, statuses, error codes), never from ids or paths.
 */
public enum WsObservation implements ObservationDocumentation {

	/**
	 * One WebSocket handshake, from the first check to the upgrade or its refusal.
	 */
	HANDSHAKE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultHandshakeObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return HandshakeKeys.values();
		}

	},

	/**
	 * One message handled: the route's interceptors and handler, and the reply queued.
	 */
	MESSAGE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMessageObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return MessageKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { MessageHighCardinalityKeys.CONNECTION_ID };
		}

	};

	/**
	 * Low-cardinality keys of {@link #HANDSHAKE}.
	 */
	public enum HandshakeKeys implements KeyName {

		/**
		 * The route name.
		 */
		ENDPOINT {
			@Override
			public String asString() {
				return "endpoint";
			}
		},

		/**
		 * The HTTP status of the answer: {@code 101} when upgraded, else the refusal's status.
		 */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/**
		 * {@code accepted} or {@code rejected}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * Low-cardinality keys of {@link #MESSAGE}.
	 */
	public enum MessageKeys implements KeyName {

		/**
		 * The route name.
		 */
		ENDPOINT {
			@Override
			public String asString() {
				return "endpoint";
			}
		},

		/**
		 * {@code text} or {@code binary}.
		 */
		TYPE {
			@Override
			public String asString() {
				return "type";
			}
		},

		/**
		 * {@code SUCCESS}, or the error code the message ended with (e.g. {@code INVALID_PAYLOAD}).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * High-cardinality keys of {@link #MESSAGE}: on spans, never on meters.
	 */
	public enum MessageHighCardinalityKeys implements KeyName {

		/**
		 * The connection id.
		 */
		CONNECTION_ID {
			@Override
			public String asString() {
				return "connection.id";
			}
		}

	}

}
