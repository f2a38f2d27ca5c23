package dev.instructor;

import java.util.List;

/**
 * Thrown when every attempt of a structured call was rejected: the first request and each re-ask produced an answer
 * that could not be bound or broke a constraint. Carries each attempt's violations, the model's last output and the
 * tokens used by all attempts together.
 */
public final class InstructorRetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<List<Violation>> violationsPerAttempt;
    private final String lastOutput;
    private final transient Usage usage;

    /**
     * Creates an exception.
     *
     * @param violationsPerAttempt each attempt's violations, first attempt first; at least one attempt
     * @param lastOutput the structured text the model produced last
     * @param usage the tokens used by all attempts together
     */
    public InstructorRetryException(List<List<Violation>> violationsPerAttempt, String lastOutput, Usage usage) {
        super(message(violationsPerAttempt));
        this.violationsPerAttempt =
                violationsPerAttempt.stream().map(List::copyOf).toList();
        this.lastOutput = lastOutput;
        this.usage = usage;
    }

    /** Returns how many attempts were made. */
    public int attempts() {
        return violationsPerAttempt.size();
    }

    /** Returns each attempt's violations, first attempt first. */
    public List<List<Violation>> violationsPerAttempt() {
        return violationsPerAttempt;
    }

    /** Returns the last attempt's violations. */
    public List<Violation> lastViolations() {
        return violationsPerAttempt.get(violationsPerAttempt.size() - 1);
    }

    /** Returns the structured text the model produced in the last attempt (cut short if it was aborted early). */
    public String lastOutput() {
        return lastOutput;
    }

    /**
     * Returns the tokens used by all attempts together, as the provider reported them. Providers report usage when
     * a response ends, so an attempt aborted early by fail-fast counts as zero.
     */
    public Usage usage() {
        return usage;
    }

    private static String message(List<List<Violation>> violationsPerAttempt) {
        if (violationsPerAttempt.isEmpty()) {
            throw new IllegalArgumentException("an InstructorRetryException needs at least one attempt");
        }
        List<Violation> last = violationsPerAttempt.get(violationsPerAttempt.size() - 1);
        return "all " + violationsPerAttempt.size() + " attempts failed validation; last:\n" + Violation.render(last);
    }
}
