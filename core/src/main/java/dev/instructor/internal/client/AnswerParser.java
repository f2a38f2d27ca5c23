package dev.instructor.internal.client;

import dev.instructor.json.JsonParseException;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import dev.instructor.schema.JsonSchemas;
import dev.instructor.spi.Mode;
import java.util.List;
import java.util.Optional;

/**
 * Parses one attempt's answer as it streams, with the parser its first char calls for.
 *
 * <p>The lenient parser, looking for an object, finds the object asked for after prose or in a Markdown fence, and an
 * array of objects; a scalar or an array of scalars only in a json fence. A wrapped type's value written bare (see
 * BareValues) may be either. Where the provider holds the model to JSON, in every mode but MD_JSON, the text is the
 * value, so an answer that starts as an array (or, for a wrapped scalar, as a scalar) is read from that char:
 * leniently with any items, and strictly for a scalar. In MD_JSON, prose may start so ({@code 1. First, ...}), and the
 * fence is looked for as ever.
 *
 * <p>Not thread-safe; driven by its attempt.
 */
final class AnswerParser {
    /** The attempt's whole text so far, the delta being fed included: a parser chosen late reads it from the start. */
    private final CharSequence text;

    private final Wrapping wrapping;
    /** Whether an answer may be read as a value written bare: the type is wrapped and the mode is not MD_JSON. */
    private final boolean mayBeBare;

    private PartialJsonParser parser = objectParser();
    /** Whether a char other than whitespace has reached the parser. */
    private boolean started;
    /** Whether the parser is the strict one that reads a scalar written bare. */
    private boolean readsBareScalar;
    /** Whether the bare scalar has ended and the text after it is ignored, as the lenient parser ignores it. */
    private boolean pastValue;

    AnswerParser(CharSequence text, Wrapping wrapping, Mode mode) {
        this.text = text;
        this.wrapping = wrapping;
        this.mayBeBare = wrapping.isWrapped() && mode != Mode.MD_JSON;
    }

    /**
     * Feeds a delta, which the attempt's text already ends with. The strict parser of a bare scalar fails on text after
     * the value, which the lenient one ignores after a wrapper object ({@code "hello"\nHope this helps!}): that text is
     * ignored here too. It also fails on prose that only starts like a scalar ({@code the value: {...}}, {@code 1.
     * ...}) before any value: that text is prose, read by the lenient parser from its start as an answer not written
     * bare is.
     *
     * @throws JsonParseException when the answer is not valid JSON
     */
    void feed(String delta) {
        try {
            if (started) {
                parser.feed(delta);
            } else {
                feedFirst(delta);
            }
        } catch (JsonParseException e) {
            if (!readsBareScalar) {
                throw e;
            }
            readsBareScalar = false;
            if (parser.isComplete()) {
                pastValue = true;
            } else if (parser.current() == null) {
                parser = objectParser(); // nothing was shown from the strict one
                parser.feed(text);
            } else {
                throw e;
            }
        }
    }

    /** Returns true when a bare scalar has ended: the rest of the answer is not fed, and not read. */
    boolean isPastValue() {
        return pastValue;
    }

    /** Returns the value so far, or null; see {@link PartialJsonParser#current()}. */
    PartialValue current() {
        return parser.current();
    }

    /** Returns the value so far; see {@link PartialJsonParser#snapshot()}. */
    Optional<PartialValue> snapshot() {
        return parser.snapshot();
    }

    /** Returns the paths the last feed completed; see {@link PartialJsonParser#completedPaths()}. */
    List<JsonPointer> completedPaths() {
        return parser.completedPaths();
    }

    /** Returns the path being written; see {@link PartialJsonParser#activePath()}. */
    Optional<JsonPointer> activePath() {
        return parser.activePath();
    }

    /**
     * Returns the complete value at the end of the answer; see {@link PartialJsonParser#finish()}.
     *
     * @throws JsonParseException when the answer is cut short or invalid
     */
    PartialValue finish() {
        return parser.finish();
    }

    /** Returns the parser of an answer not written bare: lenient, looking for the object asked for. */
    private static PartialJsonParser objectParser() {
        return PartialJsonParser.builder().lenient(true).expectObject(true).build();
    }

    /** Feeds a delta of the text before its first char that is not whitespace, choosing the parser by that char. */
    private void feedFirst(String delta) {
        int first = 0;
        int at = text.length() - delta.length(); // text holds the delta already
        while (first < delta.length() && skipsBefore(delta.charAt(first), at + first)) {
            first++;
        }
        if (first == delta.length()) {
            parser.feed(delta);
            return;
        }
        started = true;
        char c = delta.charAt(first);
        if (!mayBeBare || !startsBareValue(c)) {
            parser.feed(delta);
            return;
        }
        // The parser replaced has read only whitespace and a leading BOM: the new one reads the whole text, for the
        // same offsets.
        readsBareScalar = c != '[';
        parser = readsBareScalar
                ? PartialJsonParser.strict()
                : PartialJsonParser.builder().lenient(true).build();
        parser.feed(text);
    }

    /** Returns true when the parsers skip {@code c} at {@code offset} before a value: whitespace, or a leading BOM. */
    private static boolean skipsBefore(char c, int offset) {
        return Character.isWhitespace(c) || (c == '\uFEFF' && offset == 0);
    }

    /**
     * Returns true when {@code c} starts a value of the wrapped kind written bare: only an array for a collection
     * (wrapped under {@code items}), so that prose a model writes against JSON mode ({@code the ideas: {...}}, {@code
     * 1 idea: ...}) is still skipped; an array or a scalar for the rest.
     */
    private boolean startsBareValue(char c) {
        if (wrapping.isWrapperKey(JsonSchemas.ITEMS)) {
            return c == '[';
        }
        return switch (c) {
            case '[', '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n' -> true;
            default -> false;
        };
    }
}
