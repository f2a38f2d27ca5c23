package dev.instructor;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.List;

/** A response model's checks run on one answer, their violations as {@code "path message"} lines to assert on. */
final class CheckRuns {
    private CheckRuns() {}

    /** The violations {@code parseAndValidate} reports for {@code json}, none when it accepts it. */
    static List<String> violations(ResponseModel<?> model, String json) {
        try {
            model.parseAndValidate(json, ValidationContext.empty());
            return List.of();
        } catch (ValidationException e) {
            return e.violations().stream()
                    .map(v -> v.path() + " " + v.message())
                    .toList();
        }
    }

    /**
     * The violations the streaming checks report for {@code json} fed one char at a time, each line starting with the
     * number of chars read when it was reported.
     */
    static List<String> streamed(ResponseModel<?> model, String json) {
        List<String> found = new ArrayList<>();
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        for (int i = 0; i < json.length(); i++) {
            parser.feed(json.substring(i, i + 1));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                for (Violation violation : validator.check(snapshot, parser.completedPaths())) {
                    found.add((i + 1) + " " + violation.path() + " " + violation.message());
                }
            }
        }
        return found;
    }

    /** A violation the streaming checks reported, as a {@code "path message"} line, and how many chars had been fed. */
    record Reported(String line, int offset) {}

    /** Streams {@code json} in chunks of {@code chunk} chars (0: whole) through the model's streaming checks. */
    static List<Reported> reported(ResponseModel<?> model, String json, int chunk) {
        int step = chunk == 0 ? json.length() : chunk;
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        List<Reported> found = new ArrayList<>();
        for (int i = 0; i < json.length(); i += step) {
            int end = Math.min(json.length(), i + step);
            parser.feed(json.substring(i, end));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                for (Violation violation : validator.check(snapshot, parser.completedPaths())) {
                    found.add(new Reported(violation.path() + " " + violation.message(), end));
                }
            }
        }
        return found;
    }

    /** The lines of {@code found}, in the order reported. */
    static List<String> lines(List<Reported> found) {
        return found.stream().map(Reported::line).toList();
    }
}
