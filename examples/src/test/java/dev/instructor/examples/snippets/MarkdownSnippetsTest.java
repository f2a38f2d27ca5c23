package dev.instructor.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the Java code blocks of the Markdown documents compiled: every {@code ```java} block is preceded by
 * {@code <!-- snippet:name -->} and equals, line by line and ignoring indentation, the region {@code // snippet:name}
 * ... {@code // end:name} of a Java source under {@code examples/src}, which the build compiles.
 */
class MarkdownSnippetsTest {
    private static final Pattern JAVA_BLOCK =
            Pattern.compile("(?:<!-- snippet:([\\w-]+) -->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern REGION =
            Pattern.compile("// snippet:([\\w-]+)\\n(.*?)\\n\\s*// end:\\1\\b", Pattern.DOTALL);

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/guide.md", "docs/architecture.md"})
    void everyJavaBlock_equalsItsCompiledRegion(String document) {
        Map<String, String> regions = regions();
        String markdown = read(Repository.root().resolve(document));
        Matcher block = JAVA_BLOCK.matcher(markdown);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String name = block.group(1);
            assertThat(name)
                    .as("%s: a java block without a <!-- snippet:name --> marker:%n%s", document, block.group(2))
                    .isNotNull();
            assertThat(regions)
                    .as("%s: no region // snippet:%s in examples/src", document, name)
                    .containsKey(name);
            assertThat(normalized(block.group(2)))
                    .as("%s: block %s differs from its compiled region", document, name)
                    .isEqualTo(normalized(regions.get(name)));
        }
        if (!document.equals("docs/architecture.md")) {
            assertThat(blocks).as("java blocks in %s", document).isPositive();
        }
    }

    private static Map<String, String> regions() {
        Map<String, String> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(Repository.root().resolve("examples/src"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher region = REGION.matcher(read(file));
                while (region.find()) {
                    String previous = regions.put(region.group(1), region.group(2));
                    assertThat(previous)
                            .as("region %s defined twice", region.group(1))
                            .isNull();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions;
    }

    // Indentation differs between a method body and a Markdown page; the words and line breaks must not.
    private static List<String> normalized(String code) {
        List<String> lines = new ArrayList<>();
        for (String line : code.strip().split("\n")) {
            lines.add(line.strip());
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
