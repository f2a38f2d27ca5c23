package dev.instructor.json;

/** A JSON {@code true} or {@code false}, shown only once complete. */
public sealed interface PartialBoolean extends PartialValue permits BooleanValue {

    /** Returns the boolean value. */
    boolean value();
}
