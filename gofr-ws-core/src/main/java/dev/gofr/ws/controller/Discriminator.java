package dev.gofr.ws.controller;

import org.jspecify.annotations.Nullable;

/**
 * Reads the string value of one top-level field of a JSON object, such as {@code type} in
 * {@code {"type":"say","text":"hi"}}, by a scan of the text that stops at the field: no tree, no
 * parser, and nothing allocated but the value. The message is then bound once, by the codec,
 * which also reports any malformed JSON; text that is not a JSON object simply has no such field.
 * <p>
 * A {@link ControllerHandler} tells its messages apart with one; the authorization of messages by
 * type ({@code dev.gofr.ws.security}) reads their type with the route's. Immutable.
 */
public final class Discriminator {

	/** The field that a controller's messages are told apart by, unless it names another. */
	public static final String DEFAULT_FIELD = "type";

	private final String field;

	/**
	 * A reader of the given field.
	 * @param field the field's name, such as {@code type}
	 */
	public Discriminator(String field) {
		this.field = field;
	}

	/**
	 * The field's name.
	 * @return the name
	 */
	public String field() {
		return this.field;
	}

	/**
	 * The value of the field in a JSON object.
	 * @param json the text of the message
	 * @return the value, or {@code null} when the text is not an object, has no such field at its
	 * top level, or holds something other than a string in it
	 */
	public @Nullable String read(String json) {
		int length = json.length();
		int i = skipSpace(json, 0);
		if (i >= length || json.charAt(i) != '{') {
			return null;
		}
		i = skipSpace(json, i + 1);
		while (i < length && json.charAt(i) == '"') {
			int keyEnd = endOfString(json, i + 1);
			if (keyEnd < 0) {
				return null;
			}
			boolean match = isField(json, i + 1, keyEnd);
			i = skipSpace(json, keyEnd + 1);
			if (i >= length || json.charAt(i) != ':') {
				return null;
			}
			i = skipSpace(json, i + 1);
			if (match) {
				if (i >= length || json.charAt(i) != '"') {
					return null;
				}
				int valueEnd = endOfString(json, i + 1);
				return (valueEnd < 0) ? null : unescape(json, i + 1, valueEnd);
			}
			i = skipSpace(json, skipValue(json, i));
			if (i >= length || json.charAt(i) != ',') {
				return null;
			}
			i = skipSpace(json, i + 1);
		}
		return null;
	}

	private boolean isField(String json, int start, int end) {
		if (!hasEscape(json, start, end)) {
			return end - start == this.field.length() && json.regionMatches(start, this.field, 0, end - start);
		}
		return this.field.equals(unescape(json, start, end));
	}

	private static boolean hasEscape(String json, int start, int end) {
		for (int i = start; i < end; i++) {
			if (json.charAt(i) == '\\') {
				return true;
			}
		}
		return false;
	}

	private static int skipSpace(String json, int from) {
		int i = from;
		while (i < json.length()) {
			char c = json.charAt(i);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				break;
			}
			i++;
		}
		return i;
	}

	/**
	 * The index of the quote that ends a string whose content starts at {@code from}.
	 * @return the index, or -1 when the text ends first
	 */
	private static int endOfString(String json, int from) {
		for (int i = from; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The index just after a value starting at {@code from}: a string, an object or array with all
	 * it holds, or a number, literal or anything else up to the next delimiter.
	 */
	private static int skipValue(String json, int from) {
		int length = json.length();
		if (from >= length) {
			return length;
		}
		char first = json.charAt(from);
		if (first == '"') {
			int end = endOfString(json, from + 1);
			return (end < 0) ? length : end + 1;
		}
		if (first == '{' || first == '[') {
			int depth = 0;
			for (int i = from; i < length; i++) {
				char c = json.charAt(i);
				if (c == '"') {
					i = endOfString(json, i + 1);
					if (i < 0) {
						return length;
					}
				}
				else if (c == '{' || c == '[') {
					depth++;
				}
				else if ((c == '}' || c == ']') && --depth == 0) {
					return i + 1;
				}
			}
			return length;
		}
		int i = from;
		while (i < length && ",}] \t\n\r".indexOf(json.charAt(i)) < 0) {
			i++;
		}
		return i;
	}

	/**
	 * The content of a string, its escapes decoded; a substring when it has none.
	 */
	private static String unescape(String json, int start, int end) {
		if (!hasEscape(json, start, end)) {
			return json.substring(start, end);
		}
		StringBuilder text = new StringBuilder(end - start);
		for (int i = start; i < end; i++) {
			char c = json.charAt(i);
			if (c != '\\' || i + 1 >= end) {
				text.append(c);
				continue;
			}
			char escaped = json.charAt(++i);
			switch (escaped) {
				case 'n' -> text.append('\n');
				case 't' -> text.append('\t');
				case 'r' -> text.append('\r');
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'u' -> {
					if (i + 4 < end) {
						text.append(hexChar(json, i + 1));
						i += 4;
					}
				}
				default -> text.append(escaped);
			}
		}
		return text.toString();
	}

	private static char hexChar(String json, int start) {
		try {
			return (char) Integer.parseInt(json, start, start + 4, 16);
		}
		catch (NumberFormatException ex) {
			return '\uFFFD'; // not JSON; the codec reports it when it binds
		}
	}

}
