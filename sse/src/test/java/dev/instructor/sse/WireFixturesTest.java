package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.Usage;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance fixtures of docs/wire-format.md, section 9: each case's steps, replayed through the server without
 * pacing, give exactly the bytes of its {@code .snapshot.sse} and {@code .delta.sse} files.
 *
 * <p>The steps list partial values; the server takes them from the real engine, so each attempt's partials are
 * rebuilt by feeding the JSON text of its last partial one character at a time and keeping the snapshots equal to
 * the listed values. A listed value the engine never shows fails the test, as does any byte of difference. An error
 * step's {@code attempt}, when present, is the number of attempts the stream reports started.
 */
class WireFixturesTest {
    private static final Path FIXTURES = Path.of("..", "clients", "js", "test", "fixtures", "wire-format");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path steps : files.sorted().toList()) {
                String name = steps.getFileName().toString();
                if (name.endsWith(".steps.json")) {
                    String fixture = name.substring(0, name.length() - ".steps.json".length());
                    cases.add(Arguments.of(fixture, SseFormat.SNAPSHOT));
                    cases.add(Arguments.of(fixture, SseFormat.DELTA));
                }
            }
        }
        assertThat(cases).as("fixtures in " + FIXTURES.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(10);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void steps_writtenWithoutPacing_matchTheFixtureBytes(String fixture, SseFormat format) throws IOException {
        JsonNode steps = JSON.readTree(FIXTURES.resolve(fixture + ".steps.json").toFile());
        StructuredSse sse = StructuredSse.builder()
                .partialInterval(Duration.ZERO)
                .heartbeat(Duration.ZERO)
                .errorMapper(failure -> failure instanceof FixtureFailure step ? step.error : null)
                .build();
        RecordingSink sink = new RecordingSink();

        FakePartialStream stream = new FakePartialStream(script(steps));
        int failedAttempt = failedAttempt(steps);
        if (failedAttempt > 0) {
            // An attempt that failed before its first partial: only the stream's count of started attempts knows it.
            stream.usagePerAttempt(() -> Collections.nCopies(failedAttempt, Usage.ZERO));
        }

        sse.stream(stream, format, sink);

        String expected =
                Files.readString(FIXTURES.resolve(fixture + "." + format.wireName() + ".sse"), StandardCharsets.UTF_8);
        assertThat(sink.text()).isEqualTo(expected);
    }

    /** Returns a script that makes the stream produce {@code steps}. */
    private static Script script(JsonNode steps) {
        Script script = new Script();
        List<JsonNode> attempt = new ArrayList<>();
        for (JsonNode step : steps) {
            String kind = step.get("kind").asString();
            if (kind.equals("partial")) {
                attempt.add(step.get("value"));
                continue;
            }
            enginePartials(attempt).forEach(script::partial);
            attempt.clear();
            switch (kind) {
                case "restart" -> script.restart();
                case "done" -> script.finish(JSON.writeValueAsString(step.get("value")));
                case "error" ->
                    script.fail(new FixtureFailure(new SseError(
                            step.get("type").asString(), step.get("message").asString())));
                default -> throw new IllegalArgumentException("unknown step kind " + kind);
            }
        }
        return script;
    }

    /** Returns the {@code attempt} an error step names, or 0 when it names none. */
    private static int failedAttempt(JsonNode steps) {
        for (JsonNode step : steps) {
            if (step.get("kind").asString().equals("error") && step.has("attempt")) {
                return step.get("attempt").asInt();
            }
        }
        return 0;
    }

    /** Returns the engine's snapshots equal to {@code values}, in order, read from the text of the last one. */
    private static List<PartialValue> enginePartials(List<JsonNode> values) {
        List<PartialValue> partials = new ArrayList<>();
        if (values.isEmpty()) {
            return partials;
        }
        String text = JSON.writeValueAsString(values.get(values.size() - 1));
        PartialJsonParser parser = PartialJsonParser.strict();
        int next = 0;
        for (int i = 0; i < text.length() && next < values.size(); i = text.offsetByCodePoints(i, 1)) {
            parser.feed(text.substring(i, text.offsetByCodePoints(i, 1)));
            PartialValue snapshot = parser.snapshot().orElse(null);
            if (snapshot != null && JSON.readTree(snapshot.toJson()).equals(values.get(next))) {
                partials.add(snapshot);
                next++;
            }
        }
        assertThat(next).as("engine snapshots matching the listed partials").isEqualTo(values.size());
        return partials;
    }

    /** A failure the test's error mapper turns into the step's error. */
    private static final class FixtureFailure extends RuntimeException {
        private final transient SseError error;

        FixtureFailure(SseError error) {
            super(error.message());
            this.error = error;
        }
    }
}
