package dev.instructor.json;

/** A JSON {@code null}, shown only once complete. */
public sealed interface PartialNull extends PartialValue permits NullValue {}
