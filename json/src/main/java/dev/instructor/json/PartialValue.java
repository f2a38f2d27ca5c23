package dev.instructor.json;

/**
 * An immutable snapshot of a JSON value that may still be arriving.
 *
 * <p>A tree of partial values is what {@link PartialJsonParser#snapshot()} returns after every chunk. Each node
 * says whether it is {@linkplain #isComplete() complete}: its closing quote, bracket or brace (or, for a number or
 * literal, its last character) has been read. Snapshots are monotone: a later snapshot of the same parser only adds
 * to an earlier one. Strings only grow, arrays and objects only gain members, and a complete node never changes.
 * The one exception is a member name an object repeats: the member then takes the value written last, in the place
 * of its first (see {@link PartialObject}), and {@link PartialObject#repeatedKeys()} counts how often that happened.
 *
 * <p><b>Identity contract.</b> Once a node is complete, every later snapshot contains that very same instance at
 * the same place, unless a repeated member name replaces it there (see above). Consumers may therefore cache work per
 * node by identity (for example, a bound Java object) and reuse it for every later partial, checking {@link
 * PartialObject#repeatedKeys()} where the input may repeat names. Nodes on the path still being written are fresh
 * instances in each snapshot that changed them.
 *
 * <p>Instances are immutable and safe to share between threads. They do not override {@code equals}: two nodes are
 * equal when they are the same instance (each of {@code true}, {@code false} and {@code null} is one instance), which
 * is what the identity contract needs. Compare {@link #toJson()} for nodes with the same content; {@code toString()}
 * returns the same text.
 */
public sealed interface PartialValue
        permits PartialObject, PartialArray, PartialString, PartialNumber, PartialBoolean, PartialNull {

    /** Returns which kind of JSON value this is; handy for a {@code switch} on Java 17. */
    JsonType type();

    /** Returns true when this value has been read to its end and will never change again. */
    boolean isComplete();

    /**
     * Renders this snapshot as JSON text: an open string is closed after its prefix, open arrays and objects are
     * closed after their members so far. Numbers keep the exact text they were written with.
     *
     * @return compact JSON text, always syntactically valid
     */
    String toJson();

    /**
     * Appends the same text as {@link #toJson()} to {@code out}, without building an intermediate string.
     *
     * @param out where the JSON text goes
     */
    void appendJson(StringBuilder out);

    /**
     * Renders this snapshot as its text was written: as {@link #toJson()} does, except that an object whose keys
     * repeated ({@link PartialObject#repeatedKeys()}) shows every member in the order it arrived, a repeated key each
     * time with the value written there. For a consumer that resolves a repeated key otherwise than by its last value,
     * as a JSON library does that keeps the first one or rejects the object.
     *
     * @return compact JSON text, always syntactically valid; the same as {@link #toJson()} where no key repeated
     */
    default String toWrittenJson() {
        return toJson();
    }
}
