package dev.gofr.ws.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import dev.gofr.ws.error.CloseCodes;
import org.assertj.core.api.AbstractAssert;
import org.springframework.web.socket.CloseStatus;

/**
 * Assertions on how a connection ended: its close code and reason. Failures name the codes
 * gofr-ws sends, so a 1013 reads as a slow consumer and a 4408 as a heartbeat timeout.
 */
public final class CloseStatusAssert extends AbstractAssert<CloseStatusAssert, CloseStatus> {

	private static final Map<Integer, String> NAMES = names();

	CloseStatusAssert(CloseStatus status) {
		super(status, CloseStatusAssert.class);
	}

	/**
	 * Verify the close code.
	 * @param expected the code, such as {@link CloseCodes#HEARTBEAT_TIMEOUT}
	 * @return this
	 */
	public CloseStatusAssert hasCode(int expected) {
		isNotNull();
		if (this.actual.getCode() != expected) {
			failWithMessage("Expected close code %s but was %s", describe(expected), describe(this.actual));
		}
		return this;
	}

	/**
	 * Verify a normal close, 1000.
	 * @return this
	 */
	public CloseStatusAssert isNormal() {
		return hasCode(CloseCodes.NORMAL);
	}

	/**
	 * Verify the close reason.
	 * @param expected the reason
	 * @return this
	 */
	public CloseStatusAssert hasReason(String expected) {
		isNotNull();
		if (!expected.equals(reason())) {
			failWithMessage("Expected close reason \"%s\" but was %s", expected, describe(this.actual));
		}
		return this;
	}

	/**
	 * Verify that the close reason contains a text.
	 * @param expected the part
	 * @return this
	 */
	public CloseStatusAssert hasReasonContaining(String expected) {
		isNotNull();
		if (!reason().contains(expected)) {
			failWithMessage("Expected a close reason containing \"%s\" but was %s", expected, describe(this.actual));
		}
		return this;
	}

	private String reason() {
		String reason = this.actual.getReason();
		return (reason != null) ? reason : "";
	}

	static String describe(CloseStatus status) {
		return describe(status.getCode()) + " \"" + ((status.getReason() != null) ? status.getReason() : "") + "\"";
	}

	static String describe(int code) {
		String name = NAMES.get(code);
		return (name != null) ? code + " (" + name + ")" : String.valueOf(code);
	}

	private static Map<Integer, String> names() {
		Map<Integer, String> names = new HashMap<>();
		for (Field field : CloseCodes.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
				try {
					names.put(field.getInt(null), field.getName().toLowerCase().replace('_', ' '));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return Map.copyOf(names);
	}

}
