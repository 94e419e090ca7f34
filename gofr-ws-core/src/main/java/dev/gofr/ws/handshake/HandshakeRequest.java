package dev.gofr.ws.handshake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a connection keeps of its handshake's request: the variables of its route's path, the
 * query, and the headers named in an allow-list. What a route does not use costs nothing: a
 * handshake with no variables, no query and no kept header shares {@link #NONE}; the query is
 * kept as the request gave it and parsed once, when first read.
 * <p>
 * Query values are often credentials ({@code ?access_token=…}), so {@link #toString()} shows the
 * names of what is kept and never a query or header value.
 */
public final class HandshakeRequest {

	private static final String[] NO_NAMES = new String[0];

	/** A handshake without path variables, query or kept headers. */
	public static final HandshakeRequest NONE = new HandshakeRequest(Map.of(), null, NO_NAMES, NO_NAMES);

	private final Map<String, String> pathVariables;

	private final @Nullable String rawQuery;

	/** The query parsed, once read; racing first reads parse it twice, to the same result. */
	private volatile @Nullable Map<String, String> query;

	/** The kept headers' names, shared by every connection of a route; the values have the same order. */
	private final String[] headerNames;

	private final @Nullable String[] headerValues;

	private HandshakeRequest(Map<String, String> pathVariables, @Nullable String rawQuery, String[] headerNames,
			@Nullable String[] headerValues) {
		this.pathVariables = pathVariables;
		this.rawQuery = rawQuery;
		this.headerNames = headerNames;
		this.headerValues = headerValues;
	}

	/**
	 * What a handshake's request carried.
	 * @param pathVariables the route's path variables, decoded
	 * @param rawQuery the query as the request gave it (percent-encoded, without {@code ?}), or
	 * {@code null} when it had none
	 * @param headers the kept headers, by name (in any case), with their first value
	 * @return the request, or {@link #NONE} when it carried nothing of these
	 */
	public static HandshakeRequest of(Map<String, String> pathVariables, @Nullable String rawQuery,
			Map<String, String> headers) {
		String[] names = headers.keySet().toArray(NO_NAMES);
		String[] values = new String[names.length];
		for (int i = 0; i < names.length; i++) {
			values[i] = headers.get(names[i]);
		}
		return of(pathVariables, rawQuery, names, values);
	}

	/**
	 * What a handshake's request carried, with the names of the kept headers shared by every
	 * connection of the route.
	 */
	static HandshakeRequest of(Map<String, String> pathVariables, @Nullable String rawQuery, String[] headerNames,
			@Nullable String[] headerValues) {
		boolean anyHeader = false;
		for (String value : headerValues) {
			anyHeader |= (value != null);
		}
		if (pathVariables.isEmpty() && (rawQuery == null || rawQuery.isEmpty()) && !anyHeader) {
			return NONE;
		}
		return new HandshakeRequest(Map.copyOf(pathVariables), (rawQuery == null || rawQuery.isEmpty()) ? null : rawQuery,
				anyHeader ? headerNames : NO_NAMES, anyHeader ? headerValues : NO_NAMES);
	}

	/**
	 * The variables of the route's path.
	 * @return the variables by name, decoded; empty for a path without variables
	 */
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	/**
	 * A query parameter, decoded: percent-encoded UTF-8, {@code +} for a space.
	 * @param name the parameter's name, as it reads decoded
	 * @return its first value; an empty string for a parameter without {@code =}; or {@code null}
	 * when the query does not have it
	 */
	public @Nullable String queryParameter(String name) {
		if (this.rawQuery == null) {
			return null;
		}
		Map<String, String> parsed = this.query;
		if (parsed == null) {
			parsed = parseQuery(this.rawQuery);
			this.query = parsed;
		}
		return parsed.get(name);
	}

	/**
	 * A kept header.
	 * @param name the header's name, in any case
	 * @return its first value, or {@code null} when it was not sent or is not kept
	 */
	public @Nullable String header(String name) {
		for (int i = 0; i < this.headerNames.length; i++) {
			if (this.headerNames[i].equalsIgnoreCase(name)) {
				return this.headerValues[i];
			}
		}
		return null;
	}

	/** The names of the kept headers that the handshake sent. */
	private List<String> sentHeaderNames() {
		List<String> sent = new ArrayList<>(this.headerNames.length);
		for (int i = 0; i < this.headerNames.length; i++) {
			if (this.headerValues[i] != null) {
				sent.add(this.headerNames[i]);
			}
		}
		return sent;
	}

	/**
	 * Parse a query: {@code &}-separated {@code name=value} pairs, names and values decoded, the
	 * first value of a name kept.
	 */
	static Map<String, String> parseQuery(String rawQuery) {
		Map<String, String> parameters = new HashMap<>();
		int start = 0;
		int length = rawQuery.length();
		while (start <= length) {
			int end = rawQuery.indexOf('&', start);
			if (end < 0) {
				end = length;
			}
			if (end > start) {
				int equals = rawQuery.indexOf('=', start);
				boolean hasValue = equals >= 0 && equals < end;
				String name = decode(rawQuery, start, hasValue ? equals : end);
				String value = hasValue ? decode(rawQuery, equals + 1, end) : "";
				parameters.putIfAbsent(name, value);
			}
			start = end + 1;
		}
		return Map.copyOf(parameters);
	}

	/**
	 * Decode part of a query: {@code +} is a space, {@code %XX} a byte of UTF-8; a {@code %} not
	 * followed by two hex digits is kept as it is, rather than failing a value no one may read.
	 */
	static String decode(String source, int start, int end) {
		int escape = source.indexOf('%', start);
		int plus = source.indexOf('+', start);
		if ((escape < 0 || escape >= end) && (plus < 0 || plus >= end)) {
			return source.substring(start, end);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
		int i = start;
		while (i < end) {
			char c = source.charAt(i);
			int escaped = (c == '%') ? hex(source, i + 1, end) : -1;
			if (escaped >= 0) {
				bytes.write(escaped);
				i += 3;
			}
			else if (c == '+') {
				bytes.write(' ');
				i++;
			}
			else {
				int codePoint = source.codePointAt(i);
				bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
				i += Character.charCount(codePoint);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** The byte of two hex digits at a position, or -1 when there are not two. */
	private static int hex(String source, int at, int end) {
		if (at + 1 >= end) {
			return -1;
		}
		int high = Character.digit(source.charAt(at), 16);
		int low = Character.digit(source.charAt(at + 1), 16);
		return (high < 0 || low < 0) ? -1 : (high << 4) | low;
	}

	@Override
	public String toString() {
		return "HandshakeRequest[pathVariables=" + this.pathVariables.keySet() + ", query="
				+ ((this.rawQuery != null) ? "******" : "none") + ", headers=" + sentHeaderNames() + "]";
	}

}
