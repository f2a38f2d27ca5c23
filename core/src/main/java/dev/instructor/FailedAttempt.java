package dev.instructor;

import java.util.List;
import java.util.Objects;

/**
 * One attempt of a structured call whose answer was rejected, as an {@link InstructorRetryException} reports it: what
 * the model wrote, why it was rejected and what it cost. Comparing the attempts shows whether the re-asks moved the
 * model at all, or whether it repeated the same answer.
 *
 * @param number 1 for the first request, 2 for the first re-ask, and so on
 * @param output the structured text the model wrote in this attempt (a tool call's arguments or the message's text),
 *     as received; cut short where fail-fast stopped the attempt
 * @param violations why the answer was rejected; at least one
 * @param usage the tokens of this attempt as the provider reported them; {@link Usage#ZERO} when it reported none, as
 *     for an attempt that fail-fast stopped before the provider's usage arrived
 */
public record FailedAttempt(int number, String output, List<Violation> violations, Usage usage) {

    /** Checks the arguments and copies the violations. */
    public FailedAttempt {
        if (number < 1) {
            throw new IllegalArgumentException("an attempt's number starts at 1, was " + number);
        }
        Objects.requireNonNull(output, "output");
        violations = List.copyOf(violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a failed attempt has at least one violation");
        }
        Objects.requireNonNull(usage, "usage");
    }
}
