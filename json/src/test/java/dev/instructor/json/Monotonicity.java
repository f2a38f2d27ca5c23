package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

/**
 * Asserts the snapshot contract between two snapshots of one parser: the later one only adds. Strings grow by
 * prefix, arrays and objects gain members, and a complete node is the very same instance afterwards.
 */
final class Monotonicity {
    private Monotonicity() {}

    /** Asserts that every snapshot in the list grows from the one before, and that each is valid JSON text. */
    static void assertGrows(List<Optional<PartialValue>> snapshots) {
        PartialValue previous = null;
        for (Optional<PartialValue> snapshot : snapshots) {
            if (snapshot.isEmpty()) {
                assertThat(previous).as("a snapshot never disappears").isNull();
                continue;
            }
            if (previous != null) {
                assertGrows(previous, snapshot.get(), "");
            }
            previous = snapshot.get();
        }
    }

    /** Asserts that {@code next} grows from {@code previous}. */
    static void assertGrows(PartialValue previous, PartialValue next, String path) {
        if (previous.isComplete()) {
            assertThat(next)
                    .as("complete node at '%s' is the same instance", path)
                    .isSameAs(previous);
            return;
        }
        assertThat(next.type()).as("type at '%s'", path).isEqualTo(previous.type());
        switch (previous.type()) {
            case STRING ->
                assertThat(((PartialString) next).value())
                        .as("string at '%s'", path)
                        .startsWith(((PartialString) previous).value());
            case ARRAY -> {
                PartialArray before = (PartialArray) previous;
                PartialArray after = (PartialArray) next;
                assertThat(after.size()).as("size at '%s'", path).isGreaterThanOrEqualTo(before.size());
                for (int i = 0; i < before.size(); i++) {
                    assertGrows(before.get(i), after.get(i), path + "/" + i);
                }
            }
            case OBJECT -> {
                PartialObject before = (PartialObject) previous;
                PartialObject after = (PartialObject) next;
                assertThat(after.size()).as("size at '%s'", path).isGreaterThanOrEqualTo(before.size());
                for (int i = 0; i < before.size(); i++) {
                    assertThat(after.keyAt(i)).as("key %d at '%s'", i, path).isEqualTo(before.keyAt(i));
                    assertGrows(before.valueAt(i), after.valueAt(i), path + "/" + before.keyAt(i));
                }
            }
            default -> throw new AssertionError("incomplete " + previous.type() + " at '" + path + "'");
        }
    }
}
