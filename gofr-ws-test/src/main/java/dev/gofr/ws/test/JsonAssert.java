package dev.gofr.ws.test;

import java.math.BigDecimal;
import java.util.function.Consumer;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions on a JSON text by JSON path, such as {@code $.type} or {@code $.members[0].name},
 * as Spring's {@code jsonPath} expectations read them. Numbers compare by value, so
 * {@code hasPath("$.members", 2)} matches {@code 2}, {@code 2.0} and a long {@code 2}.
 */
public final class JsonAssert extends AbstractAssert<JsonAssert, String> {

	private static final JsonMapper STRICT = JsonMapper.builder().build();

	private @Nullable DocumentContext document;

	JsonAssert(String json) {
		super(json, JsonAssert.class);
	}

	/**
	 * Verify that the path has a value, {@code null} included.
	 * @param path the JSON path
	 * @return this
	 */
	public JsonAssert hasPath(String path) {
		read(path);
		return this;
	}

	/**
	 * Verify that the path has this value.
	 * @param path the JSON path
	 * @param expected the value; {@code null} for a JSON {@code null}
	 * @return this
	 */
	public JsonAssert hasPath(String path, @Nullable Object expected) {
		Object value = read(path);
		if (!matches(value, expected)) {
			failWithMessage("Expected JSON path %s to be <%s> but was <%s> in%n  %s", path, expected, value, this.actual);
		}
		return this;
	}

	/**
	 * Verify that the path has no value (an absent key, not a {@code null} one).
	 * @param path the JSON path
	 * @return this
	 */
	public JsonAssert doesNotHavePath(String path) {
		try {
			Object value = document().read(path);
			failWithMessage("Expected no value at JSON path %s but found <%s> in%n  %s", path, value, this.actual);
		}
		catch (PathNotFoundException ex) {
			// as expected
		}
		return this;
	}

	/**
	 * Verify that the path's value satisfies the given assertions.
	 * @param path the JSON path
	 * @param requirements AssertJ assertions on the value
	 * @return this
	 */
	public JsonAssert hasPathSatisfying(String path, Consumer<@Nullable Object> requirements) {
		requirements.accept(read(path));
		return this;
	}

	/**
	 * The path's value, for further assertions.
	 * @param path the JSON path
	 * @return AssertJ's assertions on the value
	 */
	public ObjectAssert<@Nullable Object> extractingPath(String path) {
		return Assertions.assertThat(read(path));
	}

	private @Nullable Object read(String path) {
		try {
			return document().read(path);
		}
		catch (PathNotFoundException ex) {
			failWithMessage("Expected a value at JSON path %s but found none in%n  %s", path, this.actual);
			throw new IllegalStateException(ex); // not reached
		}
	}

	private DocumentContext document() {
		isNotNull();
		if (this.document == null) {
			try {
				STRICT.readTree(this.actual); // json-path's own parser lets much that is not JSON pass
				this.document = JsonPath.parse(this.actual);
			}
			catch (JacksonException | InvalidJsonException ex) {
				failWithMessage("Expected JSON but was%n  <%s>%n(%s)", this.actual, ex.getMessage());
			}
		}
		return this.document;
	}

	private static boolean matches(@Nullable Object actual, @Nullable Object expected) {
		if (actual instanceof Number number && expected instanceof Number other) {
			return new BigDecimal(number.toString()).compareTo(new BigDecimal(other.toString())) == 0;
		}
		return (actual == null) ? expected == null : actual.equals(expected);
	}

}
