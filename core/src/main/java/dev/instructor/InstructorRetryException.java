package dev.instructor;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Thrown when every attempt of a structured call was rejected: the first request and each re-ask produced an answer
 * that could not be bound or broke a constraint. Carries each attempt's violations, the model's last output and the
 * tokens used by all attempts together.
 *
 * <p>Survives Java serialization, except for rejected values that are not plain values (text, numbers, booleans,
 * enums, UUIDs, {@code java.time} values), which come back as {@code null}.
 */
public final class InstructorRetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // Not final: readObject restores them, as neither Violation nor Usage is Serializable.
    private transient List<List<Violation>> violationsPerAttempt;
    private final String lastOutput;
    private transient Usage usage;

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
        this.usage = Objects.requireNonNull(usage, "usage");
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

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(violationsPerAttempt.size());
        for (List<Violation> attempt : violationsPerAttempt) {
            SerialViolations.write(out, attempt);
        }
        out.writeLong(usage.inputTokens());
        out.writeLong(usage.outputTokens());
        out.writeLong(usage.totalTokens());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int attempts = in.readInt();
        List<List<Violation>> read = new ArrayList<>(Math.min(attempts, 1024));
        for (int i = 0; i < attempts; i++) {
            read.add(SerialViolations.read(in));
        }
        violationsPerAttempt = List.copyOf(read);
        usage = new Usage(in.readLong(), in.readLong(), in.readLong());
    }

    private static String message(List<List<Violation>> violationsPerAttempt) {
        if (violationsPerAttempt.isEmpty()) {
            throw new IllegalArgumentException("an InstructorRetryException needs at least one attempt");
        }
        List<Violation> last = violationsPerAttempt.get(violationsPerAttempt.size() - 1);
        return "all " + violationsPerAttempt.size() + " attempts failed validation; last:\n" + Violation.render(last);
    }
}
