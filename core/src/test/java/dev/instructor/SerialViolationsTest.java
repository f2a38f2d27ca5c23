package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialViolationsTest {
    /** Not Serializable, as a user's bound value often is not. */
    record Idea(String title) {}

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void validationException_keepsItsViolations() throws Exception {
        ValidationException original = new ValidationException(List.of(
                Violation.of("/items/1/title", "size must be between 0 and 140", "x".repeat(150)),
                Violation.of("/a~1b", "must not be before today", LocalDate.of(2020, 1, 1)),
                Violation.of("", "no answer")));

        ValidationException copy = roundTrip(original);

        assertThat(copy.violations()).isEqualTo(original.violations());
        assertThat(copy.getMessage()).isEqualTo(original.getMessage());
    }

    @Test
    void validationException_pathLongerThanWriteUtfTakes_keptWhole() throws Exception {
        // A map key the model wrote can be any length; writeUTF stops at 65535 bytes.
        String key = "k".repeat(70_000);
        ValidationException original = new ValidationException(List.of(Violation.of("/notes/" + key, "too long")));

        ValidationException copy = roundTrip(original);

        assertThat(copy.violations()).isEqualTo(original.violations());
    }

    @Test
    void validationException_rejectedValueThatIsNotPlain_comesBackNull() throws Exception {
        ValidationException original =
                new ValidationException(List.of(Violation.of("/ideas", "too few", List.of(new Idea("t")))));

        ValidationException copy = roundTrip(original);

        assertThat(copy.violations()).containsExactly(Violation.of("/ideas", "too few"));
    }

    @Test
    void instructorRetryException_keepsAttemptsViolationsAndUsage() throws Exception {
        String longOutput = "[\"" + "é".repeat(70_000); // past writeUTF's 65535 bytes
        InstructorRetryException original = new InstructorRetryException(List.of(
                new FailedAttempt(1, "[1", List.of(Violation.of("/0", "too long", 7)), new Usage(4, 5, 9)),
                new FailedAttempt(2, longOutput, List.of(Violation.of("/1", "missing")), new Usage(6, 15, 21))));

        InstructorRetryException copy = roundTrip(original);

        assertThat(copy.attempts()).isEqualTo(2);
        assertThat(copy.failedAttempts()).isEqualTo(original.failedAttempts());
        assertThat(copy.violationsPerAttempt()).isEqualTo(original.violationsPerAttempt());
        assertThat(copy.lastViolations()).containsExactly(Violation.of("/1", "missing"));
        assertThat(copy.usage()).isEqualTo(new Usage(10, 20, 30));
        assertThat(copy.lastOutput()).isEqualTo(longOutput);
        assertThat(copy.getMessage()).isEqualTo(original.getMessage());
    }
}
