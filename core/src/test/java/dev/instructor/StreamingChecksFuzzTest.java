package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.valueextraction.Unwrapping;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Streams seeded random documents of constrained types through the engine and a {@link StreamingValidator} at several
 * chunkings (one char at a time, random chunks of 1 to 7 chars, whole) and compares what the checks report with the
 * final validation of the whole answer. Fail-fast re-asks on the first streaming violation, so the checks must be
 * sound: every violation they report is one the final value has, with its path, message and rejected value (for a
 * value reported while still open, a prefix of the final string or a list no longer than the final one), and a path
 * with a rejected value points at a value in the snapshot, under the name written (some members are written under an
 * alias). A value later replaced by a repeated key may have been reported as it was first written: its violation must
 * then be one of the document with that key keeping its first value. Each violation is reported once per stream, and
 * {@code check} throws for no input, values of the wrong kind included.
 *
 * <p>Completeness where the guide promises it: every final violation of a document without repeated keys is reported
 * by the end of the stream (every value, the root included, completes by then), and one char at a time, a string or
 * list property that passes its {@code @Size(max)} is reported while still open, except for the kinds that are checked
 * only once complete by design ({@link #CHECKED_ONLY_COMPLETE}).
 */
class StreamingChecksFuzzTest {
    /**
     * Documents are drawn from seeds {@code FIRST_SEED} on; to replay a failure, start at its seed with one document.
     */
    private static final long FIRST_SEED = 7_000;

    private static final int DOCUMENTS = 400;

    /**
     * The values that pass a size upper bound and are reported only when complete, not while open: a set (repeated
     * items collapse in it), a member of a union object written before its type id (its subtype, hence its
     * constraints, is not known yet), and a property with an alias, of which Jackson keeps the member written last
     * (the other name may still follow). A container element, such as a list item or the content of
     * {@code Optional<@Size String>} or a row of {@code List<@Size List<String>>}, is measured while open as a property
     * is.
     */
    private static final Set<String> CHECKED_ONLY_COMPLETE = Set.of(
            "/labels",
            "/tags",
            "/keywords",
            "/figure/color",
            "/figures/*/color",
            "/figure/colour",
            "/figures/*/colour",
            "/figure/marks",
            "/figures/*/marks");

    private static final java.util.regex.Pattern SIZE_MESSAGE =
            java.util.regex.Pattern.compile("size must be between \\d+ and (\\d+)");

    // ----- the constrained types -----

    @DistinctEnds
    record Trip(@NotNull String from, String to) implements DistinctEnds.Ends {
        @Override
        public Object start() {
            return from;
        }

        @Override
        public Object end() {
            return to;
        }
    }

    record Address(
            @JsonAlias("town") @NotBlank String city,

            @Size(min = 5, max = 5) @Pattern(regexp = "[0-9]*")
            String zip) {}

    record Stay(
            int nights,

            @JsonProperty("max_nights") @JsonAlias("limit") @Max(14)
            int maxNights) {
        @AssertTrue(message = "nights must not exceed max_nights")
        public boolean isWithinLimit() {
            return nights <= maxNights;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Circle.class), @JsonSubTypes.Type(Square.class)})
    sealed interface Figure permits Circle, Square {}

    @JsonTypeName("circle")
    record Circle(
            @Positive double radius,
            @JsonAlias("colour") @Size(max = 6) String color) implements Figure {}

    @JsonTypeName("square")
    record Square(
            @DecimalMax("10") BigDecimal side,
            @Size(max = 2) List<@NotBlank String> marks) implements Figure {}

    record Profile(
            @JsonProperty("full_name") @NotBlank @Size(min = 2, max = 12)
            String name,

            @JsonAlias("keywords") @Size(min = 1, max = 3) List<@NotBlank String> tags,
            List<@Size(max = 3) String> codes,
            @NotNull @Min(1) @Max(120) Integer age,
            @Positive long visits,
            @Min(-5) @DecimalMax("10.5") double score,
            @Positive @DecimalMax("99.99") BigDecimal price,
            @Pattern(regexp = "[a-z]+(-[a-z]+)*") String slug,
            @NotEmpty List<String> aliases,
            @Valid Address home,
            Address work,
            Optional<@Size(max = 4) String> nickname,

            @Size(max = 4, payload = Unwrapping.Unwrap.class)
            Optional<String> motto,

            Optional<Address> office,
            Map<String, @Min(1) Integer> counts,
            Figure figure,
            @Size(max = 3) List<Figure> figures,
            Stay stay,
            Trip trip,
            @Size(max = 2) Set<String> labels,
            @Size(max = 2) String[] lines,
            List<@Size(max = 2) List<String>> rows) {}

    record Idea(
            @JsonAlias("headline") @NotBlank String title,
            @Size(max = 20) String blurb,
            @Min(1) int votes) {
        @AssertTrue(message = "blurb must differ from title")
        public boolean isDistinct() {
            return blurb == null || !blurb.equals(title);
        }
    }

    private static final ResponseModel<Profile> PROFILE = ResponseModel.of(Profile.class);
    private static final ResponseModel<List<Idea>> IDEAS = ResponseModel.of(new TypeRef<List<Idea>>() {});

    // ----- the property -----

    @Test
    void streamingViolations_areFinalOnes_reportedOnce_andAllReportedByTheEnd() {
        Coverage coverage = new Coverage();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + DOCUMENTS; seed++) {
            Random random = new Random(seed);
            ConstrainedDocuments documents = new ConstrainedDocuments(random);
            if (seed % 3 == 0) {
                checkDocument(IDEAS, documents.ideas(), seed, random, coverage);
            } else {
                checkDocument(PROFILE, documents.profile(), seed, random, coverage);
            }
        }
        System.out.println(coverage);

        assertThat(coverage.neverReported)
                .as("final violations the streaming checks never reported")
                .isEmpty();
        assertThat(coverage.reportedOnlyComplete.keySet())
                .as("size bounds passed by an open value but reported only once it completed")
                .isSubsetOf(CHECKED_ONLY_COMPLETE);
        // The documents exercise what they are meant to: else the checks above could not fail.
        assertThat(coverage.unbound).isBetween(DOCUMENTS / 10, DOCUMENTS / 3);
        assertThat(coverage.withRepeats).isGreaterThan(DOCUMENTS / 10);
        assertThat(coverage.reportedOpen).isGreaterThan(DOCUMENTS);
        assertThat(coverage.reportedFirstValue).isPositive();
        assertThat(coverage.finals).isGreaterThan(DOCUMENTS * 5);
    }

    /** What the streams covered, and the final violations they reported late or never. */
    private static final class Coverage {
        int documents;
        int unbound;
        int withRepeats;
        int streams;
        int reported;
        int reportedOpen;
        int reportedFirstValue;
        int finals;
        final List<String> neverReported = new ArrayList<>();
        final Map<String, Integer> reportedOnlyComplete = new TreeMap<>();

        @Override
        public String toString() {
            return "StreamingChecksFuzzTest: " + documents + " documents (" + unbound + " not bound, " + withRepeats
                    + " with a repeated key), " + streams + " streams, " + reported + " streaming violations ("
                    + reportedOpen + " of open values, " + reportedFirstValue + " of values replaced later), " + finals
                    + " final violations; size bounds checked only once complete: " + reportedOnlyComplete;
        }
    }

    /** A violation a stream reported, and whether the value at its path was still open when it was. */
    record Reported(Violation violation, boolean open) {}

    private static <T> void checkDocument(
            ResponseModel<T> model, JsonTree tree, long seed, Random random, Coverage coverage) {
        String json = tree.write(random);
        Set<JsonPointer> repeated = new HashSet<>();
        tree.collectRepeated(JsonPointer.root(), repeated);
        List<Violation> finals = finalViolations(model, json);
        List<List<Violation>> firstValueFinals = null; // made when first needed: few documents repeat a key
        coverage.documents++;
        coverage.unbound += finals == null ? 1 : 0;
        coverage.withRepeats += repeated.isEmpty() ? 0 : 1;
        coverage.finals += finals == null ? 0 : finals.size();
        List<List<String>> chunkings =
                List.of(Streamer.chunks(json, 1), Streamer.randomChunks(json, random, 7), List.of(json));
        for (List<String> chunks : chunkings) {
            String where = "seed " + seed + ", " + describe(chunks) + ", document " + json;
            List<Reported> reported = stream(model, chunks, where);
            coverage.streams++;
            coverage.reported += reported.size();
            assertReportedOnce(reported, where);
            if (finals == null) {
                continue; // the answer does not bind: the checks only had to keep quiet about it, not agree
            }
            for (Reported one : reported) {
                coverage.reportedOpen += one.open() ? 1 : 0;
                if (matchesOne(one, finals)) {
                    continue;
                }
                if (firstValueFinals == null) {
                    firstValueFinals = firstValueFinals(model, tree, repeated, new Random(seed));
                }
                if (!matchesAny(one, firstValueFinals)) {
                    fail(
                            "%s: streaming violation %s is not a final one: %s (repeated members %s: %s)",
                            where, one, finals, repeated, firstValueFinals);
                }
                coverage.reportedFirstValue++;
            }
            if (repeated.isEmpty()) {
                checkComplete(finals, reported, chunks.size() == json.length() ? json : null, where, coverage);
            }
        }
    }

    private static String describe(List<String> chunks) {
        if (chunks.size() == 1) {
            return "whole";
        }
        if (chunks.size() == String.join("", chunks).length()) {
            return "one char at a time";
        }
        List<Integer> sizes = new ArrayList<>();
        for (String chunk : chunks) {
            sizes.add(chunk.length());
        }
        return "chunks of " + sizes;
    }

    /**
     * Returns the final violations of {@code json}, their paths naming the members written, or null when it does not
     * bind.
     */
    private static <T> List<Violation> finalViolations(ResponseModel<T> model, String json) {
        T value;
        try {
            value = model.parse(json);
        } catch (ValidationException e) {
            return null;
        }
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(json);
        return model.validate(value, parser.finish(), ValidationContext.empty());
    }

    /**
     * Returns the final violations of the document written with some of its repeated members keeping their first value
     * rather than the last, for every choice of such members (the first six).
     */
    private static <T> List<List<Violation>> firstValueFinals(
            ResponseModel<T> model, JsonTree tree, Set<JsonPointer> repeated, Random random) {
        List<JsonPointer> members = new ArrayList<>(repeated);
        List<List<Violation>> out = new ArrayList<>();
        for (int choice = 1; choice < 1 << Math.min(members.size(), 6); choice++) {
            Set<JsonPointer> firstOnly = new HashSet<>();
            for (int i = 0; i < members.size(); i++) {
                if ((choice & 1 << i) != 0) {
                    firstOnly.add(members.get(i));
                }
            }
            List<Violation> violations = finalViolations(model, tree.write(random, firstOnly));
            if (violations != null) {
                out.add(violations);
            }
        }
        return out;
    }

    /** Feeds {@code chunks} to the engine and the checks, as a stream does, and returns what the checks reported. */
    private static List<Reported> stream(ResponseModel<?> model, List<String> chunks, String where) {
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        List<Reported> reported = new ArrayList<>();
        for (String chunk : chunks) {
            parser.feed(chunk);
            PartialValue snapshot = parser.current();
            if (snapshot == null) {
                continue;
            }
            List<Violation> found;
            try {
                found = validator.check(snapshot, parser.completedPaths());
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": check threw after " + snapshot.toJson(), e);
            }
            for (Violation violation : found) {
                PartialValue at = valueAt(snapshot, violation.path());
                // A rejected value is in the document where the path says, under the name written (an alias too).
                assertThat(at != null || violation.rejectedValue() == null)
                        .as("%s: %s points at no value in %s", where, violation, snapshot.toJson())
                        .isTrue();
                reported.add(new Reported(violation, at != null && !at.isComplete()));
            }
        }
        parser.finish();
        return reported;
    }

    private static void assertReportedOnce(List<Reported> reported, String where) {
        Set<String> seen = new HashSet<>();
        for (Reported one : reported) {
            assertThat(seen.add(key(one.violation())))
                    .as("%s: %s reported twice in %s", where, one.violation(), reported)
                    .isTrue();
        }
    }

    private static String key(Violation violation) {
        return violation.path() + " " + violation.message();
    }

    private static boolean matchesAny(Reported one, List<List<Violation>> finals) {
        for (List<Violation> violations : finals) {
            if (matchesOne(one, violations)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns true when a final violation has the reported one's path and message, and a rejected value it agrees
     * with.
     */
    private static boolean matchesOne(Reported one, List<Violation> finals) {
        Violation streamed = one.violation();
        for (Violation last : finals) {
            if (key(last).equals(key(streamed))
                    && rejectedAgrees(one.open(), streamed.rejectedValue(), last.rejectedValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rejected value of a complete value is the final one; that of an open value is the text so far, which the
     * final text starts with, or as many items as the list had so far, which the final list has at least.
     */
    private static boolean rejectedAgrees(boolean open, Object streamed, Object last) {
        if (!open) {
            return Objects.deepEquals(streamed, last);
        }
        if (streamed instanceof CharSequence prefix) {
            return last instanceof CharSequence text && text.toString().startsWith(prefix.toString());
        }
        int size = sizeOf(streamed);
        return size >= 0 && sizeOf(last) >= size;
    }

    /** Returns the UTF-16 length of text, the size of a collection or array, or -1 for any other value. */
    private static int sizeOf(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> items) {
            return items.size();
        }
        return value != null && value.getClass().isArray() ? Array.getLength(value) : -1;
    }

    /**
     * Checks that every final violation was reported by the end of the stream, and notes, for a stream fed one char at
     * a time ({@code charByChar} is then its document, else null), each size upper bound that an open string or list
     * passed but that was reported only once the value completed: a value of another kind that Jackson coerces (a
     * number for text) is not measured while open.
     */
    private static void checkComplete(
            List<Violation> finals, List<Reported> reported, String charByChar, String where, Coverage coverage) {
        PartialValue document = null;
        Map<String, Reported> byKey = new HashMap<>();
        for (Reported one : reported) {
            byKey.put(key(one.violation()), one);
        }
        for (Violation last : finals) {
            Reported one = byKey.get(key(last));
            if (one == null) {
                coverage.neverReported.add(where + ": " + last);
            } else if (charByChar != null && !one.open() && passesUpperBound(last)) {
                if (document == null) {
                    PartialJsonParser parser = PartialJsonParser.strict();
                    parser.feed(charByChar);
                    document = parser.finish();
                }
                if (!writtenAsStringOrList(document, last.path())) {
                    continue;
                }
                String kind = last.path().toString().replaceAll("/\\d+", "/*");
                coverage.reportedOnlyComplete.merge(kind, 1, Integer::sum);
            }
        }
    }

    /** Returns true when the value at {@code path} in {@code document} is written as a string or an array. */
    private static boolean writtenAsStringOrList(PartialValue document, JsonPointer path) {
        PartialValue node = document;
        for (String segment : path.segments()) {
            if (node instanceof PartialObject object) {
                node = object.get(segment);
            } else if (node instanceof PartialArray array) {
                node = array.get(Integer.parseInt(segment));
            } else {
                return false;
            }
            if (node == null) {
                return false;
            }
        }
        return node.type() == JsonType.STRING || node.type() == JsonType.ARRAY;
    }

    /** Returns true for the violation of a size range whose value is longer than the range allows. */
    private static boolean passesUpperBound(Violation violation) {
        Matcher matcher = SIZE_MESSAGE.matcher(violation.message());
        return matcher.matches() && sizeOf(violation.rejectedValue()) > Integer.parseInt(matcher.group(1));
    }

    private static PartialValue valueAt(PartialValue root, JsonPointer path) {
        PartialValue node = root;
        for (String segment : path.segments()) {
            if (node instanceof PartialObject object) {
                node = object.get(segment);
            } else if (node instanceof PartialArray array) {
                int index = Integer.parseInt(segment);
                node = index < array.size() ? array.get(index) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
