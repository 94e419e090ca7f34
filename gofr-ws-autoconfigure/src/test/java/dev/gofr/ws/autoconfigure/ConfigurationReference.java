package dev.gofr.ws.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The property reference of {@code docs/configuration.md}, generated: every property of the
 * build's {@code spring-configuration-metadata.json}, and, for the map-valued groups that Boot's
 * metadata does not describe ({@code gofr.ws.endpoints.<name>.*}, {@code gofr.ws.clients.<name>.*}),
 * the fields of their classes ({@code EndpointProperties.java}, {@code ClientProperties.java} and
 * the groups they hold) with their javadoc. The table sits between two markers in the page, so
 * the prose around it stays hand-written.
 */
final class ConfigurationReference {

	static final String START = "<!-- properties:start (generated from the configuration metadata: do not edit by hand) -->";

	static final String END = "<!-- properties:end -->";

	private static final Pattern FIELD = Pattern.compile(
			"(?:/\\*\\*(?<doc>(?:(?!\\*/).)*?)\\*/\\s*)?private (?:final )?(?<type>[\\w.<>, @]+?) (?<name>\\w+)(?: = (?<init>[^;]+))?;",
			Pattern.DOTALL);

	private static final Pattern MAP_OF_GROUPS = Pattern
		.compile("java\\.util\\.Map<java\\.lang\\.String,dev\\.gofr\\.ws\\.autoconfigure\\.(\\w+)((?:\\$\\w+)*)>");

	private final JsonNode metadata;

	private final Path sources;

	/** The source of each properties class read so far, by the name of its file without {@code .java}. */
	private final Map<String, String> files = new HashMap<>();

	private ConfigurationReference(JsonNode metadata, Path sources) {
		this.metadata = metadata;
		this.sources = sources;
	}

	/**
	 * Read the metadata; the properties classes are read from their package's directory as the
	 * map-valued groups name them.
	 * @param metadataJson the generated {@code spring-configuration-metadata.json}
	 * @param propertiesSources the directory of {@code GofrWsProperties.java} and its groups' classes
	 * @return the reference
	 * @throws IOException when the metadata cannot be read
	 */
	static ConfigurationReference read(Path metadataJson, Path propertiesSources) throws IOException {
		return new ConfigurationReference(JsonMapper.builder().build().readTree(Files.readString(metadataJson)),
				propertiesSources);
	}

	/**
	 * One row of the table.
	 * @param name the property
	 * @param type the type as a reader says it
	 * @param defaultValue the default, as Markdown
	 * @param description the meaning
	 */
	record Row(String name, String type, String defaultValue, String description) {

		String markdown() {
			return "| `" + this.name + "` | " + this.type + " | " + this.defaultValue + " | " + this.description + " |";
		}

	}

	/**
	 * Every row, in the metadata's order, map-valued groups expanded where they stand.
	 * @return the rows
	 */
	List<Row> rows() {
		Map<String, Row> rows = new LinkedHashMap<>();
		for (JsonNode property : this.metadata.get("properties")) {
			String name = property.get("name").asString();
			String type = property.path("type").asString("");
			Matcher mapOfGroups = MAP_OF_GROUPS.matcher(type);
			if (mapOfGroups.matches()) {
				// a top-level class, or a class nested in one: Outer$Inner
				String nested = mapOfGroups.group(2);
				String className = nested.isEmpty() ? mapOfGroups.group(1) : nested.substring(nested.lastIndexOf('$') + 1);
				expand(name + ".<name>", mapOfGroups.group(1), className, rows);
				continue;
			}
			JsonNode defaultValue = property.get("defaultValue");
			rows.put(name, new Row(name, typeOf(type), (defaultValue != null) ? "`" + defaultValue.asString().replace('_', '-') + "`"
					: defaultFor(name, null, type), markdown(property.path("description").asString(""))));
		}
		return new ArrayList<>(rows.values());
	}

	/**
	 * The whole table, with its header.
	 * @return Markdown
	 */
	String table() {
		StringBuilder table = new StringBuilder("| property | type | default | meaning |\n| --- | --- | --- | --- |\n");
		for (Row row : rows()) {
			table.append(row.markdown()).append('\n');
		}
		return table.toString();
	}

	/**
	 * The page with its table replaced by the generated one.
	 * @param page the page's text
	 * @return the new text
	 */
	String updated(String page) {
		int start = page.indexOf(START);
		int end = page.indexOf(END);
		if (start < 0 || end < start) {
			throw new IllegalStateException("The page has no '" + START + "' ... '" + END + "' markers");
		}
		return page.substring(0, start + START.length()) + "\n\n" + table() + "\n" + page.substring(end);
	}

	private void expand(String prefix, String file, String className, Map<String, Row> rows) {
		String body = classBody(file, className);
		Matcher field = FIELD.matcher(body);
		while (field.find()) {
			if (depthAt(body, field.start()) != 0) {
				continue; // a field of a class nested deeper, or inside a method
			}
			String type = field.group("type").replace("@Nullable ", "").replace(".@Nullable", "").trim();
			String name = prefix + "." + kebab(field.group("name"));
			if (type.matches("\\w+") && classOpening(source(file), type).find()) {
				expand(name, file, type, rows);
				continue;
			}
			if (type.matches("\\w+") && Files.exists(this.sources.resolve(type + ".java"))) {
				expand(name, type, type, rows);
				continue;
			}
			if (type.startsWith("Map<String, String>")) {
				name = name + ".<" + singular(field.group("name")) + ">";
			}
			String description = javadoc(field.group("doc"));
			String defaultValue = defaultFor(name, field.group("init"), type);
			String global = nodeProperty(name);
			if (global != null && description.contains("on top of")) {
				// a route's connection limit adds to the node's instead of replacing it
				defaultValue = "none";
				description = "This route's own limit, counted on its connections alone, on top of {@code " + global + "}.";
			}
			else if (global != null && global.startsWith("gofr.ws.history.")) {
				// a route's history is a rule for the rooms it lists, tried before the node's
				description = "This route's own value of {@code " + global + "}, in its rule for the rooms it lists,"
						+ " tried before the node's (docs/recovery.md).";
			}
			else if (global != null) {
				description = "This route's own value of {@code " + global + "}, which it replaces.";
			}
			rows.put(name, new Row(name, typeOf(type), defaultValue, markdown(description)));
		}
	}

	private String classBody(String file, String className) {
		String source = source(file);
		Matcher opening = classOpening(source, className);
		if (!opening.find()) {
			throw new IllegalStateException(file + ".java has no class " + className);
		}
		int from = opening.end();
		int depth = 1;
		for (int i = from; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return source.substring(from, i);
			}
		}
		throw new IllegalStateException("Unbalanced braces in class " + className);
	}

	private String source(String file) {
		return this.files.computeIfAbsent(file, (name) -> {
			try {
				return Files.readString(this.sources.resolve(name + ".java"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Finds where a class of the properties opens, top-level or nested, whatever class it extends.
	 */
	private static Matcher classOpening(String source, String className) {
		return Pattern
			.compile("public (?:abstract )?(?:static )?class " + Pattern.quote(className) + "(?: extends \\w+)? \\{")
			.matcher(source);
	}

	private static int depthAt(String body, int index) {
		int depth = 0;
		for (int i = 0; i < index; i++) {
			char c = body.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}') {
				depth--;
			}
		}
		return depth;
	}

	/**
	 * The default of a field of a map value: for a route's setting that overrides a node-wide
	 * one, that property; else its initializer.
	 */
	private String defaultFor(String name, @Nullable String initializer, String type) {
		String global = nodeProperty(name);
		if (global != null) {
			return "`" + global + "`";
		}
		if (initializer != null) {
			return initializerValue(initializer.trim());
		}
		return switch (type) {
			case "boolean" -> "`false`";
			case "int", "long", "double" -> "`0`";
			default -> "none";
		};
	}

	/**
	 * The node-wide property a route's setting overrides, if there is one.
	 */
	private @Nullable String nodeProperty(String name) {
		String global = name.replaceFirst("^gofr\\.ws\\.endpoints\\.<name>\\.", "gofr.ws.");
		return (!global.equals(name) && hasProperty(global)) ? global : null;
	}

	private boolean hasProperty(String name) {
		for (JsonNode property : this.metadata.get("properties")) {
			if (property.get("name").asString().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static String initializerValue(String initializer) {
		Matcher duration = Pattern.compile("Duration\\.of(Millis|Seconds|Minutes)\\((\\d+)\\)").matcher(initializer);
		if (duration.matches()) {
			String unit = switch (duration.group(1)) {
				case "Millis" -> "ms";
				case "Seconds" -> "s";
				default -> "m";
			};
			return "`" + duration.group(2) + unit + "`";
		}
		Matcher size = Pattern.compile("DataSize\\.of(Bytes|Kilobytes|Megabytes)\\((\\d+)\\)").matcher(initializer);
		if (size.matches()) {
			String unit = switch (size.group(1)) {
				case "Bytes" -> "B";
				case "Kilobytes" -> "KB";
				default -> "MB";
			};
			return "`" + size.group(2) + unit + "`";
		}
		if (initializer.startsWith("new ")) {
			return "empty";
		}
		if (initializer.contains(".")) {
			Matcher constant = Pattern.compile("(?:\\w+\\.)+(\\w+)").matcher(initializer);
			if (constant.matches() && constant.group(1).equals(constant.group(1).toUpperCase(Locale.ROOT))
					&& !initializer.matches("[\\d.]+")) {
				return "`" + kebab(constant.group(1).toLowerCase(Locale.ROOT)) + "`";
			}
		}
		return "`" + initializer + "`";
	}

	private static String typeOf(String javaType) {
		String type = javaType.replace("java.lang.", "").replace("java.util.", "").replace("java.time.", "");
		return switch (type) {
			case "Boolean", "boolean" -> "boolean";
			case "Integer", "int", "Long", "long" -> "integer";
			case "Double", "double", "Float", "float" -> "number";
			case "String" -> "string";
			case "Duration" -> "duration";
			case "org.springframework.util.unit.DataSize", "DataSize" -> "data size";
			case "List<String>" -> "list of strings";
			case "Set<String>" -> "set of strings";
			case "Map<String, String>", "Map<String,String>" -> "string";
			default -> enumValues(type);
		};
	}

	private static String enumValues(String type) {
		String binary = type.replace("RateLimit.Action", "dev.gofr.ws.limit.RateLimit$Action");
		try {
			Class<?> enumType = Class.forName(binary);
			if (enumType.isEnum()) {
				return Arrays.stream(enumType.getEnumConstants())
					.map((constant) -> "`" + kebab(((Enum<?>) constant).name().toLowerCase(Locale.ROOT)) + "`")
					.collect(Collectors.joining(", "));
			}
		}
		catch (ClassNotFoundException ex) {
			// not a class this module can load: say the type as it is
		}
		return "`" + type + "`";
	}

	private static String javadoc(@Nullable String doc) {
		if (doc == null) {
			return "";
		}
		return Arrays.stream(doc.split("\n"))
			.map((line) -> line.trim().replaceFirst("^\\*\\s?", ""))
			.filter((line) -> !line.isEmpty())
			.collect(Collectors.joining(" "));
	}

	private static String markdown(String javadoc) {
		return javadoc.replaceAll("\\{@code ([^}]*)}", "`$1`")
			.replaceAll("\\{@link (?:[\\w.]+#)?([^}]*)}", "`$1`")
			.replace("|", "\\|")
			.trim();
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
	}

	private static String singular(String plural) {
		return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
	}

}
