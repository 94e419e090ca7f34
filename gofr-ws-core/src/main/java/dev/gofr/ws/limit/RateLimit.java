package dev.gofr.ws.limit;

import dev.gofr.ws.error.InvalidSettingException;

/**
 * How many messages a connection may send.
 *
 * @param rate messages per second, sustained; 0 for no limit
 * @param burst messages allowed at once before the rate applies; at least 1 when a rate is set
 * @param onExceeded what happens to a message over the limit
 */
public record RateLimit(double rate, int burst, Action onExceeded) {

	/** No limit. */
	public static final RateLimit NONE = new RateLimit(0, 0, Action.REJECT);

	public RateLimit {
		if (rate < 0) {
			throw new InvalidSettingException("rate", rate, "must not be negative");
		}
		if (rate > 0 && burst < 1) {
			throw new InvalidSettingException("burst", burst, "must be at least 1");
		}
	}

	/**
	 * Whether a limit applies.
	 * @return {@code true} when the rate is positive
	 */
	public boolean isLimited() {
		return this.rate > 0;
	}

	/** What happens to a message over the limit. */
	public enum Action {

		/** Drop it and answer with a {@code RATE_LIMITED} error frame; the connection stays open. */
		REJECT,

		/** Close the connection with 4429. */
		CLOSE

	}

}
