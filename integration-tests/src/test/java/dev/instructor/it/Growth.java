package dev.instructor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** Checks that a sequence of partial lists only ever grows toward the final list. */
final class Growth {
    private Growth() {}

    /**
     * Every partial is a prefix of {@code expected}: each item but the last equals the expected item, and in the last
     * one every string is a prefix of the expected string (or absent) and every other field equal or absent.
     */
    static <R extends Record> void assertGrowsToward(List<List<R>> partials, List<R> expected) {
        List<R> previous = null;
        for (List<R> partial : partials) {
            assertThat(partial.size()).isLessThanOrEqualTo(expected.size());
            for (int i = 0; i < partial.size() - 1; i++) {
                assertThat(partial.get(i)).as("completed item %d", i).isEqualTo(expected.get(i));
            }
            if (!partial.isEmpty()) {
                assertPrefix(partial.get(partial.size() - 1), expected.get(partial.size() - 1));
            }
            if (previous != null) {
                assertThat(partial)
                        .as("each partial differs from the one before")
                        .isNotEqualTo(previous);
                assertThat(partial.size()).isGreaterThanOrEqualTo(previous.size());
            }
            previous = partial;
        }
    }

    private static void assertPrefix(Record actual, Record expected) {
        for (RecordComponent component : actual.getClass().getRecordComponents()) {
            Object got = read(component, actual);
            Object want = read(component, expected);
            if (got == null) {
                continue;
            }
            if (got instanceof String text) {
                assertThat((String) want).as(component.getName()).startsWith(text);
            } else if (got instanceof List<?> list) {
                List<?> full = (List<?>) want;
                assertThat(list.size()).as(component.getName()).isLessThanOrEqualTo(full.size());
                for (int i = 0; i < list.size(); i++) {
                    String item = String.valueOf(list.get(i));
                    assertThat(String.valueOf(full.get(i)))
                            .as(component.getName())
                            .startsWith(item);
                }
            } else if (!(got instanceof Number number && number.longValue() == 0)) {
                assertThat(got).as(component.getName()).isEqualTo(want);
            }
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
