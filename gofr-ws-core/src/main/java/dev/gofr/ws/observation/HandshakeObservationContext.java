package dev.gofr.ws.observation;

import io.micrometer.observation.Observation;

/**
 * What an observation of one handshake knows.
 */
public final class HandshakeObservationContext extends Observation.Context {

	private final String endpoint;

	private int status;

	/**
	 * Create the context of a handshake on a route.
	 * @param endpoint the route name
	 */
	public HandshakeObservationContext(String endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * The route name.
	 * @return the endpoint name
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * The HTTP status of the answer, once known.
	 * @return {@code 101} when upgraded, the refusal's status, or {@code 0} before the answer
	 */
	public int status() {
		return this.status;
	}

	void status(int status) {
		this.status = status;
	}

}
