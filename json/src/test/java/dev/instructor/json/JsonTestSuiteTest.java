package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the JSONTestSuite corpus (see {@code src/test/resources/jsontestsuite/README.md}) through a strict parser:
 * every {@code y_} file is accepted with the value Jackson reads, every {@code n_} file is rejected with a
 * {@link JsonParseException}, and no {@code i_} file makes it throw anything else. Each file is fed whole, one unit
 * at a time, and cut in two at every position, as bytes and (when it is valid UTF-8) as chars.
 */
class JsonTestSuiteTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /**
     * Beyond this position, two-chunk cuts are sampled: only the two stress files are longer, and they fail within
     * their first few thousand units, so later cuts all behave like the whole file.
     */
    private static final int EVERY_CUT_UP_TO = 6_000;

    private static final String[] FILES = readIndex();

    static Stream<String> accepted() {
        return files("y_");
    }

    static Stream<String> rejected() {
        return files("n_");
    }

    static Stream<String> implementationDefined() {
        return files("i_");
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void strict_acceptsWithJacksonsValue(String file) {
        byte[] bytes = read(file);
        JsonNode expected = MAPPER.readTree(bytes);
        for (Feeding feeding : feedings(bytes)) {
            PartialJsonParser parser = PartialJsonParser.strict();
            feeding.feed().accept(parser);
            PartialValue value = parser.finish();
            assertThat(MAPPER.readTree(value.toJson())).as(feeding.name()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void strict_rejectsWithParseException(String file) {
        for (Feeding feeding : feedings(read(file))) {
            PartialJsonParser parser = PartialJsonParser.strict();
            assertThatThrownBy(() -> {
                        feeding.feed().accept(parser);
                        parser.finish();
                    })
                    .as(feeding.name())
                    .isInstanceOf(JsonParseException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("implementationDefined")
    void strict_acceptsOrRejectsWithoutOtherErrors(String file) {
        for (Feeding feeding : feedings(read(file))) {
            PartialJsonParser parser = PartialJsonParser.strict();
            Throwable thrown = catchThrowable(() -> {
                feeding.feed().accept(parser);
                parser.finish().toJson();
            });
            if (thrown != null) {
                assertThat(thrown).as(feeding.name()).isInstanceOf(JsonParseException.class);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void lenient_neverThrowsOtherErrors(String file) {
        byte[] bytes = read(file);
        PartialJsonParser parser = PartialJsonParser.lenient();
        Throwable thrown = catchThrowable(() -> {
            parser.feed(bytes, 0, bytes.length);
            parser.finish();
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(JsonParseException.class);
        }
    }

    private record Feeding(String name, Consumer<PartialJsonParser> feed) {}

    /** Whole, one unit at a time, and every two-chunk cut; as bytes, and as chars when the file is UTF-8. */
    private static List<Feeding> feedings(byte[] bytes) {
        List<Feeding> feedings = new ArrayList<>();
        feedings.add(new Feeding("bytes whole", parser -> parser.feed(bytes, 0, bytes.length)));
        feedings.add(new Feeding("bytes one at a time", parser -> {
            for (int i = 0; i < bytes.length; i++) {
                parser.feed(bytes, i, 1);
            }
        }));
        for (int cut : cuts(bytes.length)) {
            feedings.add(new Feeding("bytes cut at " + cut, parser -> feedBytesUntilFailure(parser, bytes, cut)));
        }
        String text = decodeStrictly(bytes);
        if (text != null) {
            feedings.add(new Feeding("chars whole", parser -> parser.feed(text)));
            feedings.add(new Feeding("chars one at a time", parser -> {
                for (int i = 0; i < text.length(); i++) {
                    parser.feed(text.subSequence(i, i + 1));
                }
            }));
            for (int cut : cuts(text.length())) {
                feedings.add(new Feeding("chars cut at " + cut, parser -> {
                    parser.feed(text.substring(0, cut));
                    parser.feed(text.substring(cut));
                }));
            }
        }
        return feedings;
    }

    private static void feedBytesUntilFailure(PartialJsonParser parser, byte[] bytes, int cut) {
        parser.feed(bytes, 0, cut);
        parser.feed(bytes, cut, bytes.length - cut);
    }

    private static List<Integer> cuts(int length) {
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 0; cut <= length; cut += cut < EVERY_CUT_UP_TO ? 1 : 997) {
            cuts.add(cut);
        }
        return cuts;
    }

    private static String decodeStrictly(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Stream<String> files(String prefix) {
        return Stream.of(FILES).filter(name -> name.startsWith(prefix));
    }

    private static byte[] read(String file) {
        try (InputStream in = JsonTestSuiteTest.class.getResourceAsStream("/jsontestsuite/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] readIndex() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(
                    JsonTestSuiteTest.class.getResource("/jsontestsuite/").toURI());
            try (Stream<java.nio.file.Path> paths = java.nio.file.Files.list(dir)) {
                return paths.map(path -> path.getFileName().toString())
                        .filter(name -> name.endsWith(".json"))
                        .sorted()
                        .toArray(String[]::new);
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
