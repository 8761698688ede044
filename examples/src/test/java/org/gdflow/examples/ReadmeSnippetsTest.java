package org.gdflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of the README and of docs/PLUGINS.md that starts with its imports compiles as
 * shown, against gdflow's classes: a user can paste it. A snippet of PLUGINS.md marked
 * {@code <!-- from FILE -->} is still in that file, word for word.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public (?:final )?class (\\w+)");

    @TempDir
    Path out;

    /** The ```java blocks of {@code markdown} that begin with an import: whole compilation units. */
    static List<String> units(String markdown) {
        List<String> units = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            if (m.group(1).startsWith("import ")) {
                units.add(m.group(1));
            }
        }
        return units;
    }

    /** The compiler's errors for {@code units}, one line each; empty when all compile. */
    private List<String> compile(List<String> units) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> sources = new ArrayList<>();
        for (String unit : units) {
            Matcher name = CLASS.matcher(unit);
            assertTrue(name.find(), "a snippet with imports declares a public class:\n" + unit);
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return unit;
                }
            });
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        javac.getTask(new StringWriter(), null, diagnostics,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString()), null, sources).call();
        List<String> errors = new ArrayList<>();
        diagnostics.getDiagnostics().forEach(d -> errors.add(d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null)));
        return errors;
    }

    @Test
    void theReadmesJavaSnippetsCompile() throws IOException {
        List<String> units = units(Files.readString(Path.of("..", "README.md")));
        assertTrue(units.size() >= 2, "the README's Java snippets with imports: " + units.size());
        assertEquals(List.of(), compile(units));
        for (String unit : units) {
            Matcher name = CLASS.matcher(unit);
            name.find();
            assertTrue(Files.exists(out.resolve(name.group(1) + ".class")), name.group(1));
        }
    }

    @Test
    void thePluginGuidesJavaSnippetsCompileAndItsQuotesAreInTheirFiles() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "PLUGINS.md"));
        List<String> units = units(guide);
        assertEquals(1, units.size(), "the guide's Java snippets with imports");
        assertEquals(List.of(), compile(units));
        List<String> quoted = new ArrayList<>();
        Matcher m = QUOTE.matcher(guide);
        while (m.find()) {
            String source = Files.readString(Path.of("..").resolve(m.group(1)));
            assertTrue(source.contains(m.group(2)), m.group(1) + " no longer holds:\n" + m.group(2));
            quoted.add(m.group(1));
        }
        assertTrue(quoted.size() >= 4, "quotes found: " + quoted);
    }

    /** {@code <!-- from FILE -->} and the fenced block after it. */
    private static final Pattern QUOTE = Pattern.compile("<!-- from (\\S+) -->\n```\\w*\n(.*?)```", Pattern.DOTALL);

    @Test
    void aSnippetThatDoesNotCompileIsCaught() {
        String broken = "import org.gdflow.core.Gdflow;\n\npublic class Broken {\n    Gdflow g = Gdflow.discovr();\n}\n";
        assertEquals(List.of(broken), units("text\n```java\n" + broken + "```\n```java\nGdflow g;\n```\n"));
        List<String> errors = compile(List.of(broken));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("ERROR line 4: cannot find symbol"), errors.get(0));
    }
}
