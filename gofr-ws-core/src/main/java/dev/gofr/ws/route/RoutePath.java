package dev.gofr.ws.route;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The path of a route: a literal path such as {@code /ws/chat}, or a URI template whose
 * variables each match one whole segment, such as {@code /ws/rooms/{room}} or
 * {@code /ws/{tenant}/rooms/{room}}. A variable may carry a regular expression that its segment
 * must match ({@code {id:\d+}}); it never matches across a {@code /}, so the capture-all form
 * {@code {*rest}} is refused. Parsed once, with the parser that Spring's handler mapping uses, so
 * that a handshake matches here exactly when it reaches the route.
 */
public final class RoutePath {

	private final String value;

	private final PathPattern pattern;

	private final boolean variables;

	private RoutePath(String value, PathPattern pattern) {
		this.value = value;
		this.pattern = pattern;
		this.variables = value.indexOf('{') >= 0;
	}

	/**
	 * Parse a route's path.
	 * @param path the path, starting with {@code /}, such as {@code /ws/rooms/{room}}
	 * @return the path
	 * @throws IllegalArgumentException when the path is empty, does not start with {@code /}, is
	 * not a valid template, or has a variable that would match across {@code /}
	 */
	public static RoutePath of(String path) {
		if (path == null || path.isBlank()) {
			throw new IllegalArgumentException("path must not be empty");
		}
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("path must start with '/': " + path);
		}
		int captureAll = path.indexOf("{*");
		if (captureAll >= 0) {
			int end = path.indexOf('}', captureAll);
			throw new IllegalArgumentException("path " + path + " has a variable that matches the rest of the path ("
					+ ((end > 0) ? path.substring(captureAll, end + 1) : path.substring(captureAll))
					+ "); a path variable matches one segment, as {name} does");
		}
		try {
			return new RoutePath(path, PathPatternParser.defaultInstance.parse(path));
		}
		catch (PatternParseException ex) {
			throw new IllegalArgumentException("path " + path + " is not a valid path template: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The path as written.
	 * @return the path, such as {@code /ws/rooms/{room}}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether the path has variables.
	 * @return {@code true} for a template such as {@code /ws/rooms/{room}}
	 */
	public boolean hasVariables() {
		return this.variables;
	}

	/**
	 * Match a request's path against this one.
	 * @param path the path as the request gives it, percent-encoded, without the context path
	 * and without a query, such as {@code /ws/rooms/caf%C3%A9}
	 * @return the variables, decoded ({@code room=café}), empty for a path without variables; or
	 * {@code null} when the path does not match
	 */
	public @Nullable Map<String, String> match(String path) {
		PathPattern.PathMatchInfo match = this.pattern.matchAndExtract(PathContainer.parsePath(path));
		if (match == null) {
			return null;
		}
		return match.getUriVariables().isEmpty() ? Map.of() : Map.copyOf(match.getUriVariables());
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof RoutePath path) && this.value.equals(path.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
