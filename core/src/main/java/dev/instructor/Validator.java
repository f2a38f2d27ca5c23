package dev.instructor;

import java.util.List;

/**
 * A check of the final value beyond Bean Validation, such as "every quote must appear in the source text". Runs
 * after Bean Validation, on the fully bound value, and only on a value that gives every property the schema requires
 * a value (a value that leaves one null is re-asked for that alone, as Pydantic runs no model validator after a
 * field failed): a validator may read {@code idea.title()} of a {@code record Idea(String title, ...)} without a null
 * check. Its violations are reported together with those of Bean Validation.
 *
 * <p>Called on the thread that finishes the response; must not block for long. An exception it throws is not a
 * violation: it propagates to the caller. A {@link ValidationException} is the exception: its violations are taken
 * as the answer's, as if returned (and re-asked for).
 *
 * @param <T> the response type
 */
@FunctionalInterface
public interface Validator<T> {

    /**
     * Returns what is wrong with {@code value}, or an empty list when nothing is; never null, nor a list holding null
     * (the call then fails with a {@link NullPointerException} naming this validator).
     *
     * @param value the final value, unwrapped: paths in the returned violations are relative to it (e.g.
     *     {@code /0/title} for a {@code List<Idea>}); the response model adds any wrapper
     * @param context the data the caller supplied for this request
     */
    List<Violation> validate(T value, ValidationContext context);
}
