package dev.instructor;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when every attempt of a structured call was rejected: the first request and each re-ask produced an answer
 * that could not be bound or broke a constraint. Carries every attempt: what the model wrote, why it was rejected and
 * the tokens it used.
 *
 * <p>Survives Java serialization, except for rejected values that are not plain values (text, numbers, booleans,
 * enums, UUIDs, {@code java.time} values), which come back as {@code null}.
 */
public final class InstructorRetryException extends RuntimeException {
    private static final long serialVersionUID = 2L;

    // Not final: readObject restores them, as none of FailedAttempt, Violation and Usage is Serializable.
    private transient List<FailedAttempt> failedAttempts;
    private transient Usage usage;

    /**
     * Creates an exception.
     *
     * @param failedAttempts every attempt, first attempt first; at least one
     */
    public InstructorRetryException(List<FailedAttempt> failedAttempts) {
        super(message(failedAttempts));
        this.failedAttempts = List.copyOf(failedAttempts);
        this.usage = total(this.failedAttempts);
    }

    /** Returns how many attempts were made. */
    public int attempts() {
        return failedAttempts.size();
    }

    /** Returns every attempt, first attempt first: its output, its violations and its tokens. */
    public List<FailedAttempt> failedAttempts() {
        return failedAttempts;
    }

    /** Returns each attempt's violations, first attempt first. */
    public List<List<Violation>> violationsPerAttempt() {
        return failedAttempts.stream().map(FailedAttempt::violations).toList();
    }

    /** Returns the last attempt's violations. */
    public List<Violation> lastViolations() {
        return last().violations();
    }

    /** Returns the structured text the model produced in the last attempt (cut short if it was aborted early). */
    public String lastOutput() {
        return last().output();
    }

    /**
     * Returns the tokens used by all attempts together, as the provider reported them. Providers report usage when
     * a response ends, so an attempt aborted early by fail-fast counts as zero.
     */
    public Usage usage() {
        return usage;
    }

    private FailedAttempt last() {
        return failedAttempts.get(failedAttempts.size() - 1);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(failedAttempts.size());
        for (FailedAttempt attempt : failedAttempts) {
            out.writeInt(attempt.number());
            out.writeObject(attempt.output()); // not writeUTF, which stops at 65535 bytes
            SerialViolations.write(out, attempt.violations());
            Usage used = attempt.usage();
            out.writeLong(used.inputTokens());
            out.writeLong(used.outputTokens());
            out.writeLong(used.totalTokens());
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int attempts = in.readInt();
        List<FailedAttempt> read = new ArrayList<>(Math.min(attempts, 1024));
        for (int i = 0; i < attempts; i++) {
            int number = in.readInt();
            String output = (String) in.readObject();
            List<Violation> violations = SerialViolations.read(in);
            Usage used = new Usage(in.readLong(), in.readLong(), in.readLong());
            read.add(new FailedAttempt(number, output, violations, used));
        }
        failedAttempts = List.copyOf(read);
        usage = total(failedAttempts);
    }

    private static Usage total(List<FailedAttempt> attempts) {
        Usage sum = Usage.ZERO;
        for (FailedAttempt attempt : attempts) {
            sum = sum.plus(attempt.usage());
        }
        return sum;
    }

    private static String message(List<FailedAttempt> failedAttempts) {
        if (failedAttempts.isEmpty()) {
            throw new IllegalArgumentException("an InstructorRetryException needs at least one attempt");
        }
        FailedAttempt last = failedAttempts.get(failedAttempts.size() - 1);
        return "all " + failedAttempts.size() + " attempts failed validation; last:\n"
                + Violation.render(last.violations());
    }
}
