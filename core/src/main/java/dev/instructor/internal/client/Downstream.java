package dev.instructor.internal.client;

/**
 * Where a structured run delivers its output: partials, list elements and the end. Called on the thread driving
 * the run, one call at a time; exactly one terminal signal (a final update or an error) ends the sequence.
 */
interface Downstream<T> {

    /** A partial, or the final value when {@link Update#isFinal()}, which ends the sequence. */
    void onUpdate(Update<T> update);

    /** A complete, valid list item, each index once per run. */
    void onElement(Object element);

    /** The run failed or was cancelled; ends the sequence. */
    void onError(Throwable error);
}
