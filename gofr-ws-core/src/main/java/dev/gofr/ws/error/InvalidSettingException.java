package dev.gofr.ws.error;

import org.jspecify.annotations.Nullable;

/**
 * A settings value out of range, refused where the settings are built. It names the setting (the
 * record component, such as {@code pingInterval}) so that whoever read the value from somewhere
 * else (the auto-configuration, from {@code gofr.ws.*} properties) can say where it came from.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String setting;

	private final @Nullable Object value;

	private final String problem;

	/**
	 * A refused value.
	 * @param setting the setting, as the settings type names it
	 * @param value the value refused
	 * @param problem what is wrong with it, such as {@code "must be positive"}
	 */
	public InvalidSettingException(String setting, @Nullable Object value, String problem) {
		super(setting + " " + problem + ", was " + value);
		this.setting = setting;
		this.value = value;
		this.problem = problem;
	}

	/**
	 * The setting, as the settings type names it.
	 * @return the setting, such as {@code pingInterval}
	 */
	public String setting() {
		return this.setting;
	}

	/**
	 * The value refused.
	 * @return the value
	 */
	public @Nullable Object value() {
		return this.value;
	}

	/**
	 * What is wrong with the value.
	 * @return the problem, such as {@code "must be positive"}
	 */
	public String problem() {
		return this.problem;
	}

}
