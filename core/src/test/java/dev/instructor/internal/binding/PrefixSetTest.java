package dev.instructor.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixSetTest {
    /** Below and above the size from which items are found through the shared index. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 7, 8, 9, 40})
    void views_actLikeTheLinkedHashSetOfTheirItems_andIgnoreLaterAdds(int count) {
        PrefixSet.Store store = new PrefixSet.Store();
        List<Object> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object item = i == 4 ? null : "i" + (i % 6 == 5 ? i - 1 : i); // a null, and repeats of the item before
            store.add(item, i);
            added.add(item);
        }
        Set<Object> expected = new LinkedHashSet<>(added);
        PrefixSet<Object> closed = store.view(Shape.ABSENT);
        PrefixSet<Object> open = store.view("partial");
        Set<Object> expectedOpen = new LinkedHashSet<>(expected);
        expectedOpen.add("partial");

        for (int i = 0; i < 30; i++) {
            store.add("later" + i, count + i);
        }
        store.add("partial", count + 30);

        assertSetBehavesLike(closed, expected);
        assertSetBehavesLike(open, expectedOpen);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 12})
    void openItemEqualToAnEarlierOne_isShownOnce(int count) {
        PrefixSet.Store store = new PrefixSet.Store();
        for (int i = 0; i < count; i++) {
            store.add("i" + i, i);
        }
        store.add(null, count);

        assertSetBehavesLike(store.view("i1"), store.view(Shape.ABSENT));
        assertSetBehavesLike(store.view(null), store.view(Shape.ABSENT));
        assertThat(store.view("new")).hasSize(count + 2).contains("new");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 12})
    void mutators_throw(int count) {
        PrefixSet.Store store = new PrefixSet.Store();
        for (int i = 0; i < count; i++) {
            store.add(i, i);
        }
        Set<Object> set = store.view("last");

        assertThatThrownBy(() -> set.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(set::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.removeIf(item -> true)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(set).hasSize(count + 1);
    }

    private static void assertSetBehavesLike(Set<Object> set, Set<Object> expected) {
        assertThat(set).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(expected.size());
        assertThat(expected).isEqualTo(set);
        assertThat(new ArrayList<>(set)).containsExactlyElementsOf(expected);
        for (Object item : expected) {
            assertThat(set.contains(item)).as("%s", item).isTrue();
        }
        for (Object absent : Arrays.asList("nope", "later0", 42, expected.contains(null) ? "x" : null)) {
            assertThat(set.contains(absent)).as("%s", absent).isFalse();
        }
        assertThat(set.toString()).isEqualTo(expected.toString());
    }
}
