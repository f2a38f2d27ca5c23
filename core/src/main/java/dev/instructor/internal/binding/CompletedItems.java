package dev.instructor.internal.binding;

/**
 * A partial collection that is not a list (a set) whose completed items can be handed out one by one as they arrive:
 * in the order they first appeared, each with the index in the JSON array it came from, which is what completion and
 * validation are reported by.
 */
public interface CompletedItems {
    /** Returns how many items are complete. */
    int completedCount();

    /** Returns the complete item at {@code position}, from 0 to {@link #completedCount()} (exclusive). */
    Object completedItem(int position);

    /** Returns the index in the JSON array at which the item at {@code position} first appeared. */
    int sourceIndex(int position);
}
