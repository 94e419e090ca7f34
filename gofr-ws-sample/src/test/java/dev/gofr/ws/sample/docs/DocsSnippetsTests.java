package dev.gofr.ws.sample.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the docs compiles against the product as it is, so the docs cannot drift
 * from the API. Each {@code ```java} block of {@code README.md} and {@code docs/} is compiled with
 * the sample's test class path: a block that declares types is compiled as a source file, one
 * that declares methods as the body of a class, and any other as the body of a method. Imports
 * of every gofr-ws package and of the usual Spring, JDK and test packages are added, and the
 * names snippets take for granted ({@code connection}, {@code message}, {@code broadcaster}…)
 * are fields of {@link SnippetContext}. A block that is deliberately not Java (a sketch with
 * {@code ...}) is preceded by the line {@code <!-- snippet: not compiled -->}.
 */
class DocsSnippetsTests {

	private static final Path ROOT = Path.of("..");

	private static final String SKIP = "<!-- snippet: not compiled -->";

	private static final String CONTEXT = "<!-- snippet-context:";

	private static final Pattern TYPE_DECLARATION = Pattern
		.compile("(?m)^(?:public |final |abstract |sealed )*(?:class|record|interface|enum|@interface) \\w+");

	private static final Pattern MEMBER_DECLARATION = Pattern.compile(
			"(?m)^(?:@\\w+(?:\\(.*\\))?|(?:public |protected |private |static |final )*[\\w<>\\[\\], ?.@]+ \\w+\\([^;]*\\)\\s*(?:throws [\\w., ]+)?\\s*\\{)\\s*$");

	@TestFactory
	Stream<DynamicTest> everyJavaSnippetCompiles() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Path page : pages()) {
			List<String> lines = Files.readAllLines(page);
			for (int i = 0; i < lines.size(); i++) {
				if (!lines.get(i).trim().equals("```java")) {
					continue;
				}
				int start = i + 1;
				int end = start;
				while (end < lines.size() && !lines.get(end).trim().equals("```")) {
					end++;
				}
				String previous = previousNonBlank(lines, i);
				String context = previous.startsWith(CONTEXT)
						? previous.substring(CONTEXT.length(), previous.length() - "-->".length()) : "";
				String snippet = String.join("\n", lines.subList(start, end));
				String name = ROOT.relativize(page) + ":" + start;
				if (!previous.equals(SKIP)) {
					tests.add(DynamicTest.dynamicTest(name, () -> assertCompiles(name, snippet, context)));
				}
				i = end;
			}
		}
		assertThat(tests).as("Java snippets found in the docs").isNotEmpty();
		return tests.stream();
	}

	private static String previousNonBlank(List<String> lines, int index) {
		for (int i = index - 1; i >= 0; i--) {
			if (!lines.get(i).isBlank()) {
				return lines.get(i).trim();
			}
		}
		return "";
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	private static void assertCompiles(String name, String snippet, String context) throws IOException {
		String source = source(snippet, context);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		StringWriter output = new StringWriter();
		Path classes = Files.createTempDirectory("snippet");
		List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
				"-proc:none", "-Xlint:none", "-nowarn");
		boolean compiled = compiler
			.getTask(output, null, diagnostics, options, null, List.of(new Source("snippets/Snippet.java", source)))
			.call();
		String errors = diagnostics.getDiagnostics()
			.stream()
			.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
			.map((diagnostic) -> "line " + diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT))
			.collect(Collectors.joining("\n"));
		assertThat(compiled).as("the snippet at %s compiles; errors:%n%s%nas compiled:%n%s", name, errors, numbered(source))
			.isTrue();
	}

	private static String numbered(String source) {
		String[] lines = source.split("\n");
		StringBuilder numbered = new StringBuilder();
		for (int i = 0; i < lines.length; i++) {
			numbered.append(String.format("%4d  %s%n", i + 1, lines[i]));
		}
		return numbered.toString();
	}

	static String source(String snippet, String context) throws IOException {
		StringBuilder imports = new StringBuilder();
		StringBuilder fields = new StringBuilder();
		StringBuilder body = new StringBuilder();
		for (String line : snippet.split("\n")) {
			if (line.startsWith("import ")) {
				imports.append(line).append('\n');
			}
			else if (line.matches("@Autowired [\\w<>, ?]+ \\w+;.*")) {
				fields.append(line).append('\n'); // "an injected bean, then what to do with it"
			}
			else if (!line.startsWith("package ") && !line.trim().equals("@Override")) {
				body.append(line).append('\n');
			}
		}
		StringBuilder source = new StringBuilder("package snippets;\n");
		source.append(imports);
		for (String pkg : gofrPackages()) {
			source.append("import ").append(pkg).append(".*;\n");
		}
		source.append(String.join("\n", SnippetContext.IMPORTS)).append('\n');
		String code = body.toString();
		if (TYPE_DECLARATION.matcher(code).find() || MEMBER_DECLARATION.matcher(code).find()) {
			// types become nested types, so that a block may mix them with bean methods
			source.append("class Snippet extends dev.gofr.ws.sample.docs.SnippetContext {\n")
				.append(fields)
				.append(code)
				.append("}\n");
		}
		else {
			String statements = code.strip();
			boolean expression = Arrays.stream(statements.split("\n"))
				.map((line) -> line.replaceAll("\\s*//.*$", "").strip())
				.noneMatch((line) -> line.endsWith(";") || line.endsWith("}") || line.endsWith("{"));
			if (expression) {
				statements = "Object value = " + statements + ";"; // an expression, such as a route
			}
			source.append("class Snippet extends dev.gofr.ws.sample.docs.SnippetContext {\n")
				.append(fields)
				.append("void snippet() throws Exception {\n")
				.append(statements)
				.append("\n}\n}\n");
		}
		source.append(context).append('\n');
		return source.toString();
	}

	private static List<String> gofrPackages() throws IOException {
		List<String> packages = new ArrayList<>();
		try (Stream<Path> modules = Files.list(ROOT)) {
			for (Path module : modules.filter((path) -> path.getFileName().toString().startsWith("gofr-ws-")).toList()) {
				Path sources = module.resolve("src/main/java");
				if (!Files.isDirectory(sources) || module.getFileName().toString().matches("gofr-ws-(bench|sample)")) {
					continue;
				}
				try (Stream<Path> infos = Files.walk(sources)) {
					infos.filter((path) -> path.getFileName().toString().equals("package-info.java"))
						.map((path) -> sources.relativize(path.getParent()).toString().replace('/', '.'))
						.forEach(packages::add);
				}
			}
		}
		return packages;
	}

	private static final class Source extends SimpleJavaFileObject {

		private final String code;

		Source(String path, String code) {
			super(URI.create("string:///" + path), Kind.SOURCE);
			this.code = code;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.code;
		}

	}

}
