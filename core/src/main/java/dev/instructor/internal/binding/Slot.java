package dev.instructor.internal.binding;

import dev.instructor.json.PartialValue;

/**
 * The binding memo for one position of the document: the last engine node bound there, what it was bound to, and
 * whatever state the shape keeps between snapshots (the bound items of a list, the member slots of an object).
 *
 * <p>Because the engine hands out the very same node instance for a completed value (and for an unchanged open
 * one), comparing {@link #source} by identity is enough to reuse {@link #result}.
 */
public final class Slot {
    PartialValue source;
    Object result;
    Object state;

    /** Returns a fresh, empty slot. */
    public Slot() {}
}
