package dev.instructor.internal.client;

import dev.instructor.json.JsonParseException;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialArray;
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
 * value, so an answer that starts as an array (or, for a wrapped scalar or a list that takes a lone value, as a
 * scalar) is read from that char: leniently with any items, and strictly for a scalar. In MD_JSON, prose may start so
 * ({@code 1. First, ...}), and the fence is looked for as ever.
 *
 * <p>A model that ignores JSON mode may still start with a bracket of prose before the wrapper: a footnote ({@code [1]
 * Here is the JSON: {...}}), a checkbox ({@code [ ] {...}}), a tag ({@code [note]}). For a list the char after the
 * {@code [} decides. Until it arrives, and while the parser it chose shows nothing, the answer shows the list open and
 * empty, as a wrapped answer shows its list at its {@code [}; the root's kind is not settled before the list shows an
 * item (see {@link #isSettled}). A list of objects written bare starts <code>[&#123;</code>: after a {@code [}
 * followed by anything else, the object-seeking parser reads the whole text. An empty array is the list only when no
 * wrapper object follows it, which is known at the end. Any other start is read with any items, and falls back to the
 * object-seeking parser when that fails before an item.
 *
 * <p>An answer that starts inside the model's reasoning (see {@link CallPlan#startsInsideReasoning}) is read by the
 * object-seeking parser alone, which skips the reasoning: the answer's first char is the reasoning's, and says nothing
 * of the value.
 *
 * <p>Not thread-safe; driven by its attempt.
 */
final class AnswerParser {
    /** The attempt's whole text so far, the delta being fed included: a parser chosen late reads it from the start. */
    private final CharSequence text;

    private final Wrapping wrapping;
    /** The call's plan: its schema says whether a list's items are objects, its model whether it takes a lone value. */
    private final CallPlan<?> plan;
    /**
     * Whether an answer may be read as a value written bare: the type is wrapped, the mode is not MD_JSON, and the
     * answer does not start inside reasoning, whose first char says nothing of the value.
     */
    private final boolean mayBeBare;

    private PartialJsonParser parser;
    /** Whether a char other than whitespace has reached the parser. */
    private boolean started;
    /** Whether the parser is the strict one that reads a scalar written bare. */
    private boolean readsBareScalar;
    /** Whether the bare scalar has ended and the text after it is ignored, as the lenient parser ignores it. */
    private boolean pastValue;
    /**
     * The open empty list shown while the answer is a {@code [} whose next char has not arrived, or whose parser has
     * found no value since; null when the answer did not start so.
     */
    private PartialValue heldList;
    /** Where in the text to look for the char after the leading {@code [}, while it has not arrived; else -1. */
    private int awaitingItemAt = -1;
    /** Whether the parser is the lenient one that reads a list of any items written bare. */
    private boolean readsBareList;
    /** Whether the answer starts with an empty array: the list, unless a wrapper object follows it. */
    private boolean startsEmpty;
    /** Whether {@link #finish()} took the leading empty array for the list: its root is what it completed. */
    private boolean finishedEmpty;

    AnswerParser(CharSequence text, Wrapping wrapping, CallPlan<?> plan) {
        this.text = text;
        this.wrapping = wrapping;
        this.plan = plan;
        this.mayBeBare = wrapping.isWrapped() && plan.mode != Mode.MD_JSON && !plan.startsInsideReasoning;
        this.parser = objectParser();
    }

    /**
     * Feeds a delta, which the attempt's text already ends with. The strict parser of a bare scalar fails on text after
     * the value, which the lenient one ignores after a wrapper object ({@code "hello"\nHope this helps!}): that text is
     * ignored here too. It also fails on prose that only starts like a scalar ({@code the value: {...}}, {@code 1.
     * ...}) before any value: that text is prose, read by the lenient parser from its start as an answer not written
     * bare is. So is text that starts like a list of other items than objects and fails before its first item
     * ({@code [note] ...}).
     *
     * @throws JsonParseException when the answer is not valid JSON
     */
    void feed(String delta) {
        try {
            if (awaitingItemAt >= 0) {
                feedAfterBracket();
            } else if (started) {
                parser.feed(delta);
            } else {
                feedFirst(delta);
            }
        } catch (JsonParseException e) {
            if (readsBareList && showsNoItem(parser.current())) {
                readsBareList = false;
                parser = objectParser(); // prose such as [note]: only the open list was shown, as before any wrapper
                parser.feed(text);
                return;
            }
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

    private static boolean showsNoItem(PartialValue value) {
        return value == null || value instanceof PartialArray array && array.size() == 0;
    }

    /** Returns true when a bare scalar has ended: the rest of the answer is not fed, and not read. */
    boolean isPastValue() {
        return pastValue;
    }

    /** Returns the value so far, or null; see {@link PartialJsonParser#current()}. */
    PartialValue current() {
        PartialValue value = parser.current();
        return value == null ? heldList : value;
    }

    /**
     * Returns true when the root of {@code snapshot}, returned by {@link #current()}, is of the kind it will keep: not
     * the open list held for a leading {@code [}, nor a bare list with no item yet, either of which may turn out to be
     * prose before the wrapper object.
     */
    boolean isSettled(PartialValue snapshot) {
        return snapshot != heldList && !(readsBareList && showsNoItem(snapshot));
    }

    /** Returns the value so far; see {@link PartialJsonParser#snapshot()}. */
    Optional<PartialValue> snapshot() {
        return Optional.ofNullable(current());
    }

    /** Returns the paths the last feed completed; see {@link PartialJsonParser#completedPaths()}. */
    List<JsonPointer> completedPaths() {
        return finishedEmpty ? List.of(JsonPointer.root()) : parser.completedPaths();
    }

    /** Returns the path being written; see {@link PartialJsonParser#activePath()}. */
    Optional<JsonPointer> activePath() {
        boolean held = parser.current() == null && heldList != null && !startsEmpty;
        return held ? Optional.of(JsonPointer.root()) : parser.activePath();
    }

    /**
     * Returns the complete value at the end of the answer; see {@link PartialJsonParser#finish()}.
     *
     * @throws JsonParseException when the answer is cut short or invalid
     */
    PartialValue finish() {
        if (startsEmpty && parser.current() == null) {
            // No wrapper object after the empty array: it was the list, and the text after it is ignored.
            PartialJsonParser empty = PartialJsonParser.strict();
            empty.feed("[]");
            finishedEmpty = true;
            return empty.finish();
        }
        return parser.finish();
    }

    /**
     * Returns the parser of an answer not written bare: lenient, looking for the object asked for, after the
     * reasoning the answer starts inside, if it does.
     */
    private PartialJsonParser objectParser() {
        return PartialJsonParser.builder()
                .lenient(true)
                .expectObject(true)
                .startsInsideReasoning(plan.startsInsideReasoning)
                .build();
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
        if (c == '[' && wrapping.isWrapperKey(JsonSchemas.ITEMS)) {
            PartialJsonParser open = PartialJsonParser.strict();
            open.feed("[");
            heldList = open.current();
            awaitingItemAt = at + first + 1;
            feedAfterBracket();
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

    /**
     * Looks for the char after the leading {@code [} of a list, in the text not looked at yet; once it has arrived,
     * chooses the parser by it and feeds it the whole text.
     */
    private void feedAfterBracket() {
        int at = awaitingItemAt;
        while (at < text.length() && isJsonWhitespace(text.charAt(at))) {
            at++;
        }
        if (at == text.length()) {
            awaitingItemAt = at;
            return;
        }
        awaitingItemAt = -1;
        char c = text.charAt(at);
        startsEmpty = c == ']';
        if (startsEmpty) {
            // Shown complete, as the wrapped answer shows its empty list; its path completes at the end, which alone
            // tells the list from a checkbox before the wrapper.
            PartialJsonParser empty = PartialJsonParser.strict();
            empty.feed("[]");
            heldList = empty.current();
        }
        if (startsEmpty || (c != '{' && ObjectItems.in(plan.schema))) {
            parser = objectParser(); // it reads [{ as a list of objects, and a [ before anything else as prose
        } else {
            readsBareList = true;
            parser = PartialJsonParser.builder().lenient(true).build();
        }
        parser.feed(text);
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Returns true when the parsers skip {@code c} at {@code offset} before a value: whitespace, or a leading BOM. */
    private static boolean skipsBefore(char c, int offset) {
        return Character.isWhitespace(c) || (c == '\uFEFF' && offset == 0);
    }

    /**
     * Returns true when {@code c} starts a value of the wrapped kind written bare: for a collection (wrapped under
     * {@code items}) an array, or a scalar when the list takes a lone value for its only item, as parse then does (see
     * {@link SingleValues}); else prose a model writes against JSON mode ({@code the ideas: {...}}, {@code 1 idea:
     * ...}) is still skipped. An array or a scalar for the rest.
     */
    private boolean startsBareValue(char c) {
        if (wrapping.isWrapperKey(JsonSchemas.ITEMS)) {
            return c == '[' || (startsScalar(c) && SingleValues.acceptedBy(plan.model, JsonSchemas.ITEMS));
        }
        return c == '[' || startsScalar(c);
    }

    private static boolean startsScalar(char c) {
        return switch (c) {
            case '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n' -> true;
            default -> false;
        };
    }
}
