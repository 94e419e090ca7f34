package dev.gofr.ws.autoconfigure;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.gofr.ws.error.InvalidSettingException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * One {@code gofr.ws} value and the property it came from. Core settings records check their
 * values once, for every way of building them; {@link #check} builds one from property values and
 * turns a value it refuses into an error that names the property.
 * @param property the property that set the value
 * @param value the value
 * @param own whether a route set it itself (rather than inheriting the node's value)
 * @param <T> the type of the value
 */
record Setting<T>(String property, T value, boolean own) {

	private static final String ENDPOINTS = "gofr.ws.endpoints.";

	/**
	 * A value no route overrides.
	 */
	static <T> Setting<T> of(String property, T value) {
		return new Setting<>(property, value, false);
	}

	/**
	 * A message size as an {@code int}: sizes from 2 GB up cannot be buffered at all.
	 * @param property the property that set it
	 * @param size the size
	 * @return the size in bytes
	 */
	static Setting<Integer> messageSize(String property, DataSize size) {
		if (size.toBytes() > Integer.MAX_VALUE - 8) {
			throw new InvalidConfigurationPropertyValueException(property, size, "A message size must be below 2GB.");
		}
		return Setting.of(property, (int) size.toBytes());
	}

	/**
	 * A route's value of {@code gofr.ws.endpoints.<name>.<group>.<key>} where the route set it,
	 * else the node's {@code gofr.ws.<group>.<key>}.
	 * @param name the route's name; {@code null} for the node's value
	 * @param group the group of settings, such as {@code heartbeat}
	 * @param key the value's key in the group, such as {@code ping-interval}
	 * @param own the route's settings of that group, if it has any
	 * @param global the node's settings of that group
	 * @param value reads the value from the group
	 */
	static <G extends RouteOverridable, T> Setting<T> route(@Nullable String name, String group,
			String key, @Nullable G own, G global, Function<G, T> value) {
		return (name != null && own != null && own.wasSet(key))
				? new Setting<>(ENDPOINTS + name + "." + group + "." + key, value.apply(own), true)
				: new Setting<>("gofr.ws." + group + "." + key, value.apply(global), false);
	}

	/**
	 * Build a settings record; a value it refuses fails naming the property it came from.
	 * @param build makes the record
	 * @param sources where each of the record's components came from, by component name
	 * @return the record
	 */
	static <T> T check(Supplier<T> build, Map<String, Setting<?>> sources) {
		try {
			return build.get();
		}
		catch (InvalidSettingException ex) {
			Setting<?> source = sources.get(ex.setting());
			if (source == null) {
				throw ex;
			}
			String problem = ex.problem();
			throw new InvalidConfigurationPropertyValueException(source.property(), source.value(),
					Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + ".");
		}
	}

}
